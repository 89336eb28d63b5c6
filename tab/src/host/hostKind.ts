/**
 * Which Microsoft 365 application hosts the tab, and what Candor adapts to it. Pure: the host name and client type
 * come from teams-js (`context.app.host.name` / `.clientType`, the `HostName` and `HostClientType` enums); this module
 * only maps them, so it is tested without a host.
 *
 * Capabilities are NOT decided here: where teams-js offers `isSupported()` for a capability, callers ask it (a host
 * can gain or lose a capability per client and release). This is for words and for what exists only in Teams by
 * design (meetings: side panel, meeting chat).
 */

export type HostKind = 'teams' | 'outlook' | 'microsoft365' | 'other';

export interface HostProfile {
  kind: HostKind;
  /** How the page names its host to people ("Teams", "Outlook", "Microsoft 365"). */
  label: string;
  /** Whether Candor's meeting surfaces (side panel, details and chat tabs) live in this host. */
  hostsMeetings: boolean;
  /** Mobile clients get a narrower layout and no hover-only affordances. */
  mobile: boolean;
}

// teams-js HostName values (constants.d.ts): Teams, TeamsModern, Outlook, OutlookWin32, Office, Orange, Places.
const KIND_BY_HOST_NAME: Record<string, HostKind> = {
  teams: 'teams',
  teamsmodern: 'teams',
  outlook: 'outlook',
  outlookwin32: 'outlook',
  office: 'microsoft365',
};

const LABELS: Record<HostKind, string> = {
  teams: 'Teams',
  outlook: 'Outlook',
  microsoft365: 'Microsoft 365',
  other: 'this app',
};

const MOBILE_CLIENTS = new Set(['android', 'ios', 'ipados']);

export function hostKind(hostName: string | null | undefined): HostKind {
  const key = (hostName ?? '').toLowerCase();
  return Object.hasOwn(KIND_BY_HOST_NAME, key) ? KIND_BY_HOST_NAME[key]! : 'other';
}

export function hostProfile(hostName: string | null | undefined, clientType?: string | null): HostProfile {
  const kind = hostKind(hostName);
  return {
    kind,
    label: LABELS[kind],
    hostsMeetings: kind === 'teams',
    mobile: MOBILE_CLIENTS.has((clientType ?? '').toLowerCase()),
  };
}
