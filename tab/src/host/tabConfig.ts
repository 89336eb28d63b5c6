import { pages } from '@microsoft/teams-js';

/** What the configuration page hands Teams on save (teams-js `pages.InstanceConfig`, every field Candor sets). */
export interface TabInstanceConfig {
  contentUrl: string;
  entityId: string;
  suggestedDisplayName: string;
  websiteUrl: string;
}

export type SaveOutcome = { ok: true } | { ok: false; message: string };

/**
 * Makes Teams' Save button add the tab with `config`: on save, `pages.config.setConfig`, then tell Teams the
 * result through the save event (Teams keeps its dialog open until then). Validity `true` enables the Save button,
 * which Teams keeps disabled until a configuration page says it is ready; Candor has nothing to choose, so at once.
 *
 * Throws where teams-js refuses: outside the `settings` frame context, or a host without `pages.config`.
 */
export function offerTabConfig(config: TabInstanceConfig, onSaved: (outcome: SaveOutcome) => void): void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config.setConfig(config).then(
      () => {
        saveEvent.notifySuccess();
        onSaved({ ok: true });
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        saveEvent.notifyFailure(message);
        onSaved({ ok: false, message });
      },
    );
  });
  pages.config.setValidityState(true);
}

/** Where adding the tab stands, as the configuration page says it. */
export type TabConfigState =
  | { kind: 'ready' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string };

/** The offer as a store for `useSyncExternalStore`: functions over a closure, handed to React on their own. */
export interface TabConfigOffer {
  get(this: void): TabConfigState;
  subscribe(this: void, listener: () => void): () => void;
}

/**
 * `offerTabConfig` as an external store. Creating it touches nothing; the first subscription (React's commit, never
 * a render) makes the offer, and a refusal from teams-js becomes the `unavailable` state rather than a throw.
 */
export function tabConfigOffer(config: TabInstanceConfig): TabConfigOffer {
  let state: TabConfigState = { kind: 'ready' };
  let offered = false;
  const listeners = new Set<() => void>();
  const become = (next: TabConfigState): void => {
    state = next;
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      if (!offered) {
        offered = true;
        try {
          offerTabConfig(config, (outcome) =>
            become(outcome.ok ? { kind: 'saved' } : { kind: 'failed', message: outcome.message }),
          );
        } catch (error) {
          become({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
        }
      }
      return () => listeners.delete(listener);
    },
  };
}
