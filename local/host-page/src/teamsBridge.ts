import { isRecord, type HostMeeting, type HostUser, type TeamsTheme } from './config';
import { hostNameOf, runtimeSupports, type HostApp } from './outlookHost';
import { runAuthPopup } from './authPopup';
import { isTabSettings, settingsProblem, type SettingsEvent, type TabSettings } from './teamsBridge.settings';

/**
 * The parent side of the teams-js (2.x) postMessage protocol, enough for Candor's tab.
 *
 * Child → parent (request), posted to window.parent:
 *   { id: number, uuidAsString?: string, func: string, args: unknown[], timestamp, monotonicTimestamp,
 *     apiVersionTag: 'v2_app.initialize' …, isProxiedFromChild, teamsJsInstanceId }
 * Parent → child (response), posted to the iframe with the tab's origin as target:
 *   { id, uuidAsString, args }   — teams-js matches it by uuid (falling back to id)
 * Parent → child (event), no id:
 *   { func: 'themeChange', args: [theme] }
 *   { func: 'settings.save', args: [{}] }   — Teams' Save button in the add-a-tab dialog (see save())
 *
 * The configuration page (frameContext 'settings') then asks, in this order:
 *   registerHandler ['save']                 — it handles save itself (no answer)
 *   settings.setValidityState [true]         — enables Save (no answer)
 *   settings.setSettings [InstanceConfig]    — answered [true] or [false, reason]
 *   settings.save.success [] / settings.save.failure [reason]   — ends the save (no answer)
 *
 * teams-js accepts messages from origins on its built-in Microsoft list or passed to app.initialize([origins]);
 * this page's http://localhost origin is only accepted because the tab passes it (local builds only).
 */

export type FrameContext = 'sidePanel' | 'content' | 'settings';

export interface HostFrame {
  iframe: HTMLIFrameElement;
  frameContext: FrameContext;
  /** entityId of the tab, as a configured tab would have. */
  entityId: string;
}

export interface BridgeEvent {
  at: number;
  frame: FrameContext;
  direction: 'in' | 'out';
  func: string;
  detail?: string;
}

export interface BridgeOptions {
  tabOrigin: string;
  tenantId: string;
  user: HostUser;
  /** Null for a personal tab (Trends): Teams gives it no chat and no meeting. */
  meeting: HostMeeting | null;
  theme: TeamsTheme;
  /** `claims`: a Conditional Access challenge the tab passed to getAuthToken, for the sign-in to satisfy. */
  fetchToken: (userId: string, claims?: readonly string[]) => Promise<string>;
  onEvent?: (event: BridgeEvent) => void;
  onSettings?: (frame: HostFrame, event: SettingsEvent) => void;
  /** Which application this page poses as (default Teams): the context's host name and the supported capabilities. */
  hostApp?: HostApp;
}

interface ChildRequest {
  id: number;
  uuidAsString?: string;
  func: string;
  args: unknown[];
}

/** What the host reports as supported (runtime config v4). Candor uses app, pages and theme/context events. */
export function runtimeConfig(host: HostApp = 'teams'): string {
  return JSON.stringify({
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: runtimeSupports(host),
  });
}

export class TeamsHostBridge {
  private readonly frames: HostFrame[] = [];
  private readonly sessions = new Map<HostFrame, string>();
  /** What each configuration page set, kept until it reports the save's success (as Teams does). */
  private readonly pendingSettings = new Map<HostFrame, TabSettings>();
  private theme: TeamsTheme;

  constructor(private readonly options: BridgeOptions) {
    this.theme = options.theme;
    window.addEventListener('message', this.onMessage);
  }

  register(frame: HostFrame): void {
    this.frames.push(frame);
    this.sessions.set(frame, crypto.randomUUID());
  }

  unregister(frame: HostFrame): void {
    const index = this.frames.indexOf(frame);
    if (index >= 0) this.frames.splice(index, 1);
    this.sessions.delete(frame);
    this.pendingSettings.delete(frame);
  }

