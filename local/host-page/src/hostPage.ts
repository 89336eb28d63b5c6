import { THEMES, type HostConfig, type HostMeeting, type HostUser, type TeamsTheme } from './config';
import { h } from './dom';
import { fetchToken, readConsentMissing, writeConsent } from './hostApi';
import { AddTabDialog } from './hostPage.addTab';
import { BotChatPanel } from './hostPage.chat';
import { OutboxPane } from './hostPage.outbox';
import { mountOutlook } from './hostPage.outlook';
import { ProtocolLog } from './hostPage.protocol';
import type { Stage, StageParts } from './hostPage.stage';
import { defaultMeetingFor, pageSearch, readPageState, type PageState } from './hostPage.state';
import { mountMeeting } from './hostPage.teams';
import { mountPersonalTab, personalTabButtons, wirePersonalTabButtons } from './hostPage.personal';
import { HOST_APPS, parseHostApp, type HostApp } from './outlookHost';
import { TeamsHostBridge, type BridgeEvent, type FrameContext, type HostFrame } from './teamsBridge';
import type { SettingsEvent, TabSettings } from './teamsBridge.settings';

/** Read by browser tests: what the tab frames asked the host, newest last. */
declare global {
  interface Window {
    candorHost?: { events: BridgeEvent[]; state: () => PageState; tabSettings: () => TabSettings | null };
  }
}

/**
 * The local Teams host: the chrome (who is signed in, which meeting, host and theme), the stage whose tab frames
 * each mode mounts (hostPage.teams.ts, hostPage.outlook.ts), the add-a-tab dialog, and beside the stage the outbox,
 * the bot's chats and the protocol log.
 */
export class HostPage implements Stage {
  private readonly tabOrigin: string;
  state: PageState;
  private currentBridge: TeamsHostBridge | null = null;
  private readonly protocol = new ProtocolLog();
  /** What the configuration page saved, per meeting chat: the meeting frames then open its one contentUrl. */
  private readonly addedTabs = new Map<string, TabSettings>();
  private readonly addTab = new AddTabDialog((settings) => {
    this.addedTabs.set(this.state.chatId, settings);
    this.mountFrames();
  });
  private readonly outbox: OutboxPane;
  private readonly botChat: BotChatPanel;

  private readonly userSelect = h('select', { id: 'as', name: 'as' });
  // The identity simulator's consent for the signed-in person: while checked, SSO answers resourceRequiresConsent.
  private readonly consentSwitch = h('input', { type: 'checkbox', id: 'consent-missing', name: 'consent-missing' });
  private readonly hostSelect = h('select', { id: 'host', name: 'host' });
  private readonly themeGroup = h('fieldset', { class: 'themes' });
  readonly parts: StageParts = {
    main: h('main', { class: 'stage', 'aria-label': 'Meeting stage' }),
    title: h('h2', { class: 'pane-title', id: 'details-title' }),
    details: h('div', { class: 'frame-slot' }),
    sidePanel: h('div', { class: 'frame-slot side-panel-slot' }),
    ...personalTabButtons(),
    meetingSelect: h('select', { id: 'meeting', name: 'meeting' }),
    // Opens Teams' "add a tab" dialog.
    addButton: h('button', { type: 'button', class: 'link-button', id: 'add-candor' }, 'Add Candor to this meeting'),
  };

  constructor(
    private readonly root: HTMLElement,
    readonly config: HostConfig,
  ) {
    this.tabOrigin = new URL(config.tabUrl).origin;
    this.state = readPageState(new URLSearchParams(location.search), config);
    this.outbox = new OutboxPane({
      nameOf: (id) => config.users.find((u) => u.id === id)?.displayName,
      tabOrigin: this.tabOrigin,
      viewer: () => ({ host: this.state.host, userId: this.state.userId, theme: this.state.theme }),
    });
    // The Candor bot's chats, as Teams shows them.
    this.botChat = new BotChatPanel({
      users: config.users,
      meetings: config.meetings,
      signedIn: () => this.state.userId,
      openUrl: (url) => window.open(url, '_blank', 'noopener'),
    });
    window.candorHost = {
      events: this.protocol.events,
      state: () => ({ ...this.state }),
      tabSettings: () => this.addedTabs.get(this.state.chatId) ?? null,
    };
  }

  start(): void {
    this.render();
    void this.refreshConsent();
    this.mountFrames();
    // `?view=config` opens the add-a-tab dialog at once (tests, and a link to show the configuration page).
    if (new URLSearchParams(location.search).get('view') === 'config') this.openAddTab();
    this.outbox.start();
    this.botChat.start();
  }

