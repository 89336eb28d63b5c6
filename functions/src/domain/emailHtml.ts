/**
 * The shape every Candor email shares: accessible, responsive HTML (a single centred column, real headings,
 * a button that is a link, dark-mode friendly plain colours) and a plain-text alternative built from the same
 * blocks. Every string from people (names, subjects, answers) goes through `escapeHtml` here and nowhere
 * else, so no template can forget it.
 */

export type EmailBlock =
  | { kind: 'heading'; text: string }
  /** A section inside the email (an h2), e.g. one person of a digest: screen readers can jump between them. */
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'button'; text: string; href: string }
  | { kind: 'quote'; label: string; text: string };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Only http(s) links may become buttons; anything else (javascript:, data:) is refused, not escaped. */
function safeHref(href: string): string {
  const url = new URL(href);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`refusing a ${url.protocol} link`);
  return escapeHtml(url.toString());
}

function blockHtml(block: EmailBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h1 style="font-size:20px;line-height:28px;margin:0 0 16px">${escapeHtml(block.text)}</h1>`;
    case 'subheading':
      return `<h2 style="font-size:17px;line-height:24px;margin:24px 0 8px">${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px">${block.items
        .map((item) => `<li style="margin:0 0 6px">${escapeHtml(item)}</li>`)
        .join('')}</ul>`;
    case 'button':
      return (
        `<p style="margin:24px 0"><a href="${safeHref(block.href)}" ` +
        'style="display:inline-block;background:#5b5fc7;color:#ffffff;text-decoration:none;' +
        `padding:12px 20px;border-radius:4px;font-weight:600">${escapeHtml(block.text)}</a></p>`
      );
    case 'quote':
      return (
        `<p style="margin:0 0 4px;font-weight:600">${escapeHtml(block.label)}</p>` +
        `<p style="margin:0 0 16px;padding-left:12px;border-left:3px solid #5b5fc7">${escapeHtml(block.text)}</p>`
      );
  }
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${'='.repeat(Math.min(block.text.length, 60))}`;
    case 'subheading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'button':
      return `${block.text}: ${new URL(block.href).toString()}`;
    case 'quote':
      return `${block.label}:\n  ${block.text.replace(/\n/g, '\n  ')}`;
  }
}

export function renderEmail(subject: string, blocks: EmailBlock[], lang = 'en'): RenderedEmail {
  const body = blocks.map(blockHtml).join('\n');
  const html =
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="color-scheme" content="light dark">' +
    `<title>${escapeHtml(subject)}</title></head>` +
    '<body style="margin:0;padding:0">' +
    // A main landmark lets a screen reader skip the mail client's own chrome straight to the message. A div with the
    // role rather than <main>, because several mail clients drop HTML5 sectioning elements but keep ARIA roles.
    '<div role="main">' +
    '<div role="article" aria-roledescription="email" ' +
    'style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:Segoe UI,Helvetica,Arial,sans-serif;' +
    `font-size:15px;line-height:22px">${body}</div></div></body></html>`;
  return { subject, html, text: blocks.map(blockText).join('\n\n') + '\n' };
}