  /** Teams' Save button: the configuration page's save handler runs and answers with settings.save.success. */
  save(frame: HostFrame): void {
    this.post(frame, { func: 'settings.save', args: [{}] });
    this.emit(frame, 'out', 'settings.save');
  }

  dispose(): void {
    window.removeEventListener('message', this.onMessage);
    this.frames.length = 0;
  }

  /** Pushes a theme change to every tab frame, as Teams does when the user switches theme. */
  setTheme(theme: TeamsTheme): void {
    this.theme = theme;
    for (const frame of this.frames) {
      this.post(frame, { func: 'themeChange', args: [theme] });
      this.emit(frame, 'out', 'themeChange', theme);
    }
  }

  /** The legacy (v1) context object teams-js turns into app.Context. */
  contextFor(frame: HostFrame): Record<string, unknown> {
    const { user, meeting, tenantId } = this.options;
    return {
      entityId: frame.entityId,
      frameContext: frame.frameContext,
      locale: 'en-us',
      theme: this.theme,
      hostName: hostNameOf(this.options.hostApp ?? 'teams'),
      hostClientType: 'web',
      appSessionId: this.sessions.get(frame),
      sessionId: 'candor-local-host',
      ringId: 'general',
      tid: tenantId,
      tenantSKU: 'enterprise',
      userObjectId: user.id,
      userDisplayName: user.displayName,
      ...(user.userPrincipalName
        ? { userPrincipalName: user.userPrincipalName, loginHint: user.userPrincipalName }
        : {}),
      userLicenseType: 'Unknown',
      ...(meeting ? { chatId: meeting.chatId, meetingId: meeting.meetingId } : {}),
      isFullScreen: false,
      isMultiWindow: false,
      dialogParameters: {},
    };
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const frame = this.frames.find((f) => f.iframe.contentWindow !== null && f.iframe.contentWindow === event.source);
    if (!frame) return; // not from one of our tab frames (e.g. a browser extension)
    if (event.origin !== this.options.tabOrigin) {
      this.emit(frame, 'in', 'rejected', `origin ${event.origin}`);
      return;
    }
    const request = asRequest(event.data);
    if (!request) return;
    void this.handle(frame, request);
  };