  get user(): HostUser {
    return this.config.users.find((u) => u.id === this.state.userId) ?? this.config.users[0]!;
  }

  get meeting(): HostMeeting | undefined {
    return this.config.meetings.find((m) => m.chatId === this.state.chatId);
  }

  // ---- what every mode mounts with (Stage) ----------------------------------------------------------------------

  bridge(options: {
    meeting: HostMeeting | null;
    hostApp?: HostApp;
    onSettings?: (frame: HostFrame, event: SettingsEvent) => void;
  }): TeamsHostBridge {
    return new TeamsHostBridge({
      tabOrigin: this.tabOrigin,
      tenantId: this.config.tenantId,
      user: this.user,
      meeting: options.meeting,
      theme: this.state.theme,
      ...(options.hostApp ? { hostApp: options.hostApp } : {}),
      fetchToken: (userId, claims) => fetchToken(userId, claims),
      onEvent: (event) => this.record(event),
      ...(options.onSettings ? { onSettings: options.onSettings } : {}),
    });
  }

  frame(bridge: TeamsHostBridge, frameContext: FrameContext, src: string, entityId: string, title: string): HostFrame {
    const iframe = h('iframe', {
      title,
      class: frameContext === 'sidePanel' ? 'tab-frame side-panel-frame' : 'tab-frame',
      'data-frame-context': frameContext,
    });
    const frame: HostFrame = { iframe, frameContext, entityId };
    bridge.register(frame);
    iframe.src = src;
    return frame;
  }

  tabUrl(surface: string, extra?: Record<string, string>): string {
    const params = new URLSearchParams({ surface, theme: this.state.theme, ...extra });
    return `${this.config.tabUrl}/?${params.toString()}`;
  }

  // ---- chrome ---------------------------------------------------------------------------------------------------

  private render(): void {
    const { parts } = this;
    for (const user of this.config.users) {
      this.userSelect.append(h('option', { value: user.id }, `${user.displayName} (${user.role})`));
    }
    this.userSelect.value = this.state.userId;
    this.userSelect.addEventListener('change', () => {
      const next = this.config.users.find((u) => u.id === this.userSelect.value) ?? this.user;
      const current = this.meeting;
      const stillIn = current && (current.managerId === next.id || current.reportId === next.id);
      this.update({
        userId: next.id,
        chatId: stillIn ? current.chatId : (defaultMeetingFor(this.config, next)?.chatId ?? ''),
      });
    });

    for (const meeting of this.config.meetings) {
      const label = `${meeting.subject} — ${this.nameOf(meeting.managerId)} & ${this.nameOf(meeting.reportId)}`;
      parts.meetingSelect.append(h('option', { value: meeting.chatId }, label));
    }
    if (this.config.meetings.length === 0)
      parts.meetingSelect.append(h('option', { value: '' }, 'No meetings configured'));
    parts.meetingSelect.value = this.state.chatId;
    parts.meetingSelect.addEventListener('change', () => this.update({ chatId: parts.meetingSelect.value }));

    for (const host of HOST_APPS) this.hostSelect.append(h('option', { value: host.value }, host.label));
    this.hostSelect.value = this.state.host;
    this.hostSelect.addEventListener('change', () => {
      this.update({ host: parseHostApp(this.hostSelect.value), view: 'trends', report: null, form: null });
      this.applyChromeTheme();
    });

    this.themeGroup.append(h('legend', {}, 'Theme'));
    for (const theme of THEMES) {
      const input = h('input', { type: 'radio', name: 'theme', value: theme.value, id: `theme-${theme.value}` });
      input.checked = theme.value === this.state.theme;
      input.addEventListener('change', () => {
        if (input.checked) this.setTheme(theme.value);
      });
      this.themeGroup.append(h('label', { for: `theme-${theme.value}`, class: 'theme-option' }, input, theme.label));
    }

    const topBar = h(
      'header',
      { class: 'top-bar' },
      h('span', { class: 'brand' }, 'Candor', h('span', { class: 'muted' }, ' · local host')),
      h('label', { class: 'control', for: 'host' }, 'Host', this.hostSelect),
      h('label', { class: 'control', for: 'as' }, 'Signed in as', this.userSelect),
      h('label', { class: 'control', for: 'consent-missing' }, this.consentSwitch, 'Consent not yet given'),
      h('label', { class: 'control', for: 'meeting' }, 'Meeting', parts.meetingSelect),
      parts.addButton,
      parts.homeButton,
      parts.trendsButton,
      this.themeGroup,
    );
    parts.addButton.addEventListener('click', () => this.openAddTab());
    this.consentSwitch.addEventListener('change', () => void this.setConsentMissing(this.consentSwitch.checked));
    wirePersonalTabButtons(this, (patch) => this.update(patch));

    parts.main.append(
      h('section', { class: 'pane details-pane', 'aria-labelledby': 'details-title' }, parts.title, parts.details),
      h(
        'aside',
        { class: 'pane side-panel', 'aria-labelledby': 'side-panel-title' },
        h(
          'h2',
          { class: 'pane-title', id: 'side-panel-title' },
          'Candor',
          h('span', { class: 'muted' }, ' · side panel'),
        ),
        parts.sidePanel,
      ),
    );

    const refresh = h('button', { type: 'button', class: 'link-button' }, 'Refresh');
    refresh.addEventListener('click', () => void this.outbox.refresh());
    const runScan = h('button', { type: 'button', class: 'link-button', id: 'run-scan' }, 'Run pre-meeting scan');
    runScan.addEventListener('click', () => void this.outbox.runScan(runScan));
    const side = h(
      'section',
      { class: 'pane outbox', 'aria-labelledby': 'outbox-title' },
      h(
        'div',
        { class: 'pane-head' },
        h('h2', { class: 'pane-title', id: 'outbox-title' }, 'Outbox'),
        runScan,
        refresh,
      ),
      this.outbox.status,
      this.outbox.list,
      this.outbox.viewer,
      this.botChat.element,
      h('details', { class: 'log-box' }, h('summary', {}, 'Host protocol log'), this.protocol.element),
    );

    this.root.replaceChildren(topBar, h('div', { class: 'workspace' }, parts.main, side), this.addTab.element);
    this.applyChromeTheme();
  }

