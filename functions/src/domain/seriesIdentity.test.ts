import { createHash } from 'node:crypto';
import type { CalendarEvent } from './calendar';
import { occurrenceIdFor } from './occurrences';
import { claimBaseOf } from './statusRequests';
import {
  boardOccurrenceIdOf,
  normalizedJoinUrl,
  sameMeetingLink,
  seriesIdentityOf,
  shortLinkMeetingIdOf,
} from './seriesIdentity';

const THREAD = '19:meeting_NDQ4MGRhYjgtMzc5MS00ZWMxLWJiZjEtOTIxZmM5Mzg3ZGFi@thread.v2';
const LONG = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}/0?context=%7b%22Tid%22%3a%22t%22%7d`;
const SHORT = 'https://teams.microsoft.com/meet/23456789012345?p=Ab3CdE9fGh';

const copy = (
  eventId: string,
  joinUrl: string | null,
): Pick<CalendarEvent, 'eventId' | 'joinUrl' | 'originalStartUtc' | 'startUtc'> => ({
  eventId,
  joinUrl,
  originalStartUtc: '2026-11-23T09:00:00.000Z',
  startUtc: '2026-11-23T10:00:00.000Z',
});

describe('seriesIdentityOf', () => {
  it('is the chat thread id of a long link, so existing boards and claims keep their ids', () => {
    expect(seriesIdentityOf(copy('AAMk-manager', LONG))).toBe(THREAD);
    expect(boardOccurrenceIdOf(copy('AAMk-manager', LONG))).toBe(occurrenceIdFor('2026-11-23T09:00:00.000Z', THREAD));
    // The claim base hashes exactly the thread id, as every stored claim row does.
    const hash = createHash('sha256').update(THREAD, 'utf8').digest('hex').slice(0, 16);
    expect(claimBaseOf(seriesIdentityOf(copy('x', LONG)), '2026-11-23T09:00:00.000Z')).toBe(`${hash}-20261123T0900Z`);
  });

  it('is the meeting id of a short link, the same in both people’s calendars', () => {
    const manager = copy('AAMk-manager', SHORT);
    const report = copy('AAMk-report', 'https://teams.microsoft.com/meet/23456789012345?p=Ab3CdE9fGh');
    expect(seriesIdentityOf(manager)).toBe('meet:23456789012345');
    expect(boardOccurrenceIdOf(manager)).toBe(boardOccurrenceIdOf(report));
  });

  it('falls back to the mailbox’s event id without a Teams link', () => {
    expect(seriesIdentityOf(copy('AAMk-manager', null))).toBe('event:AAMk-manager');
    expect(seriesIdentityOf(copy('AAMk-manager', 'https://zoom.example/j/123'))).toBe('event:AAMk-manager');
  });
});

describe('shortLinkMeetingIdOf', () => {
  it.each([
    [SHORT, '23456789012345'],
    ['https://teams.microsoft.com/meet/23456789012345', '23456789012345'],
    [LONG, null],
    ['https://teams.microsoft.com/meet/', null],
    ['https://teams.microsoft.com/meet/1/2', null],
    ['not a url', null],
    [null, null],
  ])('%p → %p', (url, id) => {
    expect(shortLinkMeetingIdOf(url)).toBe(id);
  });
});

describe('sameMeetingLink', () => {
  it('matches a link however its escapes are cased, and whatever its query says', () => {
    const upper = LONG.replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase()).replace(/context=.*/, 'context=other');
    expect(sameMeetingLink(LONG, upper)).toBe(true);
    expect(sameMeetingLink(SHORT, 'https://TEAMS.microsoft.com/meet/23456789012345?p=different')).toBe(true);
  });

  it('does not match different meetings, different case of an id, or nothing', () => {
    expect(sameMeetingLink(SHORT, 'https://teams.microsoft.com/meet/23456789012346?p=Ab3CdE9fGh')).toBe(false);
    expect(sameMeetingLink(LONG, LONG.replace('NDQ4', 'ndq4'))).toBe(false);
    expect(sameMeetingLink(null, null)).toBe(false);
    expect(normalizedJoinUrl('nonsense')).toBeNull();
  });
});

describe('a 1:1 without a Teams meeting (in person, by phone)', () => {
  // Outlook's Global Object Id: 16 bytes of class id, then year (2 bytes), month and day of the occurrence.
  const CLASS = '040000008200E00074C5B7101A82E008';
  const REST = '80E3A3B1B7E3DC01000000000000000010000000D3F1C3A2B8E0474C9D0F1E2A3B4C5D6E';
  const goid = (date: string): string => `${CLASS}${date}${REST}`;
  const inPerson = (eventId: string, iCalUId: string, originalStartUtc: string) => ({
    eventId,
    joinUrl: null,
    iCalUId,
    originalStartUtc,
    startUtc: originalStartUtc,
  });

  it('is keyed by the series’ Global Object Id, so both calendars share the board of each occurrence', () => {
    // 2026-11-23 is 07EA 0B 17: each occurrence's iCalUId differs in those bytes, each mailbox's event id differs.
    const manager = inPerson('AAMk-manager', goid('07EA0B17'), '2026-11-23T09:00:00.000Z');
    const report = inPerson('AAMk-report', goid('07EA0B17').toLowerCase(), '2026-11-23T09:00:00.000Z');
    const nextWeek = inPerson('AAMk-manager-2', goid('07EA0B1E'), '2026-11-30T09:00:00.000Z');
    expect(seriesIdentityOf(manager)).toBe(`goid:${goid('00000000')}`);
    expect(seriesIdentityOf(report)).toBe(seriesIdentityOf(manager));
    expect(seriesIdentityOf(nextWeek)).toBe(seriesIdentityOf(manager));
    expect(boardOccurrenceIdOf(report)).toBe(boardOccurrenceIdOf(manager));
    expect(boardOccurrenceIdOf(nextWeek)).not.toBe(boardOccurrenceIdOf(manager));
  });

  it('keeps the link keys of Teams meetings, and the mailbox’s event id when the iCalUId is no Global Object Id', () => {
    const start = '2026-11-23T09:00:00.000Z';
    expect(seriesIdentityOf({ eventId: 'e', joinUrl: LONG, iCalUId: goid('07EA0B17') })).toBe(THREAD);
    expect(seriesIdentityOf({ eventId: 'e', joinUrl: SHORT, iCalUId: goid('07EA0B17') })).toBe('meet:23456789012345');
    expect(seriesIdentityOf(inPerson('AAMk-x', 'not-a-global-object-id', start))).toBe('event:AAMk-x');
    expect(seriesIdentityOf({ eventId: 'AAMk-y', joinUrl: null })).toBe('event:AAMk-y');
  });
});
