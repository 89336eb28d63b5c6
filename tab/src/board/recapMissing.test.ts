import type { BoardRef } from '@candor/contract';
import { recapMissingNote } from './recapMissing';

const ref: BoardRef = { managerId: 'patti', reportId: 'megan', occurrenceId: '20261208T1500Z-abc' };
const lastWeek = { occurrenceId: '20261201T1500Z-abc', meetingStart: '2026-12-01T15:00:00.000Z' };

describe('recapMissingNote', () => {
  it('names the day of the 1:1 that has no recap and the board that finishes it', () => {
    expect(recapMissingNote({ ref, recapMissingOn: lastWeek }, 'en-US', 'UTC')).toEqual({
      text: 'The 1:1 of Tuesday, December 1 has no recap yet. Either of you can write it.',
      ref: { managerId: 'patti', reportId: 'megan', occurrenceId: '20261201T1500Z-abc' },
    });
  });
  it('says the day in the reader’s zone', () => {
    const late = { ...lastWeek, meetingStart: '2026-12-01T23:30:00.000Z' };
    expect(recapMissingNote({ ref, recapMissingOn: late }, 'en-US', 'Asia/Tokyo')?.text).toMatch(
      /^The 1:1 of Wednesday, December 2 /,
    );
  });
  it('says nothing when no earlier 1:1 lacks its recap, or when it is the board shown', () => {
    expect(recapMissingNote({ ref, recapMissingOn: null }, 'en-US', 'UTC')).toBeNull();
    expect(recapMissingNote({ ref }, 'en-US', 'UTC')).toBeNull();
    expect(
      recapMissingNote({ ref, recapMissingOn: { ...lastWeek, occurrenceId: ref.occurrenceId } }, 'en-US', 'UTC'),
    ).toBeNull();
  });
});