  private nameOf(userId: string): string {
    return this.config.users.find((u) => u.id === userId)?.displayName ?? userId;
  }

  private update(patch: Partial<PageState>): void {
    const userChanged = patch.userId !== undefined && patch.userId !== this.state.userId;
    this.state = { ...this.state, ...patch };
    if (userChanged) this.botChat.follow();
    void this.refreshConsent();
    this.userSelect.value = this.state.userId;
    this.parts.meetingSelect.value = this.state.chatId;
    this.writeUrl();
    this.mountFrames();
  }

  private setTheme(theme: TeamsTheme): void {
    this.state = { ...this.state, theme };
    this.writeUrl();
    this.applyChromeTheme();
    this.currentBridge?.setTheme(theme);
  }

  private applyChromeTheme(): void {
    document.documentElement.dataset.theme = this.state.theme;
    // Outlook's chrome (its blue), so it is plain which host the tab believes it is in.
    document.documentElement.dataset.host = this.state.host;
  }

  private writeUrl(): void {
    history.replaceState(null, '', `${location.pathname}?${pageSearch(this.state)}`);
  }

  // ---- modes ----------------------------------------------------------------------------------------------------

  /** (Re)creates the tab frames for the current host, view, user and meeting. */
  private mountFrames(): void {
    this.currentBridge?.dispose();
    if (this.state.host === 'outlook') {
      this.currentBridge = mountOutlook(this);
    } else if (this.state.view !== 'meeting') {
      this.currentBridge = mountPersonalTab(this);
    } else {
      const added = this.meeting ? this.addedTabs.get(this.meeting.chatId) : undefined;
      this.currentBridge = mountMeeting(this, added, (frame, event) => this.addTab.onSettings(frame, event));
    }
  }

  private openAddTab(): void {
    // Teams opens the configurationUrl as is; `?surface=config` is what the manifest's configurationUrl names.
    this.addTab.open(this.meeting, this.currentBridge, (bridge) =>
      this.frame(bridge, 'settings', this.tabUrl('config'), '', 'Candor configuration'),
    );
  }

  // ---- consent and the protocol log -----------------------------------------------------------------------------

  /** The switch shows the simulator's record: consent given in the pop-up turns it off. */
  private async refreshConsent(): Promise<void> {
    const missing = await readConsentMissing(this.state.userId);
    if (missing !== null) this.consentSwitch.checked = missing;
  }

  private async setConsentMissing(missing: boolean): Promise<void> {
    await writeConsent(this.state.userId, !missing);
    await this.refreshConsent();
    this.mountFrames(); // the tab starts again and meets the new answer, as after signing in again
  }

  private record(event: BridgeEvent): void {
    if (event.func === 'authentication.authenticate' && event.direction === 'out') void this.refreshConsent();
    this.protocol.record(event);
  }
}
