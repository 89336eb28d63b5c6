import { EXCHANGE_MESSAGES_PER_MINUTE, SendPacer } from './pacing';

describe('the send pacer', () => {
  const at = Date.parse('2026-11-23T06:00:00.000Z');

  it('defaults to Exchange Online’s 30 messages a minute, per mailbox: another mailbox has its own minute', () => {
    const pacer = new SendPacer();
    expect(pacer.perMinute).toBe(EXCHANGE_MESSAGES_PER_MINUTE);
    for (let i = 0; i < 30; i++) expect(pacer.reserve('service@contoso.example', at)).not.toBeNull();
    expect(pacer.reserve('SERVICE@contoso.example', at)).toBeNull();
    expect(pacer.reserve('manager@contoso.example', at)).not.toBeNull();
    expect(pacer.waitMs('service@contoso.example', at + 20_000)).toBe(40_000);
    expect(pacer.waitMs('service@contoso.example', at + 60_000)).toBe(0);
  });

  it('a place given back, or one whose send answered late, counts as such', () => {
    const pacer = new SendPacer(2);
    const first = pacer.reserve('m', at);
    const second = pacer.reserve('m', at);
    expect(pacer.reserve('m', at)).toBeNull();
    if (!first || !second) throw new Error('expected places');
    pacer.release(first);
    expect(pacer.waitMs('m', at)).toBe(0);
    second.at = at + 10_000;
    expect(pacer.reserve('m', at)).not.toBeNull();
    expect(pacer.waitMs('m', at + 5_000)).toBe(55_000);
  });
});