  private async handle(frame: HostFrame, request: ChildRequest): Promise<void> {
    const { func, args } = request;
    switch (func) {
      case 'initialize': {
        // args: [sdkVersion, latestRuntimeApiVersion, validMessageOrigins?]
        const sdkVersion = typeof args[0] === 'string' ? args[0] : '2.0.0';
        this.emit(frame, 'in', func, `teams-js ${sdkVersion}`);
        // [frameContext, hostClientType, runtimeConfig (JSON), clientSupportedSDKVersion]
        this.respond(frame, request, [frame.frameContext, 'web', runtimeConfig(this.options.hostApp), sdkVersion]);
        return;
      }
      case 'getContext':
        this.emit(frame, 'in', func);
        this.respond(frame, request, [this.contextFor(frame)]);
        return;
      case 'authentication.getAuthToken': {
        // args: [resources, claims, silent, tenantId] (teams-js AuthTokenRequestParameters).
        const claims = Array.isArray(args[1]) ? args[1].filter((c): c is string => typeof c === 'string') : [];
        this.emit(frame, 'in', func, claims.length ? 'with a claims challenge' : undefined);
        const userId = this.options.user.id;
        try {
          const token = await this.options.fetchToken(userId, claims.length ? claims : undefined);
          this.respond(frame, request, [true, token]);
          this.emit(frame, 'out', 'token', `for ${this.options.user.displayName}`);
        } catch (error) {
          // teams-js rejects getAuthToken with `new Error(args[1])`.
          this.respond(frame, request, [false, error instanceof Error ? error.message : String(error)]);
          this.emit(frame, 'out', 'token', 'failed');
        }
        return;
      }
      case 'authentication.authenticate': {
        // The consent pop-up (authPopup.ts): answered when the pop-up notifies, is closed, or cannot open.
        this.emit(frame, 'in', func, typeof args[0] === 'string' ? args[0] : undefined);
        const result = await runAuthPopup({
          tabOrigin: this.options.tabOrigin,
          url: typeof args[0] === 'string' ? args[0] : '',
          width: typeof args[1] === 'number' ? args[1] : 600,
          height: typeof args[2] === 'number' ? args[2] : 600,
          context: { ...this.contextFor(frame), frameContext: 'authentication' },
          runtimeConfig: runtimeConfig(this.options.hostApp),
          onEvent: (step, detail) => this.emit(frame, 'in', `auth pop-up: ${step}`, detail),
        });
        this.respond(frame, request, result);
        this.emit(frame, 'out', func, result[0] ? 'success' : `failure: ${result[1]}`);
        return;
      }
      case 'registerHandler':
        this.emit(frame, 'in', func, String(args[0]));
        return;
      case 'settings.setValidityState':
        this.emit(frame, 'in', func, String(args[0]));
        this.options.onSettings?.(frame, { kind: 'validity', valid: args[0] === true });
        return;
      case 'settings.setSettings': {
        const problem = settingsProblem(args[0], this.options.tabOrigin);
        this.emit(frame, 'in', func, problem ?? (isRecord(args[0]) ? String(args[0].contentUrl) : undefined));
        if (problem || !isTabSettings(args[0])) {
          // teams-js rejects setConfig with `new Error(reason)`.
          this.respond(frame, request, [false, problem ?? 'invalid settings']);
          return;
        }
        this.pendingSettings.set(frame, args[0]);
        this.respond(frame, request, [true]);
        return;
      }
      case 'settings.getSettings':
        this.emit(frame, 'in', func);
        this.respond(frame, request, [this.pendingSettings.get(frame) ?? {}]);
        return;
      case 'settings.save.success': {
        this.emit(frame, 'in', func);
        const settings = this.pendingSettings.get(frame);
        // Teams fails a save whose page never set a contentUrl; so does this host.
        if (settings) this.options.onSettings?.(frame, { kind: 'saved', settings });
        else
          this.options.onSettings?.(frame, { kind: 'failed', reason: 'The page reported success without setConfig.' });
        return;
      }
      case 'settings.save.failure': {
        // teams-js passes notifyFailure's reason, a string, or nothing.
        const reason = typeof args[0] === 'string' ? args[0] : undefined;
        this.emit(frame, 'in', func, reason ?? '');
        this.options.onSettings?.(frame, { kind: 'failed', reason: reason ?? 'The page reported a failure.' });
        return;
      }
      case 'appInitialization.appLoaded':
      case 'appInitialization.success':
      case 'appInitialization.failure':
      case 'appInitialization.expectedFailure':
        this.emit(frame, 'in', func, args.length > 1 ? args.slice(0, 2).map(String).join(': ') : undefined);
        if (func === 'appInitialization.success') frame.iframe.dataset.candorReady = 'true';
        return;
      default:
        // Unsupported: Teams-like hosts leave these unanswered; the tab only uses the calls above.
        this.emit(frame, 'in', func, 'unsupported, not answered');
    }
  }

  private respond(frame: HostFrame, request: ChildRequest, args: unknown[]): void {
    this.post(frame, { id: request.id, uuidAsString: request.uuidAsString, args });
  }

  private post(frame: HostFrame, message: unknown): void {
    // Target the tab's origin so nothing reaches a document that navigated elsewhere.
    frame.iframe.contentWindow?.postMessage(message, this.options.tabOrigin);
  }

  private emit(frame: HostFrame, direction: 'in' | 'out', func: string, detail?: string): void {
    this.options.onEvent?.({
      at: Date.now(),
      frame: frame.frameContext,
      direction,
      func,
      ...(detail ? { detail } : {}),
    });
  }
}

function asRequest(data: unknown): ChildRequest | null {
  if (!isRecord(data) || typeof data.id !== 'number' || typeof data.func !== 'string') return null;
  return {
    id: data.id,
    func: data.func,
    args: Array.isArray(data.args) ? data.args : [],
    ...(typeof data.uuidAsString === 'string' ? { uuidAsString: data.uuidAsString } : {}),
  };
}
