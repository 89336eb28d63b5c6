import { parseTheme, type HostConfig, type HostMeeting, type HostUser, type TeamsTheme } from './config';
import { parseHostApp, statusFormPath, type HostApp } from './outlookHost';

/** What the page shows, all of it in its URL so a test or a link can open any view directly. */
export interface PageState {
  userId: string;
  chatId: string;
  theme: TeamsTheme;
  /**
   * `home` / `trends`: that personal tab in the wide frame instead of the meeting (`?view=home`). `status`: the status
   * form opened from the outbox's email inside the Outlook frame (`?host=outlook&view=status&form=/?surface=status…`).
   */
  view: 'meeting' | 'home' | 'trends' | 'status';
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

export function readPageState(params: URLSearchParams, config: HostConfig): PageState {
  const asParam = params.get('as');
  const meetingParam = params.get('meeting');
  // A newcomer with no choices made lands in the first demo 1:1 as its report: the person who types first.
  const firstMeeting = config.meetings[0];
  const user =
    config.users.find((u) => u.id === asParam) ??
    config.users.find((u) => u.id === firstMeeting?.reportId) ??
    config.users[0]!;
  const meeting = config.meetings.find((m) => m.chatId === meetingParam) ?? defaultMeetingFor(config, user);
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
          : params.get('view') === 'home' || params.get('surface') === 'home'
            ? 'home'
            : 'meeting',
    host: parseHostApp(params.get('host')),
    form: statusFormPath(params.get('form')),
    report: params.get('report'),
    panel: tabOriginPath(params.get('panel')),
  };
}

/** The page's URL query for a state: what readPageState reads back. */
export function pageSearch(state: PageState): string {
  const params = new URLSearchParams({ as: state.userId, meeting: state.chatId, theme: state.theme });
  if (state.host !== 'teams') params.set('host', state.host);
  if (state.view === 'status' && state.form) {
    params.set('view', 'status');
    params.set('form', state.form);
  }
  if (state.view === 'trends' || state.view === 'home') params.set('view', state.view);
  if (state.view === 'trends' && state.report) params.set('report', state.report);
  if (state.panel) params.set('panel', state.panel);
  return params.toString();
}

export function defaultMeetingFor(config: HostConfig, user: HostUser): HostMeeting | undefined {
  return config.meetings.find((m) => m.managerId === user.id || m.reportId === user.id) ?? config.meetings[0];
}

/** A path (and query) on the tab's origin, or null: never another origin (`//host`) or a scheme. */
function tabOriginPath(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : null;
}
