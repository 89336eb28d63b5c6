import type { Commitment, OpenCommitment, PairTrend } from '@candor/functions/contract';
import { monthlyDigestEmail } from '@candor/functions/domain/monthlyDigest';
import { recapEmail } from '@candor/functions/domain/recapEmail';
import { statusRequestEmail } from '@candor/functions/domain/statusRequestEmail';
import { attack } from '../../support/hostileLedger';
import { activeMarkupIn, XSS_PAYLOADS } from '../../support/hostilePayloads';

/*
 * Hostile text in every string of every email Candor sends: names and meeting subjects (anyone can name a meeting),
 * recap lines, commitments and signals. Rendered through the real domain functions; the HTML must contain no
 * element or attribute the payload brought, and the plain text must carry the words as typed.
 */

const MANAGER = { id: '11111111-1111-4111-8111-111111111111', displayName: 'Megan Bowen' };
const REPORT = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Adele Vance' };

function inert(email: { subject: string; html: string; text: string }, payload: string): void {
  expect(activeMarkupIn(email.html)).toEqual([]);
  expect(email.text).toContain(payload);
}

function commitment(text: string): Commitment {
  return {
    id: '0b5c7d2e-1f3a-4b6c-8d9e-0f1a2b3c4d5e',
    text,
    dueDate: null,
    status: 'open',
    fromSupportAsk: true,
    createdIn: '20261104T0900Z-0123456789abcdef',
    createdAt: '2026-11-04T09:30:00.000Z',
    createdBy: MANAGER.id,
    closedIn: null,
    closedAt: null,
    revision: 1,
  };
}

function openCommitment(text: string): OpenCommitment {
  return {
    id: 'c1',
    text,
    createdIn: '20261104T0900Z-0123456789abcdef',
    createdAt: '2026-11-04T09:30:00.000Z',
    dueDate: '2026-11-20',
    fromSupportAsk: false,
    ageDays: 27,
    overdue: true,
  };
}

function digestPair(payload: string): PairTrend {
  return {
    manager: { ...MANAGER, displayName: `Megan ${payload}` },
    report: { ...REPORT, displayName: `Adele ${payload}` },
    audience: 'manager',
    months: [],
    signals: [
      {
        kind: 'energyFalling',
        title: `Energy ${payload}`,
        why: `because ${payload}`,
        months: ['2026-11'],
        occurrenceIds: [],
      },
    ],
    openCommitments: [openCommitment(`Book ${payload}`)],
    openBlockers: [],
    sharing: { shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
    lastHeld: null,
  };
}

describe('hostile text in emails', () => {
  describe.each(XSS_PAYLOADS.map((p) => [p]))('payload %s', (payload) => {
    it('stays text in the pre-meeting status request (names and meeting subject)', async () => {
      await attack(`email status request: ${payload}`, () => {
        const email = statusRequestEmail({
          managerName: `Megan ${payload}`,
          reportName: `Adele ${payload}`,
          meetingSubject: `1:1 ${payload}`,
          startUtc: '2026-11-23T14:30:00.000Z',
          recipientTimeZone: 'Europe/Paris',
          formUrl: 'https://candor.example/?surface=status&token=abc.def.ghi',
        });
        inert(email, payload);
      });
    });

    it('stays text in the recap email (names, both lines, open commitments)', async () => {
      await attack(`email recap: ${payload}`, () => {
        const email = recapEmail({
          managerName: `Megan ${payload}`,
          reportName: `Adele ${payload}`,
          meetingStart: '2026-11-26T09:00:00.000Z',
          lines: [
            { text: `Blocked ${payload}`, tags: ['blocker', 'supportNeed'] },
            { text: `Learned ${payload}`, tags: ['learning'] },
          ],
          openCommitments: [commitment(`I will ${payload}`)],
        });
        inert(email, payload);
        expect(email.text).toContain(`Blocked ${payload}`);
        expect(email.text).toContain(`I will ${payload}`);
      });
    });

    it('stays text in the monthly digest (names, signals, commitments)', async () => {
      await attack(`email monthly digest: ${payload}`, () => {
        const email = monthlyDigestEmail({
          managerName: `Megan ${payload}`,
          month: '2026-11',
          reports: [digestPair(payload)],
          trendsUrl: 'https://teams.microsoft.com/l/entity/app-id/candor-trends',
        });
        inert(email, payload);
        expect(email.text).toContain(`Book ${payload}`);
      });
    });
  });

  it('the checker itself finds live markup (so the assertions above can fail)', () => {
    expect(activeMarkupIn('<p>hi<img src=x onerror="x()"></p>')).not.toEqual([]);
    expect(activeMarkupIn('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(activeMarkupIn('<p>&lt;img src=x onerror=&quot;x()&quot;&gt;</p>')).toEqual([]);
  });
});
