/** Runtime configuration the page carries in its own HTML, so the tab needs no extra round trip to start. */

export function readMeta(name: string, doc: Document = document): string {
  const el = doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  return el?.content.trim() ?? '';
}

/** The API base URL (`…/api`), absolute or relative to the page. Trailing slashes are dropped. */
export function apiBaseUrl(doc: Document = document): string {
  const raw = readMeta('candor-api-base', doc) || '/api';
  return new URL(raw, doc.baseURI).href.replace(/\/+$/, '');
}

/**
 * Extra origins teams-js should accept messages from. Only a local build (`vite build --mode localdev`) reads the
 * dev host origin; a production build has this branch removed by the bundler, so no page can opt itself in.
 */
export function extraValidOrigins(doc: Document = document): string[] | undefined {
  if (import.meta.env.MODE === 'localdev') {
    const origin = readMeta('candor-dev-host-origin', doc);
    return origin ? [origin] : undefined;
  }
  return undefined;
}
