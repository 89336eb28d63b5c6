import { utcOfGraphDateTime } from './meetingTime';

describe("Graph's dateTimeTimeZone turned into a UTC instant", () => {
  it('reads UTC, with or without Graph’s seven fractional digits', () => {
    expect(utcOfGraphDateTime({ dateTime: '2026-12-10T09:00:00.0000000', timeZone: 'UTC' })).toEqual({
      utc: '2026-12-10T09:00:00.000Z',
      assumedUtc: false,
    });
    expect(utcOfGraphDateTime({ dateTime: '2026-12-10T09:00:00Z', timeZone: null })?.utc).toBe(
      '2026-12-10T09:00:00.000Z',
    );
  });

  it('converts a Windows zone name, in winter and in summer', () => {
    expect(
      utcOfGraphDateTime({ dateTime: '2026-12-10T10:00:00.0000000', timeZone: 'W. Europe Standard Time' })?.utc,
    ).toBe('2026-12-10T09:00:00.000Z');
    expect(
      utcOfGraphDateTime({ dateTime: '2026-07-09T10:00:00.0000000', timeZone: 'W. Europe Standard Time' })?.utc,
    ).toBe('2026-07-09T08:00:00.000Z');
    expect(
      utcOfGraphDateTime({ dateTime: '2026-12-10T10:00:00.0000000', timeZone: 'Pacific Standard Time' })?.utc,
    ).toBe('2026-12-10T18:00:00.000Z');
  });

  it('converts an IANA zone name, including one with a half-hour offset', () => {
    expect(utcOfGraphDateTime({ dateTime: '2026-12-10T10:00:00', timeZone: 'America/New_York' })?.utc).toBe(
      '2026-12-10T15:00:00.000Z',
    );
    expect(utcOfGraphDateTime({ dateTime: '2026-12-10T10:00:00', timeZone: 'Asia/Kolkata' })?.utc).toBe(
      '2026-12-10T04:30:00.000Z',
    );
  });

  it('is right on both sides of a daylight-saving change', () => {
    // Berlin springs forward on Sunday 2026-03-29 at 02:00 and falls back on Sunday 2026-10-25 at 03:00.
    expect(utcOfGraphDateTime({ dateTime: '2026-03-29T01:30:00', timeZone: 'Europe/Berlin' })?.utc).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(utcOfGraphDateTime({ dateTime: '2026-03-29T03:30:00', timeZone: 'Europe/Berlin' })?.utc).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(utcOfGraphDateTime({ dateTime: '2026-10-25T01:30:00', timeZone: 'Europe/Berlin' })?.utc).toBe(
      '2026-10-24T23:30:00.000Z',
    );
    expect(utcOfGraphDateTime({ dateTime: '2026-10-25T03:30:00', timeZone: 'Europe/Berlin' })?.utc).toBe(
      '2026-10-25T02:30:00.000Z',
    );
  });

  it('reads a wall-clock time the change skips as the same moment one hour on, and a repeated one as its first', () => {
    // 02:30 does not exist in Berlin on 2026-03-29 (clocks jump to 03:00): it is read as 03:30 CEST.
    expect(utcOfGraphDateTime({ dateTime: '2026-03-29T02:30:00', timeZone: 'Europe/Berlin' })?.utc).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on 2026-10-25: the first one, still summer time.
    expect(utcOfGraphDateTime({ dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/Berlin' })?.utc).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads an unknown zone name as UTC and says it assumed so, instead of dropping the event', () => {
    expect(utcOfGraphDateTime({ dateTime: '2026-12-10T10:00:00', timeZone: 'Customized Time Zone' })).toEqual({
      utc: '2026-12-10T10:00:00.000Z',
      assumedUtc: true,
    });
  });

  it('gives null only for a dateTime that is not one', () => {
    expect(utcOfGraphDateTime({ dateTime: 'next Tuesday', timeZone: 'UTC' })).toBeNull();
  });
});
