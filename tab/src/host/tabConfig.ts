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
