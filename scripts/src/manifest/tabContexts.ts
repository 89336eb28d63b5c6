/**
 * Where the manifest puts the tab, and what the tab must show there.
 *
 * Teams tells the tab where it is through `page.frameContext` (tab/src/host/context.ts reads it): the meeting
 * side panel is `sidePanel`; the meeting details tab, the meeting chat tab and a personal tab are `content`; the
 * configuration page Teams opens when someone adds the tab to a meeting is `settings`. A configurable tab has ONE
 * contentUrl for all its contexts, so the tab itself must pick the surface from the frame context there; static
 * tabs name their surface in their contentUrl (`?surface=`), which tab/src/config.ts reads.
 *
 * This list is the contract between the manifest and the tab. The manifest test fails when the manifest lists a
 * context that is not here; keep it in step with the tab (see the README's "Deploy to Azure" notes).
 */
export interface TabPlacement {
  /** What teams-js reports as `page.frameContext` there. */
  frameContext: 'sidePanel' | 'content' | 'settings';
  /** The tab surface shown there (tab/src/<surface>/). */
  surface: 'board' | 'prep' | 'trends' | 'config';
}

export const TAB_PLACEMENTS = {
  meetingSidePanel: { frameContext: 'sidePanel', surface: 'board' },
  meetingDetailsTab: { frameContext: 'content', surface: 'prep' },
  meetingChatTab: { frameContext: 'content', surface: 'prep' },
  personalTab: { frameContext: 'content', surface: 'trends' },
} as const satisfies Record<string, TabPlacement>;

export type ManifestContext = keyof typeof TAB_PLACEMENTS;

/** The page Teams opens (frameContext `settings`) when the meeting tab is added: it saves the tab's contentUrl. */
export const CONFIGURATION_SURFACE = 'config' satisfies TabPlacement['surface'];

export function isHandledContext(context: string): context is ManifestContext {
  return Object.hasOwn(TAB_PLACEMENTS, context);
}
