import { durationText, homeStatusOf } from './homeStatus';

describe('homeStatusOf', () => {
  const now = new Date('2026-11-26T09:00:00.000Z');
  const base = { updatedAt: null, askedAt: null, requestsOn: true, leadTimeMinutes: 1440, now };

  it('says received, then asked, before anything about timing', () => {
    const updatedAt = '2026-11-26T08:00:00.000Z';
    expect(homeStatusOf({ ...base, updatedAt, askedAt: updatedAt, startUtc: '2026-11-26T10:00:00.000Z' })).toEqual({
      state: 'received',
      updatedAt,
    });
    expect(homeStatusOf({ ...base, askedAt: updatedAt, startUtc: '2026-11-26T10:00:00.000Z' })).toEqual({
      state: 'asked',
      askedAt: updatedAt,
    });
  });

  it('says why no request went out', () => {
    const why = (over: Partial<Parameters<typeof homeStatusOf>[0]>) =>
      homeStatusOf({ ...base, startUtc: '2026-11-30T09:00:00.000Z', ...over });
    expect(why({ requestsOn: false })).toEqual({ state: 'notAsked', why: 'Status requests are off.' });
    expect(why({})).toEqual({ state: 'notAsked', why: 'Goes out 24 hours before the 1:1.' });
    expect(why({ startUtc: '2026-11-26T12:00:00.000Z' })).toEqual({
      state: 'notAsked',
      why: 'Goes out within minutes.',
    });
    expect(why({ startUtc: '2026-11-26T08:00:00.000Z' })).toEqual({
      state: 'notAsked',
      why: 'No request went out before the 1:1 started.',
    });
  });

  it('writes lead times in words', () => {
    expect([durationText(60), durationText(90), durationText(2880)]).toEqual(['1 hour', '90 minutes', '48 hours']);
  });
});
