import { escapeHtml, renderEmail } from './emailHtml';

describe('renderEmail', () => {
  const hostile = '<img src=x onerror=alert(1)> & "quotes"';

  it('escapes every string that came from people, in HTML', () => {
    const email = renderEmail(hostile, [
      { kind: 'heading', text: hostile },
      { kind: 'paragraph', text: hostile },
      { kind: 'list', items: [hostile] },
      { kind: 'quote', label: hostile, text: hostile },
      { kind: 'button', text: hostile, href: 'https://example.test/form?x="><script>' },
    ]);
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain(escapeHtml(hostile));
    expect(email.subject).toBe(hostile);
  });

  it('gives a plain-text alternative with the same content and the link spelled out', () => {
    const email = renderEmail('Your 1:1', [
      { kind: 'paragraph', text: 'Before we meet' },
      { kind: 'button', text: 'Write your update', href: 'https://example.test/status?t=abc' },
    ]);
    expect(email.text).toContain('Before we meet');
    expect(email.text).toContain('Write your update: https://example.test/status?t=abc');
  });

  it('refuses links that are not http(s)', () => {
    expect(() => renderEmail('x', [{ kind: 'button', text: 'x', href: 'javascript:alert(1)' }])).toThrow(/javascript/);
  });
});

describe('the email layout as assistive technology reads it', () => {
  it('puts every block inside one main landmark, so a screen reader can jump past the mail client to the content', () => {
    const email = renderEmail('Your 1:1', [
      { kind: 'heading', text: 'Your 1:1 recap' },
      { kind: 'paragraph', text: 'The two lines you closed with' },
      { kind: 'button', text: 'Open Candor', href: 'https://example.test/' },
    ]);
    const opening = /<main\b[^>]*>|<[a-z]+\b[^>]*\brole="main"[^>]*>/.exec(email.html);
    expect(opening).not.toBeNull();
    const tag = /^<([a-z]+)/.exec(opening![0])![1]!;
    const inside = email.html.slice(opening!.index + opening![0].length, email.html.lastIndexOf(`</${tag}>`));
    expect(inside).toContain('<h1');
    expect(inside).toContain('The two lines you closed with');
    expect(inside).toContain('Open Candor</a>');
    expect(email.html.match(/<main\b|role="main"/g)).toHaveLength(1);
  });
});
