import { formatDay, formatDueDate, formatMeetingDate, formatSentAt } from './formatDate';

/*
 * One meeting, one reader (a report in Berlin reading US English). The email and the chat card are held to the very
 * same words in functions/src/domain/meetingTime.test.ts; together they pin email, card, form and prep view.
 */
const START = '2026-12-10T09:00:00.000Z';
const SAID = 'Thursday, December 10, 10:00 AM (GMT+1)';

describe('a meeting time reads the same on every surface of the tab', () => {
  it("the board header, the status form and the prep view say it in the email's words, zone included", () => {
    // StatusSurface's formatWhen and Board's header call formatMeetingDate; StatusUpdateView calls formatSentAt.
    expect(formatMeetingDate(START, 'en-US', 'Europe/Berlin')).toBe(SAID);
    expect(formatSentAt(START, 'en-US', 'Europe/Berlin')).toBe(SAID);
  });

  it('dates on the board use the same date style as the emails', () => {
    expect(formatDay(START, 'en-US', 'Europe/Berlin')).toBe('Thursday, December 10');
    expect(formatDueDate('2026-12-10', 'en-US')).toBe('Thursday, December 10');
  });
});
