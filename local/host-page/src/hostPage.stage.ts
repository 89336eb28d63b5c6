import type { HostConfig, HostMeeting, HostUser } from './config';
import type { PageState } from './hostPage.state';
import type { HostApp } from './outlookHost';
import type { FrameContext, HostFrame, TeamsHostBridge } from './teamsBridge';
import type { SettingsEvent } from './teamsBridge.settings';

/** The page's elements a mode fills or changes as it mounts its tab frames. */
export interface StageParts {
  /** The stage itself: the meeting, or one wide personal tab. */
  main: HTMLElement;
  title: HTMLElement;
  /** The wide pane: the meeting details tab, or a personal tab. */
  details: HTMLElement;
  sidePanel: HTMLElement;
  /** Teams' left rail: the app's personal tabs (hostPage.personal.ts). */
  homeButton: HTMLButtonElement;
  trendsButton: HTMLButtonElement;
  meetingSelect: HTMLSelectElement;
  addButton: HTMLButtonElement;
}

/**
 * What a mode (Teams meeting, Teams personal tab, Outlook) gets from the page: who is signed in where, the parts to
 * draw into, and the page's one way to make a bridge and frame a tab. The page core implements it; the modes depend
 * only on this, never on the core, so the core can import every mode.
 */
export interface Stage {
  readonly config: HostConfig;
  readonly state: PageState;
  readonly user: HostUser;
  readonly meeting: HostMeeting | undefined;
  readonly parts: StageParts;
  /** A bridge for this page's tab frames, answering as `hostApp` for `meeting` (null: outside a meeting). */
  bridge(options: {
    meeting: HostMeeting | null;
    hostApp?: HostApp;
    onSettings?: (frame: HostFrame, event: SettingsEvent) => void;
  }): TeamsHostBridge;
  /** An iframe of the tab, registered with the bridge before it loads so its first message is answered. */
  frame(bridge: TeamsHostBridge, frameContext: FrameContext, src: string, entityId: string, title: string): HostFrame;
  /** The tab's URL for a surface, in the page's theme. */
  tabUrl(surface: string, extra?: Record<string, string>): string;
}
