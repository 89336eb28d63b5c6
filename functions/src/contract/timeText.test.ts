import { calendarDayText, dateTimeText, dayText, monthText, zoneText } from './timeText';

const BERLIN = { locale: 'en-US', timeZone: 'Europe/Berlin' };

describe('the one formatter of dates and times people read', () => {
  it('writes a meeting time in the reader zone, with the zone named', () => {
    expect(dateTimeText('2026-12-10T09:00:00.000Z', BERLIN)).toBe('Thursday, December 10, 10:00 AM (GMT+1)');
    expect(dateTimeText('2026-12-10T09:00:00.000Z', { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Thursday, December 10, 4:00 AM (GMT-5)',
    );
  });

  it('follows daylight saving time: the same wall clock reads GMT+2 in summer', () => {
    expect(dateTimeText('2026-07-09T08:00:00.000Z', BERLIN)).toBe('Thursday, July 9, 10:00 AM (GMT+2)');
  });

  it('moves the day with the zone, not with UTC', () => {
    expect(dayText('2026-12-10T23:30:00.000Z', BERLIN)).toBe('Friday, December 11');
    expect(dayText('2026-12-10T23:30:00.000Z', { locale: 'en-US', timeZone: null })).toBe('Thursday, December 10');
  });

  it('says UTC when the zone is UTC or unknown, never guesses and never throws', () => {
    expect(dateTimeText('2026-11-23T14:30:00.000Z', { locale: 'en-US', timeZone: null })).toBe(
      'Monday, November 23, 2:30 PM (UTC)',
    );
    expect(dateTimeText('2026-11-23T14:30:00.000Z', { locale: 'en-US', timeZone: 'Mars/Olympus' })).toBe(
      'Monday, November 23, 2:30 PM (UTC)',
    );
    expect(zoneText('2026-11-23T14:30:00.000Z', { locale: 'en-US', timeZone: 'Europe/London' })).toBe('UTC');
  });

  it('writes in the reader locale, and in en-US when the locale is not one Intl knows', () => {
    expect(dateTimeText('2026-12-10T09:00:00.000Z', { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe(
      'Donnerstag, 10. Dezember, 10:00 (GMT+1)',
    );
    expect(dateTimeText('2026-12-10T09:00:00.000Z', { locale: 'not a locale!', timeZone: 'Europe/Berlin' })).toBe(
      'Thursday, December 10, 10:00 AM (GMT+1)',
    );
  });

  it('leaves the zone out only when asked', () => {
    expect(dateTimeText('2026-12-10T09:00:00.000Z', BERLIN, { zone: false })).toBe('Thursday, December 10, 10:00 AM');
  });

  it('uses one plain space, whatever space this ICU puts before AM', () => {
    expect(dateTimeText('2026-12-10T09:00:00.000Z', BERLIN)).not.toMatch(/[\u00a0\u202f]/);
  });

  it('reads a calendar day without a zone shift and a month in words', () => {
    expect(calendarDayText('2026-12-10', 'en-US')).toBe('Thursday, December 10');
    expect(monthText('2026-11', 'en-US')).toBe('November 2026');
  });

  it('gives text it cannot read back as it came, instead of "Invalid Date"', () => {
    expect(dateTimeText('soon', BERLIN)).toBe('soon');
    expect(calendarDayText('someday', 'en-US')).toBe('someday');
  });
});
