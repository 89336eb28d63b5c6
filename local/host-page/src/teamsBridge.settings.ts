import { isRecord } from './config';

/*
 * The add-a-tab dialog's side of the teams-js protocol: what a configuration page may save (pages.config.setConfig)
 * and the checks Teams makes before it accepts it.
 */

/** What a configuration page set with pages.config.setConfig (teams-js `pages.InstanceConfig`). */
export interface TabSettings {
  contentUrl: string;
  entityId?: string;
  suggestedDisplayName?: string;
  websiteUrl?: string;
  removeUrl?: string;
}

/** The add-a-tab dialog's side of a configuration page: whether Save is enabled, and how a save ended. */
export type SettingsEvent =
  { kind: 'validity'; valid: boolean } | { kind: 'saved'; settings: TabSettings } | { kind: 'failed'; reason: string };

/** Teams only accepts content on the app's valid domains; here, the tab's own origin. Null when acceptable. */
export function settingsProblem(value: unknown, tabOrigin: string): string | null {
  if (!isTabSettings(value)) return 'setConfig needs a contentUrl';
  for (const key of ['contentUrl', 'websiteUrl', 'removeUrl'] as const) {
    const url = value[key];
    if (url === undefined) continue;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return `${key} ${url} is not a URL`;
    }
    if (origin !== tabOrigin) return `${key} ${url} is not on the app's domain ${tabOrigin}`;
  }
  return null;
}

export function isTabSettings(value: unknown): value is TabSettings {
  if (!isRecord(value) || typeof value.contentUrl !== 'string') return false;
  return (['entityId', 'suggestedDisplayName', 'websiteUrl', 'removeUrl'] as const).every(
    (key) => value[key] === undefined || typeof value[key] === 'string',
  );
}
