import { h } from './dom';
import type { BridgeEvent } from './teamsBridge';

const MAX_EVENTS = 200;

/**
 * What the tab frames asked the host and what it answered: a list browser tests read (window.candorHost.events)
 * and the "Host protocol log" a person reads, both capped to the newest events.
 */
export class ProtocolLog {
  readonly events: BridgeEvent[] = [];
  readonly element = h('ol', { class: 'log' });

  record(event: BridgeEvent): void {
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    const time = new Date(event.at).toLocaleTimeString();
    this.element.append(
      h(
        'li',
        {},
        `${time} ${event.frame} ${event.direction === 'in' ? '→' : '←'} ${event.func}${event.detail ? ` (${event.detail})` : ''}`,
      ),
    );
    while (this.element.childElementCount > MAX_EVENTS) this.element.firstElementChild?.remove();
  }
}
