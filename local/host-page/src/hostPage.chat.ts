import { Action, AdaptiveCard, ExecuteAction, OpenUrlAction } from 'adaptivecards';
import { isRecord } from './config';

/**
 * The host page's "Teams chat": each person's chat with the Candor bot and each meeting's chat, as the
 * simulator's Bot Connector recorded them. Cards are rendered with Microsoft's `adaptivecards` renderer; an
 * Action.Execute goes back to the bot through the host page's server as a Bot Framework-signed
 * `adaptiveCard/action` invoke, and the card is replaced by the bot's answer, as Teams does.
 */

interface ChatMessage {
  id: string;
  text: string;
  cards: unknown[];
}

interface Chat {
  id: string;
  kind: 'personal' | 'meeting';
  userId?: string;
  messages: ChatMessage[];
}

export interface BotChatOptions {
  users: ReadonlyArray<{ id: string; displayName: string }>;
  meetings: ReadonlyArray<{ chatId: string; subject: string }>;
  /** Who is signed in: they act in the meeting chat, and their own chat is shown first. */
  signedIn: () => string;
  /** Links from a card (the status form) open here, as Teams opens them in a browser tab. */
  openUrl: (url: string) => void;
}

const POLL_MS = 3000;

export class BotChatPanel {
  readonly element: HTMLElement;
  private readonly select = document.createElement('select');
  private readonly list = document.createElement('ol');
  private readonly status = document.createElement('p');
  private readonly composer = document.createElement('form');
  private readonly input = document.createElement('input');
  private chats: Chat[] = [];
  private shownKey = '';
  private following = true;

  constructor(private readonly options: BotChatOptions) {
    this.element = document.createElement('section');
    this.element.className = 'pane bot-chat';
    this.element.setAttribute('aria-labelledby', 'bot-chat-title');
    const title = document.createElement('h2');
    title.className = 'pane-title';
    title.id = 'bot-chat-title';
    title.textContent = 'Teams chat';
    const label = document.createElement('label');
    label.htmlFor = 'bot-chat-select';
    label.textContent = 'Chat ';
    this.select.id = 'bot-chat-select';
    this.select.addEventListener('change', () => {
      this.following = false;
      this.render(true);
    });
    this.list.className = 'bot-chat-list';
    this.list.setAttribute('aria-label', 'Messages');
    this.list.setAttribute('aria-live', 'polite');
    this.status.className = 'muted';
    this.status.setAttribute('role', 'status');
    this.input.type = 'text';
    this.input.name = 'bot-chat-text';
    this.input.setAttribute('aria-label', 'Message to Candor');
    this.input.placeholder = 'Type "help", "status" or "settings"';
    const send = document.createElement('button');
    send.type = 'submit';
    send.className = 'link-button';
    send.textContent = 'Send';
    this.composer.className = 'bot-chat-composer';
    this.composer.append(this.input, send);
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.say();
    });
    const head = document.createElement('div');
    head.className = 'pane-head';
    head.append(title, label, this.select);
    this.element.append(head, this.status, this.list, this.composer);
  }

  start(): void {
    void this.refresh();
    setInterval(() => void this.refresh(), POLL_MS);
  }

  /** The signed-in person changed: show their chat with the bot (unless another chat was picked by hand). */
  follow(): void {
    this.following = true;
    this.render(true);
  }

  async refresh(): Promise<void> {
    try {
      const res = await fetch('/host-api/bot/chats', { cache: 'no-store' });
      const json: unknown = await res.json();
      this.chats = isRecord(json) && Array.isArray(json.chats) ? (json.chats as Chat[]) : [];
      this.render(false);
    } catch (error) {
      this.status.textContent = `Cannot read the chats: ${String(error)}`;
    }
  }

  private nameOf(chat: Chat): string {
    if (chat.kind === 'personal')
      return `${this.options.users.find((u) => u.id === chat.userId)?.displayName ?? 'Someone'} · Candor`;
    return `Meeting chat · ${this.options.meetings.find((m) => m.chatId === chat.id)?.subject ?? chat.id}`;
  }

  private render(force: boolean): void {
    const options = this.chats.map((c) => `${c.id}|${this.nameOf(c)}|${c.messages.length}`).join('\n');
    if (this.select.dataset.options !== options) {
      const keep = this.select.value;
      this.select.replaceChildren(
        ...this.chats.map((c) => {
          const option = document.createElement('option');
          option.value = c.id;
          option.textContent = `${this.nameOf(c)}${c.messages.length ? ` (${c.messages.length})` : ''}`;
          return option;
        }),
      );
      this.select.dataset.options = options;
      if (keep) this.select.value = keep;
    }
    if (this.following) {
      const own = this.chats.find((c) => c.kind === 'personal' && c.userId === this.options.signedIn());
      if (own) this.select.value = own.id;
    }
    const chat = this.chats.find((c) => c.id === this.select.value);
    this.composer.hidden = chat?.kind !== 'personal';
    const key = JSON.stringify(chat?.messages ?? []);
    if (!force && key === this.shownKey) return;
    this.shownKey = key;
    this.status.textContent =
      !chat || chat.messages.length === 0
        ? 'No messages yet. The pre-meeting scan sends status cards here to people who chose Teams chat.'
        : '';
    this.list.replaceChildren(...(chat?.messages ?? []).map((m) => this.messageItem(chat!, m)));
  }

  private messageItem(chat: Chat, message: ChatMessage): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'bot-chat-message';
    item.dataset.activityId = message.id;
    if (message.text) {
      const p = document.createElement('p');
      p.textContent = message.text;
      item.append(p);
    }
    for (const payload of message.cards) {
      const card = new AdaptiveCard();
      try {
        card.parse(payload);
      } catch {
        continue;
      }
      card.onExecuteAction = (action: Action) => void this.execute(chat, message, action, item);
      const rendered = card.render();
      if (rendered) item.append(rendered);
    }
    return item;
  }

  private async execute(chat: Chat, message: ChatMessage, action: Action, item: HTMLElement): Promise<void> {
    if (action instanceof OpenUrlAction) {
      if (action.url) this.options.openUrl(action.url);
      return;
    }
    if (!(action instanceof ExecuteAction)) return;
    const data = (action.data ?? {}) as Record<string, unknown>;
    const userId = chat.kind === 'personal' && chat.userId ? chat.userId : this.options.signedIn();
    item.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch('/host-api/bot/action', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          userId,
          conversationId: chat.id,
          activityId: message.id,
          verb: action.verb,
          data,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        }),
      });
      const answer: unknown = await res.json();
      const body = isRecord(answer) && isRecord(answer.body) ? answer.body : {};
      // A message answer (e.g. "this card belongs to someone else") shows as Teams shows it: under the card.
      this.status.textContent =
        body.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string' ? body.value : '';
    } catch (error) {
      this.status.textContent = `The action failed: ${String(error)}`;
    } finally {
      item.removeAttribute('aria-busy');
    }
    await this.refresh();
  }

  private async say(): Promise<void> {
    const chat = this.chats.find((c) => c.id === this.select.value);
    const text = this.input.value.trim();
    if (!chat || chat.kind !== 'personal' || !chat.userId || !text) return;
    this.input.value = '';
    await fetch('/host-api/bot/message', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: chat.userId, conversationId: chat.id, text }),
    });
    await this.refresh();
  }
}
