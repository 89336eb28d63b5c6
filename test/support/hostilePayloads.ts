/**
 * Markup and script that must stay text wherever people's words are shown: the side panel, the trend tab and
 * every email. Each would set `window.__candorPwned` (or open a dialog) if it ever ran.
 */
export const XSS_PAYLOADS = [
  '<img src=x onerror="window.__candorPwned=1">',
  '<script>window.__candorPwned=1</script>',
  'javascript:window.__candorPwned=1',
  '"><svg onload="window.__candorPwned=1">',
  '\'><iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">open</a>',
] as const;

/** Elements a payload would create if it were parsed as HTML. */
export const INJECTED_TAGS = ['script', 'img', 'svg', 'iframe', 'a'] as const;

/**
 * Every tag in an HTML document whose attributes would run script: an `on…=` handler, or a `javascript:` URL.
 * Escaped text (`&lt;img onerror=…&gt;`) is not a tag and is not found.
 */
export function activeMarkupIn(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/\son[a-z]+\s*=/i.test(tag) || /(?:href|src|action)\s*=\s*["']?\s*javascript:/i.test(tag)) found.push(tag);
  }
  for (const name of ['script', 'svg', 'iframe', 'img']) {
    if (new RegExp(`<${name}\\b`, 'i').test(html)) found.push(`<${name}`);
  }
  return found;
}
