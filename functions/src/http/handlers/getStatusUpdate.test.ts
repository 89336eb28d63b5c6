import { claimBaseOf } from '../../domain/statusRequests';
import { occurrenceIdFor } from '../../domain/occurrences';
import { claimBasesOfOccurrence } from './getStatusUpdate';

describe('finding an occurrence’s status request from its id', () => {
  it('names the claim base the pre-meeting scan used, for a recurring and for a single meeting', () => {
    const series = '19:meeting_abc@thread.v2';
    const start = '2026-12-10T09:00:00.000Z';
    const occurrence = occurrenceIdFor(start, series);
    expect(claimBasesOfOccurrence(occurrence)).toContain(claimBaseOf(series, start));
    expect(claimBasesOfOccurrence(occurrence)).toContain(claimBaseOf(series, null));
  });

  it('names none for an id that is not an occurrence id', () => {
    expect(claimBasesOfOccurrence('not-an-occurrence')).toEqual([]);
  });
});
