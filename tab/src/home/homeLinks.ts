import type { Surface } from '../host/surfaces';

/**
 * This page's address with another surface named: the settings page and the Trends view are surfaces of the same
 * app, on the same host, so Home links to them in place and the host keeps its context (theme, locale).
 */
export function surfaceHref(surface: Surface | 'settings', search: string = location.search): string {
  const params = new URLSearchParams(search);
  params.set('surface', surface);
  // Home's own state has no meaning on the other surface.
  params.delete('report');
  return `?${params.toString()}`;
}
