import { statusRequestCard } from '../bot/statusCards';
import { statusRequestEmail } from './statusRequestEmail';

/*
 * One meeting, one reader (a report in Berlin reading US English). The tab's surfaces are held to the very same
 * words in tab/src/ui/formatDate.test.ts; together they pin email, card, form and prep view to one string.
 */
const START = '2026-12-10T09:00:00.000Z';
const SAID = 'Thursday, December 10, 10:00 AM (GMT+1)';

describe('a meeting time reads the same in the email and in the chat card', () => {
  it('the status request email and card name the time in the same words, zone included', () => {
    const email = statusRequestEmail({
      managerName: 'Megan Bowen',
      reportName: 'Adele Vance',
      meetingSubject: 'Weekly 1:1',
      startUtc: START,
      recipientTimeZone: 'Europe/Berlin',
      formUrl: 'https://tab.example/?surface=status&token=t',
    });
    const card = JSON.parse(
      JSON.stringify(
        statusRequestCard(
          { managerName: 'Megan Bowen', startUtc: START, timeZone: 'Europe/Berlin', formUrl: null },
          { managerId: 'm', reportId: 'r', occurrenceId: 'o', claimBase: 'c' },
        ),
      ),
    ) as { body: Array<{ text?: string }> };
    expect(email.html).toContain(SAID);
    expect(email.text).toContain(SAID);
    expect(card.body[0]?.text).toBe(`Your 1:1 with Megan Bowen: ${SAID}`);
  });
});
