/**
 * The host page's view of `GET /host-api/config`. The server-side type is `HostPageConfig` in
 * local/src/webServers.ts; this side checks the JSON at runtime because it crossed the network.
 */
export interface HostUser {
  id: string;
  displayName: string;
  role: 'manager' | 'report';
  userPrincipalName?: string;
}

export interface HostMeeting {
  chatId: string;
  meetingId: string;
  subject: string;
  managerId: string;
  reportId: string;
}

export interface HostConfig {
  tabUrl: string;
  tenantId: string;
  users: HostUser[];
  meetings: HostMeeting[];
}

/** Teams' theme names. */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

export const THEMES: ReadonlyArray<{ value: TeamsTheme; label: string }> = [
  { value: 'default', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'contrast', label: 'High contrast' },
];

export function parseTheme(value: string | null | undefined): TeamsTheme {
  switch ((value ?? '').toLowerCase()) {
    case 'dark':
      return 'dark';
    case 'contrast':
    case 'highcontrast':
    case 'high-contrast':
      return 'contrast';
    default:
      return 'default';
  }
}

export function parseConfig(json: unknown): HostConfig {
  const fail = (what: string): never => {
    throw new Error(`/host-api/config: ${what}`);
  };
  if (!isRecord(json)) return fail('not an object');
  const { tabUrl, tenantId, users, meetings } = json;
  if (typeof tabUrl !== 'string') return fail('tabUrl missing');
  if (typeof tenantId !== 'string') return fail('tenantId missing');
  if (!Array.isArray(users) || !Array.isArray(meetings)) return fail('users/meetings missing');
  return {
    tabUrl: tabUrl.replace(/\/+$/, ''),
    tenantId,
    users: users.map((u, i) => {
      if (!isRecord(u) || typeof u.id !== 'string' || typeof u.displayName !== 'string')
        return fail(`users[${i}] invalid`);
      const role = u.role === 'manager' || u.role === 'report' ? u.role : fail(`users[${i}].role invalid`);
      return {
        id: u.id,
        displayName: u.displayName,
        role,
        ...(typeof u.userPrincipalName === 'string' ? { userPrincipalName: u.userPrincipalName } : {}),
      };
    }),
    meetings: meetings.map((m, i) => {
      if (
        !isRecord(m) ||
        typeof m.chatId !== 'string' ||
        typeof m.meetingId !== 'string' ||
        typeof m.subject !== 'string' ||
        typeof m.managerId !== 'string' ||
        typeof m.reportId !== 'string'
      ) {
        return fail(`meetings[${i}] invalid`);
      }
      return {
        chatId: m.chatId,
        meetingId: m.meetingId,
        subject: m.subject,
        managerId: m.managerId,
        reportId: m.reportId,
      };
    }),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
