/**
 * The host page posing as Outlook (or as Teams, its default). As Outlook it offers what Outlook offers a Teams app:
 * the personal tabs only (Trends, and the status form opened from the email), no meeting, no chat, Outlook's
 * chrome, and a teams-js context whose `app.host.name` is `Outlook`.
 */

export type HostApp = 'teams' | 'outlook';

export const HOST_APPS: ReadonlyArray<{ value: HostApp; label: string }> = [
  { value: 'teams', label: 'Teams' },
  { value: 'outlook', label: 'Outlook' },
];

export function parseHostApp(value: string | null | undefined): HostApp {
  return value?.toLowerCase() === 'outlook' ? 'outlook' : 'teams';
}

/** teams-js `HostName` of each pose (what `app.getContext()` reports as `app.host.name`). */
export function hostNameOf(host: HostApp): 'Teams' | 'Outlook' {
  return host === 'outlook' ? 'Outlook' : 'Teams';
}

/**
 * What the host reports as supported (runtime config v4). Outlook hosts personal tabs: no meeting configuration
 * (`pages.config`), no `teamsCore`, no chat or meeting capabilities; it adds `mail` and `calendar`.
 */
export function runtimeSupports(host: HostApp): Record<string, unknown> {
  if (host === 'outlook') {
    return {
      app: {},
      pages: { appButton: {}, backStack: {}, currentApp: {} },
      dialog: { url: {} },
      mail: {},
      calendar: {},
    };
  }
  return {
    app: {},
    appEntity: {},
    pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, fullTrust: {}, tabs: {} },
    teamsCore: {},
  };
}

/** A path and query on the tab's origin (`/?surface=status&token=…`), or null: never another origin or a scheme. */
export function statusFormPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  return new URLSearchParams(value.split('?')[1] ?? '').get('surface') === 'status' ? value : null;
}

/**
 * The email's link to the status form, made to open inside this Outlook frame: the host page itself with
 * `view=status&form=<path on the tab origin>`. Null for every other link (they keep opening in a new window).
 */
export function outlookFormLink(
  href: string,
  tabOrigin: string,
  hostPage: { url: string; params: URLSearchParams },
): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== tabOrigin || url.searchParams.get('surface') !== 'status') return null;
  const params = new URLSearchParams(hostPage.params);
  params.set('host', 'outlook');
  params.set('view', 'status');
  params.set('form', `${url.pathname}${url.search}`);
  return `${hostPage.url}?${params.toString()}`;
}

/**
 * The mail's HTML for the viewer as Outlook shows it: links to the status form open the form in this host's frame
 * (by navigating the host page, the only thing a script-less sandboxed mail frame may do), others a new window.
 * Parsed inertly (DOMParser runs no scripts); the mail frame stays sandboxed without scripts.
 */
export function outlookMailHtml(html: string, rewrite: (href: string) => string | null): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const link of Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    const target = rewrite(link.getAttribute('href') ?? '');
    if (target) {
      link.setAttribute('href', target);
      link.setAttribute('target', '_top');
    } else {
      link.setAttribute('target', '_blank');
    }
  }
  return doc.documentElement.outerHTML;
}
