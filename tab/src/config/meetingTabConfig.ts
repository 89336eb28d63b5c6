import type { TabInstanceConfig } from '../host/tabConfig';

/** The tab's entity id in a meeting; the local host page's side panel uses the same one. */
export const MEETING_TAB_ENTITY_ID = 'candor-board';

/**
 * The configuration a meeting gets, from the configuration page's own URL (same origin, same path). The content
 * URL names no `?surface=`: Teams opens that one URL in the side panel, the details tab and the chat tab, and the
 * tab picks its surface from the frame context there (host/surfaces.ts).
 */
export function meetingTabConfig(pageUrl: string): TabInstanceConfig {
  const root = new URL('./', pageUrl);
  root.search = '';
  root.hash = '';
  return {
    contentUrl: root.href,
    entityId: MEETING_TAB_ENTITY_ID,
    suggestedDisplayName: 'Candor',
    websiteUrl: root.href,
  };
}
