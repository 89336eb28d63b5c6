import { h } from './dom';
import { readOutbox, runPreMeetingScan } from './hostApi';
import { formatTime, normalizeOutbox, type OutboxMail } from './outbox';
import { outlookFormLink, outlookMailHtml, type HostApp } from './outlookHost';

const OUTBOX_POLL_MS = 3000;

export interface OutboxOptions {
  /** A sender's display name, for mails the outbox names by user id only. */
  nameOf: (userId: string) => string | undefined;
  tabOrigin: string;
  /** Read when a mail opens: in Outlook its status form link opens the form inside the Outlook frame. */
  viewer: () => { host: HostApp; userId: string; theme: string };
}

/** The mails the stack sent, newest first, each opened in a sandboxed frame as a mail client would show it. */
export class OutboxPane {
  readonly status = h('p', { class: 'muted', role: 'status' });
  readonly list = h('ul', { class: 'outbox-list', 'aria-label': 'Sent mails' });
  readonly viewer = h('div', { class: 'mail-viewer' });
  private keys = '';
  private selected: string | null = null;

  constructor(private readonly options: OutboxOptions) {}

  start(): void {
    void this.refresh();
    setInterval(() => void this.refresh(), OUTBOX_POLL_MS);
  }

  async refresh(): Promise<void> {
    let mails: OutboxMail[];
    try {
      mails = normalizeOutbox(await readOutbox(), this.options.nameOf);
    } catch (error) {
      this.status.textContent = `Cannot read the outbox: ${String(error)}`;
      return;
    }
    const keys = mails.map((m) => m.key).join('|');
    if (keys === this.keys && this.status.textContent !== '') return;
    this.keys = keys;
    this.status.textContent = mails.length === 0 ? 'No mail sent yet.' : `${mails.length} sent`;
    this.list.replaceChildren(
      ...mails.map((mail) => {
        const button = h(
          'button',
          { type: 'button', class: 'mail', 'data-key': mail.key, 'aria-pressed': String(mail.key === this.selected) },
          h('span', { class: 'mail-subject' }, mail.subject),
          h('span', { class: 'mail-meta' }, `To ${mail.to || '—'}`),
          h('span', { class: 'mail-meta' }, mail.time ? formatTime(mail.time) : ''),
        );
        button.addEventListener('click', () => this.show(mail));
        return h('li', {}, button);
      }),
    );
  }

  /** The timer runs every 15 minutes in Azure; here it also runs once at start and whenever this is pressed. */
  async runScan(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.status.textContent = 'Running the pre-meeting scan…';
    try {
      await runPreMeetingScan();
      this.keys = '';
      await this.refresh();
    } catch (error) {
      this.status.textContent = `The scan failed: ${String(error)}`;
    } finally {
      button.disabled = false;
    }
  }

  private show(mail: OutboxMail): void {
    this.selected = mail.key;
    for (const button of this.list.querySelectorAll<HTMLButtonElement>('button.mail')) {
      button.setAttribute('aria-pressed', String(button.dataset.key === mail.key));
    }
    // No scripts, no same-origin, no forms, no navigation of this page; links open in a new tab (as from Outlook),
    // which is how the status request's button reaches the status form.
    const frame = h('iframe', {
      class: 'mail-frame',
      sandbox: 'allow-popups allow-popups-to-escape-sandbox',
      title: `Mail: ${mail.subject}`,
      referrerpolicy: 'no-referrer',
    });
    frame.srcdoc = `<base target="_blank">${mail.html}`;
    const viewer = this.options.viewer();
    if (viewer.host === 'outlook') {
      // As Outlook: the status form's link opens the form in the Outlook frame (the mail frame may navigate this
      // page on a click, nothing else); every other link still opens a new window.
      frame.setAttribute(
        'sandbox',
        'allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation',
      );
      const hostPage = {
        url: `${location.origin}${location.pathname}`,
        params: new URLSearchParams({ as: viewer.userId, theme: viewer.theme }),
      };
      frame.srcdoc = outlookMailHtml(mail.html, (href) => outlookFormLink(href, this.options.tabOrigin, hostPage));
    }
    this.viewer.replaceChildren(
      h(
        'div',
        { class: 'mail-head' },
        h('strong', {}, mail.subject),
        h('span', { class: 'mail-meta' }, `From ${mail.from || '—'} · To ${mail.to || '—'}`),
      ),
      frame,
    );
  }
}
