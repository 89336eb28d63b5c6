import './styles.css';
import { THEMES, parseConfig, parseTheme, type HostConfig, type HostMeeting, type HostUser, type TeamsTheme } from './config';
import { formatTime, normalizeOutbox, type OutboxMail } from './outbox';
import { BotChatPanel } from './botChat';
import { HOST_APPS, outlookFormLink, outlookMailHtml, parseHostApp, statusFormPath, type HostApp } from './outlookHost';
import { TeamsHostBridge, type BridgeEvent, type FrameContext, type HostFrame, type SettingsEvent, type TabSettings } from './teamsBridge';

/** Read by browser tests: what the tab frames asked the host, newest last. */
declare global {
  interface Window {
    candorHost?: { events: BridgeEvent[]; state: () => PageState; tabSettings: () => TabSettings | null };
  }
}

interface PageState {
  userId: string;
  chatId: string;
  theme: TeamsTheme;
  /**
   * `trends`: the personal Trends tab in the wide frame instead of the meeting (`?view=trends`). `status`: the status
   * form opened from the outbox's email inside the Outlook frame (`?host=outlook&view=status&form=/?surface=status…`).
   */
  view: 'meeting' | 'trends' | 'status';
  /** The application this page poses as (`?host=outlook`); Outlook has no meeting, only the personal tabs. */
  host: HostApp;
  /** The status form's path on the tab origin, for view `status`. */
  form: string | null;
  /** The Trends tab's `&report=` (a report's detail view), or null. */
  report: string | null;
  /**
   * `?panel=/path`: a page of the tab's origin framed alone in the side panel, with the meeting's context and
   * nothing in the details pane (`npm run bench:panel` loads its floor page and the side panel this way).
   */
  panel: string | null;
}

const OUTBOX_POLL_MS = 3000;
const MAX_EVENTS = 200;

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  let config: HostConfig;
  try {
    const res = await fetch('/host-api/config', { cache: 'no-store' });
    if (!res.ok) throw new Error(`GET /host-api/config → HTTP ${res.status}`);
    config = parseConfig(await res.json());
  } catch (error) {
    root.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, `Cannot load the host configuration: ${String(error)}`));
    return;
  }
  if (config.users.length === 0) {
    root.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, 'The host configuration has no users.'));
    return;
  }
  new HostPage(root, config).start();
}

class HostPage {
  private readonly tabOrigin: string;
  private state: PageState;
  private bridge: TeamsHostBridge | null = null;
  private readonly events: BridgeEvent[] = [];
  private outboxKeys = '';
  private selectedMail: string | null = null;

