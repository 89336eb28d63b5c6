/**
 * Which surface the tab shows, and where the manifest puts it. The one place both the tab (main.tsx, boot.ts) and
 * the manifest checks (scripts/src/manifest/tabContexts.ts re-exports this module through `@candor/tab/surfaces`)
 * read it, so the manifest cannot list a context the tab does not handle.
 *
 * Pure and dependency-free on purpose: scripts compiles it for Node as well (tab/tsconfig.surfaces.json).
 */

/**
 * The surfaces this tab renders (one folder each under tab/src). `home` is the first personal tab (the coming 1:1s,
 * each board opened full width); `trends` the second (monthly trends). `settings` is opened from Home: how status
 * requests, prep messages and sharing work for the person.
 */
export const SURFACES = ['board', 'prep', 'status', 'config', 'trends', 'home', 'settings'] as const;
export type Surface = (typeof SURFACES)[number];

/** What teams-js reports as `page.frameContext` where a meeting tab runs (`FrameContexts` in teams-js). */
export type MeetingFrameContext = 'sidePanel' | 'content' | 'settings' | 'remove';

/**
 * A configurable (meeting) tab has ONE contentUrl for the side panel, the meeting details tab and the meeting chat
 * tab, so the tab picks its surface from the frame context when the URL names none. `remove` is the page Teams
 * opens only when a tab sets a removeUrl; Candor sets none, so it has nothing of its own there (null: the default).
 */
export const SURFACE_FOR_FRAME_CONTEXT = {
  sidePanel: 'board',
  content: 'prep',
  settings: 'config',
  remove: null,
} as const satisfies Record<MeetingFrameContext, Surface | null>;

/** Outside a meeting frame context the tab keeps what it always showed. */
export const DEFAULT_SURFACE = 'board' satisfies Surface;

/** The surface named in the URL (`?surface=`), or null. Email links and the local host page name one. */
export function surfaceFromSearch(search: string): Surface | null {
  const value = new URLSearchParams(search).get('surface');
  return SURFACES.find((s) => s === value) ?? null;
}

/** The frame context's surface, or null for a frame context Candor has nothing for (or none at all). */
export function surfaceForFrameContext(frameContext: string | null | undefined): Surface | null {
  if (!frameContext || !Object.hasOwn(SURFACE_FOR_FRAME_CONTEXT, frameContext)) return null;
  return SURFACE_FOR_FRAME_CONTEXT[frameContext as MeetingFrameContext];
}

/** An explicit `?surface=` wins; otherwise the frame context decides; otherwise the default. */
export function chooseSurface(named: Surface | null, frameContext: string | null | undefined): Surface {
  return named ?? surfaceForFrameContext(frameContext) ?? DEFAULT_SURFACE;
}

/**
 * Where Candor's manifest puts the tab, the frame context Teams reports there and what the tab shows. Meeting
 * contexts take their surface from the map above; a personal tab is a static tab, whose contentUrl names its surface
 * (PERSONAL_TABS below; `home` is the one Teams opens first).
 */
export interface TabPlacement {
  frameContext: MeetingFrameContext;
  surface: Surface;
}

export const TAB_PLACEMENTS = {
  meetingSidePanel: { frameContext: 'sidePanel', surface: SURFACE_FOR_FRAME_CONTEXT.sidePanel },
  meetingDetailsTab: { frameContext: 'content', surface: SURFACE_FOR_FRAME_CONTEXT.content },
  meetingChatTab: { frameContext: 'content', surface: SURFACE_FOR_FRAME_CONTEXT.content },
  personalTab: { frameContext: 'content', surface: 'home' },
} as const satisfies Record<string, TabPlacement>;

/**
 * The personal (static) tabs, in the order the manifest lists them: Teams opens the first when someone selects the
 * app. The digest links Trends by its entity id, so these ids never change.
 */
export const PERSONAL_TABS = [
  { entityId: 'candor-home', surface: TAB_PLACEMENTS.personalTab.surface },
  { entityId: 'candor-trends', surface: 'trends' },
] as const satisfies readonly { entityId: string; surface: Surface }[];

export type ManifestContext = keyof typeof TAB_PLACEMENTS;

/** The page Teams opens (frame context `settings`) when someone adds the meeting tab: it saves the contentUrl. */
export const CONFIGURATION_SURFACE = SURFACE_FOR_FRAME_CONTEXT.settings;

export function isHandledContext(context: string): context is ManifestContext {
  return Object.hasOwn(TAB_PLACEMENTS, context);
}
