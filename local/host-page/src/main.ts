import './styles.css';
import { THEMES, parseConfig, parseTheme, type HostConfig, type HostMeeting, type HostUser, type TeamsTheme } from './config';
import { formatTime, normalizeOutbox, type OutboxMail } from './outbox';
import { TeamsHostBridge, type BridgeEvent, type FrameContext, type HostFrame } from './teamsBridge';

/** Read by browser tests: what the tab frames asked the host, newest last. */
declare global {
  interface Window {
    candorHost?: { events: BridgeEvent[]; state: () => PageState };
  }
}

interface PageState {
  userId: string;
  chatId: string;
  theme: TeamsTheme;
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
  private readonly meetingSelect = h('select', { id: 'meeting', name: 'meeting' });
  private readonly themeGroup = h('fieldset', { class: 'themes' });
  private readonly detailsSlot = h('div', { class: 'frame-slot' });
  private readonly sidePanelSlot = h('div', { class: 'frame-slot side-panel-slot' });
  private readonly meetingTitle = h('h2', { class: 'pane-title' });
  private readonly outboxList = h('ul', { class: 'outbox-list', 'aria-label': 'Sent mails' });
  private readonly outboxStatus = h('p', { class: 'muted', role: 'status' });
  private readonly mailViewer = h('div', { class: 'mail-viewer' });
  private readonly log = h('ol', { class: 'log' });

  constructor(
    private readonly root: HTMLElement,
    private readonly config: HostConfig,
  ) {
    this.tabOrigin = new URL(config.tabUrl).origin;
    this.state = this.initialState(new URLSearchParams(location.search));
    window.candorHost = { events: this.events, state: () => ({ ...this.state }) };
  }

  start(): void {
    this.render();
    this.mountFrames();
    void this.refreshOutbox();
    setInterval(() => void this.refreshOutbox(), OUTBOX_POLL_MS);
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
    return { userId: user.id, chatId: meeting?.chatId ?? '', theme: parseTheme(params.get('theme')) };
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
      h('span', { class: 'brand' }, 'Candor', h('span', { class: 'muted' }, ' · local Teams host')),
      h('label', { class: 'control', for: 'as' }, 'Signed in as', this.userSelect),
      h('label', { class: 'control', for: 'meeting' }, 'Meeting', this.meetingSelect),
      this.themeGroup,
    );

    const stage = h(
      'main',
      { class: 'stage', 'aria-label': 'Meeting stage' },
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
      h('details', { class: 'log-box' }, h('summary', {}, 'Host protocol log'), this.log),
    );

    this.root.replaceChildren(topBar, h('div', { class: 'workspace' }, stage, outbox));
    this.applyChromeTheme();
  }

  private update(patch: Partial<PageState>): void {
    this.state = { ...this.state, ...patch };
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
  }

  private writeUrl(): void {
    const params = new URLSearchParams({ as: this.state.userId, meeting: this.state.chatId, theme: this.state.theme });
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
  }

  // ---- tab frames -----------------------------------------------------------------------------------------------

  /** (Re)creates both tab iframes for the current user and meeting, each answered with its own frameContext. */
  private mountFrames(): void {
    this.bridge?.dispose();
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
    });
    this.bridge = bridge;
    this.detailsSlot.replaceChildren(this.frame(bridge, 'content', 'prep', 'candor-prep', 'Candor meeting details'));
    this.sidePanelSlot.replaceChildren(this.frame(bridge, 'sidePanel', 'board', 'candor-board', 'Candor side panel'));
  }

  private frame(bridge: TeamsHostBridge, frameContext: FrameContext, surface: string, entityId: string, title: string): HTMLIFrameElement {
    const iframe = h('iframe', {
      title,
      class: frameContext === 'sidePanel' ? 'tab-frame side-panel-frame' : 'tab-frame',
      'data-frame-context': frameContext,
    });
    const frame: HostFrame = { iframe, frameContext, entityId };
    bridge.register(frame);
    const params = new URLSearchParams({ surface, theme: this.state.theme });
    iframe.src = `${this.config.tabUrl}/?${params.toString()}`;
    return iframe;
  }

  private record(event: BridgeEvent): void {
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
    this.mailViewer.replaceChildren(
      h('div', { class: 'mail-head' }, h('strong', {}, mail.subject), h('span', { class: 'mail-meta' }, `From ${mail.from || '—'} · To ${mail.to || '—'}`)),
      viewer,
    );
  }
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
  const message =
    json && typeof json === 'object' && 'error' in json && json.error && typeof json.error === 'object' && 'message' in json.error
      ? String(json.error.message)
      : `HTTP ${res.status}`;
  throw new Error(`Token for ${userId}: ${message}`);
}

void main();