  // Elements that change after the first render.
  private readonly userSelect = h('select', { id: 'as', name: 'as' });
  // The identity simulator's consent for the signed-in person: while checked, SSO answers resourceRequiresConsent.
  private readonly consentSwitch = h('input', { type: 'checkbox', id: 'consent-missing', name: 'consent-missing' });
  private readonly meetingSelect = h('select', { id: 'meeting', name: 'meeting' });
  private readonly hostSelect = h('select', { id: 'host', name: 'host' });
  private readonly themeGroup = h('fieldset', { class: 'themes' });
  private readonly detailsSlot = h('div', { class: 'frame-slot' });
  private readonly sidePanelSlot = h('div', { class: 'frame-slot side-panel-slot' });
  private readonly meetingTitle = h('h2', { class: 'pane-title' });
  private readonly outboxList = h('ul', { class: 'outbox-list', 'aria-label': 'Sent mails' });
  private readonly outboxStatus = h('p', { class: 'muted', role: 'status' });
  private readonly mailViewer = h('div', { class: 'mail-viewer' });
  private readonly log = h('ol', { class: 'log' });
  // Teams' "add a tab" dialog: the configuration page (frameContext 'settings') and Teams' own Save button.
  private readonly addButton = h('button', { type: 'button', class: 'link-button', id: 'add-candor' }, 'Add Candor to this meeting');
  // Teams' left rail: the app's personal tab, outside any meeting.
  private readonly trendsButton = h('button', { type: 'button', class: 'link-button', id: 'open-trends' }, 'Trends (personal tab)');
  private readonly stage = h('main', { class: 'stage', 'aria-label': 'Meeting stage' });
  private readonly configDialog = h('dialog', { class: 'config-dialog', 'aria-labelledby': 'config-dialog-title' });
  private readonly configTitle = h('h2', { class: 'pane-title', id: 'config-dialog-title' });
  private readonly configSlot = h('div', { class: 'frame-slot config-slot' });
  private readonly configStatus = h('p', { class: 'muted config-status', role: 'status' });
  private readonly saveButton = h('button', { type: 'button', class: 'primary-button', id: 'config-save', disabled: true }, 'Save');
  private configFrame: { frame: HostFrame; bridge: TeamsHostBridge } | null = null;
  /** What the configuration page saved, per meeting chat: the meeting frames then open its one contentUrl. */
  private readonly addedTabs = new Map<string, TabSettings>();
  private readonly botChat: BotChatPanel;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: HostConfig,
  ) {
    this.tabOrigin = new URL(config.tabUrl).origin;
    this.state = this.initialState(new URLSearchParams(location.search));
    // Issue 10: the Candor bot's chats, as Teams shows them.
    this.botChat = new BotChatPanel({
      users: config.users,
      meetings: config.meetings,
      signedIn: () => this.state.userId,
      openUrl: (url) => window.open(url, '_blank', 'noopener'),
    });
    window.candorHost = {
      events: this.events,
      state: () => ({ ...this.state }),
      tabSettings: () => this.addedTabs.get(this.state.chatId) ?? null,
    };
  }

  start(): void {
    this.render();
    void this.refreshConsent();
    this.mountFrames();
    // `?view=config` opens the add-a-tab dialog at once (tests, and a link to show the configuration page).
    if (new URLSearchParams(location.search).get('view') === 'config') this.openConfig();
    void this.refreshOutbox();
    setInterval(() => void this.refreshOutbox(), OUTBOX_POLL_MS);
    this.botChat.start();
  }

  private initialState(params: URLSearchParams): PageState {
    const asParam = params.get('as');
    const meetingParam = params.get('meeting');
    // A newcomer with no choices made lands in the first demo 1:1 as its report: the person who types first.
    const firstMeeting = this.config.meetings[0];
    const user =
      this.config.users.find((u) => u.id === asParam) ??
      this.config.users.find((u) => u.id === firstMeeting?.reportId) ??
      this.config.users[0]!;
    const meeting = this.config.meetings.find((m) => m.chatId === meetingParam) ?? this.defaultMeetingFor(user);
    return {
      userId: user.id,
      chatId: meeting?.chatId ?? '',
      theme: parseTheme(params.get('theme')),
      // `?surface=trends` too: the monthly digest links the trend tab that way (TRENDS_TAB_URL in local/src/stack.ts).
      view:
        params.get('view') === 'status' && statusFormPath(params.get('form'))
          ? 'status'
          : params.get('view') === 'trends' || params.get('surface') === 'trends'
            ? 'trends'
            : 'meeting',
      host: parseHostApp(params.get('host')),
      form: statusFormPath(params.get('form')),
      report: params.get('report'),
      panel: tabOriginPath(params.get('panel')),
    };
  }

  private defaultMeetingFor(user: HostUser): HostMeeting | undefined {
    return this.config.meetings.find((m) => m.managerId === user.id || m.reportId === user.id) ?? this.config.meetings[0];
  }

  private get user(): HostUser {
    return this.config.users.find((u) => u.id === this.state.userId) ?? this.config.users[0]!;
  }

  private get meeting(): HostMeeting | undefined {
    return this.config.meetings.find((m) => m.chatId === this.state.chatId);
  }

  private nameOf(userId: string): string {
    return this.config.users.find((u) => u.id === userId)?.displayName ?? userId;
  }

  // ---- layout ---------------------------------------------------------------------------------------------------

  private render(): void {
    for (const user of this.config.users) {
      this.userSelect.append(h('option', { value: user.id }, `${user.displayName} (${user.role})`));
    }
    this.userSelect.value = this.state.userId;
    this.userSelect.addEventListener('change', () => {
      const user = this.user;
      const next = this.config.users.find((u) => u.id === this.userSelect.value) ?? user;
      const current = this.meeting;
      const stillIn = current && (current.managerId === next.id || current.reportId === next.id);
      this.update({ userId: next.id, chatId: stillIn ? current.chatId : (this.defaultMeetingFor(next)?.chatId ?? '') });
    });

    for (const meeting of this.config.meetings) {
      const label = `${meeting.subject} — ${this.nameOf(meeting.managerId)} & ${this.nameOf(meeting.reportId)}`;
      this.meetingSelect.append(h('option', { value: meeting.chatId }, label));
    }
    if (this.config.meetings.length === 0) this.meetingSelect.append(h('option', { value: '' }, 'No meetings configured'));
    this.meetingSelect.value = this.state.chatId;
    this.meetingSelect.addEventListener('change', () => this.update({ chatId: this.meetingSelect.value }));

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
      h('label', { class: 'control', for: 'meeting' }, 'Meeting', this.meetingSelect),
      this.addButton,
      this.trendsButton,
      this.themeGroup,
    );
    this.addButton.addEventListener('click', () => this.openConfig());
    this.consentSwitch.addEventListener('change', () => void this.setConsentMissing(this.consentSwitch.checked));
    this.trendsButton.addEventListener('click', () =>
      this.update(this.state.view === 'trends' ? { view: 'meeting', report: null } : { view: 'trends', report: null }),
    );
    this.renderConfigDialog();

    const stage = this.stage;
    stage.append(
      h('section', { class: 'pane details-pane', 'aria-labelledby': 'details-title' }, this.meetingTitle, this.detailsSlot),
      h(
        'aside',
        { class: 'pane side-panel', 'aria-labelledby': 'side-panel-title' },
        h('h2', { class: 'pane-title', id: 'side-panel-title' }, 'Candor', h('span', { class: 'muted' }, ' · side panel')),
        this.sidePanelSlot,
      ),
    );
    this.meetingTitle.id = 'details-title';

    const refresh = h('button', { type: 'button', class: 'link-button' }, 'Refresh');
    refresh.addEventListener('click', () => void this.refreshOutbox());
    // The timer runs every 15 minutes in Azure; here it also runs once at start and whenever this is pressed.
    const runScan = h('button', { type: 'button', class: 'link-button', id: 'run-scan' }, 'Run pre-meeting scan');
    runScan.addEventListener('click', () => void this.runScan(runScan));
    const outbox = h(
      'section',
      { class: 'pane outbox', 'aria-labelledby': 'outbox-title' },
      h('div', { class: 'pane-head' }, h('h2', { class: 'pane-title', id: 'outbox-title' }, 'Outbox'), runScan, refresh),
      this.outboxStatus,
      this.outboxList,
      this.mailViewer,
      this.botChat.element,
      h('details', { class: 'log-box' }, h('summary', {}, 'Host protocol log'), this.log),
    );

    this.root.replaceChildren(topBar, h('div', { class: 'workspace' }, stage, outbox), this.configDialog);
    this.applyChromeTheme();
  }

  private update(patch: Partial<PageState>): void {
    const userChanged = patch.userId !== undefined && patch.userId !== this.state.userId;
    this.state = { ...this.state, ...patch };
    if (userChanged) this.botChat.follow();
    void this.refreshConsent();
    this.userSelect.value = this.state.userId;
    this.meetingSelect.value = this.state.chatId;
    this.writeUrl();
    this.mountFrames();
  }

  private setTheme(theme: TeamsTheme): void {
    this.state = { ...this.state, theme };
    this.writeUrl();
    this.applyChromeTheme();
    this.bridge?.setTheme(theme);
  }

  private applyChromeTheme(): void {
    document.documentElement.dataset.theme = this.state.theme;
    // Outlook's chrome (its blue), so it is plain which host the tab believes it is in.
    document.documentElement.dataset.host = this.state.host;
  }

  private writeUrl(): void {
    const params = new URLSearchParams({ as: this.state.userId, meeting: this.state.chatId, theme: this.state.theme });
    if (this.state.host !== 'teams') params.set('host', this.state.host);
    if (this.state.view === 'status' && this.state.form) {
      params.set('view', 'status');
      params.set('form', this.state.form);
    }
    if (this.state.view === 'trends') params.set('view', 'trends');
    if (this.state.view === 'trends' && this.state.report) params.set('report', this.state.report);
    if (this.state.panel) params.set('panel', this.state.panel);
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
  }

  // ---- tab frames -----------------------------------------------------------------------------------------------

  /** (Re)creates both tab iframes for the current user and meeting, each answered with its own frameContext. */
  private mountFrames(): void {
    this.bridge?.dispose();
    if (this.state.host === 'outlook') {
      this.mountOutlook();
      return;
    }
    if (this.state.view === 'trends' || this.state.view === 'status') {
      this.mountTrends();
      return;
    }
    this.stage.classList.remove('personal');
    this.stage.setAttribute('aria-label', 'Meeting stage');
    this.trendsButton.textContent = 'Trends (personal tab)';
    this.meetingSelect.disabled = false;
    const meeting = this.meeting;
    this.meetingTitle.replaceChildren(meeting ? meeting.subject : 'No meeting', h('span', { class: 'muted' }, ' · Candor tab'));
    if (!meeting) {
      this.detailsSlot.replaceChildren(h('p', { class: 'muted' }, 'No meeting selected.'));
      this.sidePanelSlot.replaceChildren();
      this.bridge = null;
      return;
    }
    const bridge = new TeamsHostBridge({
      tabOrigin: this.tabOrigin,
      tenantId: this.config.tenantId,
      user: this.user,
      meeting,
      theme: this.state.theme,
      fetchToken: (userId) => fetchToken(userId),
      onEvent: (event) => this.record(event),
      onSettings: (frame, event) => this.onSettings(frame, event),
    });
    this.bridge = bridge;
    const added = this.addedTabs.get(meeting.chatId);
    this.addButton.disabled = added !== undefined;
    if (this.state.panel) {
      // One frame only, so nothing else loads beside the page under measurement.
      this.detailsSlot.replaceChildren(h('p', { class: 'muted' }, `Side panel only: ${this.state.panel}`));
      this.sidePanelSlot.replaceChildren(
        this.frame(bridge, 'sidePanel', `${this.config.tabUrl}${this.state.panel}`, 'candor-board', 'Candor side panel').iframe,
      );
      return;
    }
    if (added) {
      // As Teams does once the tab is added: the one saved contentUrl in every meeting frame; the tab picks its
      // surface from the frame context.
      const entityId = added.entityId ?? '';
      this.detailsSlot.replaceChildren(this.frame(bridge, 'content', added.contentUrl, entityId, 'Candor meeting details').iframe);
      this.sidePanelSlot.replaceChildren(this.frame(bridge, 'sidePanel', added.contentUrl, entityId, 'Candor side panel').iframe);
      return;
    }
    // Before that, each frame names its surface (`?surface=`), so the demo works without adding the tab first.
    this.detailsSlot.replaceChildren(this.frame(bridge, 'content', this.tabUrl('prep'), 'candor-prep', 'Candor meeting details').iframe);
    this.sidePanelSlot.replaceChildren(this.frame(bridge, 'sidePanel', this.tabUrl('board'), 'candor-board', 'Candor side panel').iframe);
  }

  /**
   * The personal Trends tab as Teams opens it from the app's left-rail entry: the manifest's static tab contentUrl
   * (`?surface=trends`) in a full-width content frame, with no chat or meeting in its context.
   */
  private mountTrends(): void {
    this.stage.classList.add('personal');
    this.stage.setAttribute('aria-label', 'Personal tab');
    this.trendsButton.textContent = 'Back to the meeting';
    this.meetingSelect.disabled = true;
    this.addButton.disabled = true;
    this.meetingTitle.replaceChildren('Trends', h('span', { class: 'muted' }, ' · Candor personal tab'));
    const bridge = new TeamsHostBridge({
      tabOrigin: this.tabOrigin,
      tenantId: this.config.tenantId,
      user: this.user,
      meeting: null,
      theme: this.state.theme,
      fetchToken: (userId) => fetchToken(userId),
      onEvent: (event) => this.record(event),
    });
    this.bridge = bridge;
    const extra = this.state.report ? { report: this.state.report } : undefined;
    this.detailsSlot.replaceChildren(this.frame(bridge, 'content', this.tabUrl('trends', extra), 'candor-trends', 'Candor Trends').iframe);
    this.sidePanelSlot.replaceChildren();
  }

  /**
   * Outlook: personal tabs only, full width, no meeting or chat in the context, `app.host.name` Outlook. The Trends
   * tab (what Outlook's app bar opens), or the status form opened from the outbox's email inside this frame.
   */
  private mountOutlook(): void {
    this.stage.classList.add('personal');
    this.stage.setAttribute('aria-label', 'Outlook personal app');
    this.trendsButton.textContent = 'Trends (personal tab)';
    this.meetingSelect.disabled = true;
    this.addButton.disabled = true;
    const bridge = new TeamsHostBridge({
      tabOrigin: this.tabOrigin,
      tenantId: this.config.tenantId,
      user: this.user,
      meeting: null,
      theme: this.state.theme,
      hostApp: 'outlook',
      fetchToken: (userId) => fetchToken(userId),
      onEvent: (event) => this.record(event),
    });
    this.bridge = bridge;
    this.sidePanelSlot.replaceChildren();
    if (this.state.view === 'status' && this.state.form) {
      this.meetingTitle.replaceChildren('Status update', h('span', { class: 'muted' }, ' · Candor in Outlook'));
      this.detailsSlot.replaceChildren(this.frame(bridge, 'content', `${this.config.tabUrl}${this.state.form}`, '', 'Candor status form').iframe);
      return;
    }
    this.meetingTitle.replaceChildren('Trends', h('span', { class: 'muted' }, ' · Candor in Outlook'));
    const extra = this.state.report ? { report: this.state.report } : undefined;
    this.detailsSlot.replaceChildren(this.frame(bridge, 'content', this.tabUrl('trends', extra), 'candor-trends', 'Candor Trends').iframe);
  }

  private tabUrl(surface: string, extra?: Record<string, string>): string {
    const params = new URLSearchParams({ surface, theme: this.state.theme, ...extra });
    return `${this.config.tabUrl}/?${params.toString()}`;
  }

  private frame(bridge: TeamsHostBridge, frameContext: FrameContext, src: string, entityId: string, title: string): HostFrame {
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

  // ---- add-a-tab dialog -----------------------------------------------------------------------------------------

  private renderConfigDialog(): void {
    const cancel = h('button', { type: 'button', class: 'link-button' }, 'Cancel');
    cancel.addEventListener('click', () => this.configDialog.close());
    this.saveButton.addEventListener('click', () => {
      if (!this.configFrame) return;
      this.saveButton.disabled = true;
      this.configStatus.textContent = 'Saving…';
      this.configFrame.bridge.save(this.configFrame.frame);
    });
    // Escape and Cancel both close it; the configuration page goes with it, as in Teams.
    this.configDialog.addEventListener('close', () => this.closeConfig());
    this.configDialog.append(
      this.configTitle,
      this.configSlot,
      h('div', { class: 'dialog-actions' }, this.configStatus, cancel, this.saveButton),
    );
  }

  /** Mounts the tab's configuration page (the manifest's configurationUrl) as Teams does when adding the tab. */
  private openConfig(): void {
    const meeting = this.meeting;
    const bridge = this.bridge;
    if (!meeting || !bridge || this.configDialog.open) return;
    this.configTitle.replaceChildren(`Add Candor to ${meeting.subject}`);
    // Teams opens the configurationUrl as is; `?surface=config` is what the manifest's configurationUrl names.
    const frame = this.frame(bridge, 'settings', this.tabUrl('config'), '', 'Candor configuration');
    frame.iframe.classList.add('config-frame');
    this.configFrame = { frame, bridge };
    this.saveButton.disabled = true; // until the page reports settings.setValidityState(true)
    this.configStatus.textContent = 'Waiting for Candor…';
    this.configSlot.replaceChildren(frame.iframe);
    this.configDialog.showModal();
  }

  private closeConfig(): void {
    if (this.configFrame) this.configFrame.bridge.unregister(this.configFrame.frame);
    this.configFrame = null;
    this.configSlot.replaceChildren();
  }

  private onSettings(frame: HostFrame, event: SettingsEvent): void {
    if (frame !== this.configFrame?.frame) return;
    switch (event.kind) {
      case 'validity':
        this.saveButton.disabled = !event.valid;
        this.configStatus.textContent = event.valid ? 'Ready to add.' : 'Candor is not ready yet.';
        return;
      case 'saved':
        this.addedTabs.set(this.state.chatId, event.settings);
        this.configDialog.close();
        this.mountFrames();
        return;
      case 'failed':
        this.saveButton.disabled = false;
        this.configStatus.textContent = `Not added: ${event.reason}`;
    }
  }

  /** The switch shows the simulator's record: consent given in the pop-up turns it off. */
  private async refreshConsent(): Promise<void> {
    const res = await fetch(`/host-api/consent?userId=${encodeURIComponent(this.state.userId)}`, { cache: 'no-store' });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok && json && typeof json === 'object' && 'given' in json) this.consentSwitch.checked = json.given === false;
  }

  private async setConsentMissing(missing: boolean): Promise<void> {
    await fetch('/host-api/consent', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: this.state.userId, given: !missing }),
    });
    await this.refreshConsent();
    this.mountFrames(); // the tab starts again and meets the new answer, as after signing in again
  }

  private record(event: BridgeEvent): void {
    if (event.func === 'authentication.authenticate' && event.direction === 'out') void this.refreshConsent();
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    const time = new Date(event.at).toLocaleTimeString();
    this.log.append(
      h('li', {}, `${time} ${event.frame} ${event.direction === 'in' ? '→' : '←'} ${event.func}${event.detail ? ` (${event.detail})` : ''}`),
    );
    while (this.log.childElementCount > MAX_EVENTS) this.log.firstElementChild?.remove();
  }

  // ---- outbox ---------------------------------------------------------------------------------------------------

  private async refreshOutbox(): Promise<void> {
    let mails: OutboxMail[];
    try {
      const res = await fetch('/host-api/outbox', { cache: 'no-store' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const json: unknown = await res.json();
      mails = normalizeOutbox(Array.isArray(json) ? json : [], (id) => this.config.users.find((u) => u.id === id)?.displayName);
    } catch (error) {
      this.outboxStatus.textContent = `Cannot read the outbox: ${String(error)}`;
      return;
    }
    const keys = mails.map((m) => m.key).join('|');
    if (keys === this.outboxKeys && this.outboxStatus.textContent !== '') return;
    this.outboxKeys = keys;
    this.outboxStatus.textContent = mails.length === 0 ? 'No mail sent yet.' : `${mails.length} sent`;
    this.outboxList.replaceChildren(
      ...mails.map((mail) => {
        const button = h(
          'button',
          { type: 'button', class: 'mail', 'data-key': mail.key, 'aria-pressed': String(mail.key === this.selectedMail) },
          h('span', { class: 'mail-subject' }, mail.subject),
          h('span', { class: 'mail-meta' }, `To ${mail.to || '—'}`),
          h('span', { class: 'mail-meta' }, mail.time ? formatTime(mail.time) : ''),
        );
        button.addEventListener('click', () => this.showMail(mail));
        return h('li', {}, button);
      }),
    );
  }

  private async runScan(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.outboxStatus.textContent = 'Running the pre-meeting scan…';
    try {
      const res = await fetch('/host-api/run-scan', { method: 'POST' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.outboxKeys = '';
      await this.refreshOutbox();
    } catch (error) {
      this.outboxStatus.textContent = `The scan failed: ${String(error)}`;
    } finally {
      button.disabled = false;
    }
  }

  private showMail(mail: OutboxMail): void {
    this.selectedMail = mail.key;
    for (const button of this.outboxList.querySelectorAll<HTMLButtonElement>('button.mail')) {
      button.setAttribute('aria-pressed', String(button.dataset.key === mail.key));
    }
    // No scripts, no same-origin, no forms, no navigation of this page; links open in a new tab (as from Outlook),
    // which is how the status request's button reaches the status form.
    const viewer = h('iframe', {
      class: 'mail-frame',
      sandbox: 'allow-popups allow-popups-to-escape-sandbox',
      title: `Mail: ${mail.subject}`,
      referrerpolicy: 'no-referrer',
    });
    viewer.srcdoc = `<base target="_blank">${mail.html}`;
    if (this.state.host === 'outlook') {
      // As Outlook: the status form's link opens the form in the Outlook frame (the mail frame may navigate this
      // page on a click, nothing else); every other link still opens a new window.
      viewer.setAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation');
      const hostPage = { url: `${location.origin}${location.pathname}`, params: new URLSearchParams({ as: this.state.userId, theme: this.state.theme }) };
      viewer.srcdoc = outlookMailHtml(mail.html, (href) => outlookFormLink(href, this.tabOrigin, hostPage));
    }
    this.mailViewer.replaceChildren(
      h('div', { class: 'mail-head' }, h('strong', {}, mail.subject), h('span', { class: 'mail-meta' }, `From ${mail.from || '—'} · To ${mail.to || '—'}`)),
      viewer,
    );
  }
}

/** A path (and query) on the tab's origin, or null: never another origin (`//host`) or a scheme. */
function tabOriginPath(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : null;
}

async function fetchToken(userId: string): Promise<string> {
  const res = await fetch('/host-api/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const json: unknown = await res.json().catch(() => null);
  if (res.ok && json && typeof json === 'object' && 'accessToken' in json && typeof json.accessToken === 'string') {
    return json.accessToken;
  }
  const error = json && typeof json === 'object' && 'error' in json && json.error && typeof json.error === 'object' ? json.error : null;
  // Teams rejects getAuthToken with exactly this reason while consent is missing.
  if (error && 'code' in error && error.code === 'resourceRequiresConsent') throw new Error('resourceRequiresConsent');
  const message = error && 'message' in error ? String(error.message) : `HTTP ${res.status}`;
  throw new Error(`Token for ${userId}: ${message}`);
}

void main();
