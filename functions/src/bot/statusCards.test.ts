import { botReplyFor, shownHash, statusEditFrom, STATUS_CARD_VERBS } from '../domain/statusCardActions';
import { DEFAULT_TREND_SHARING } from '../contract';
import { prepMessageOf } from '../domain/prepMessage';
import { prepCard, recapChatCard, statusRequestCard, statusReceivedCard } from './statusCards';

const meeting = {
  managerName: 'Megan Bowen',
  startUtc: '2026-11-26T15:00:00.000Z',
  timeZone: 'Europe/Berlin',
  formUrl: 'https://tab.example/?surface=status&token=t',
};
const ref = { managerId: 'm', reportId: 'r', occurrenceId: 'o', claimBase: 'c' };
const json = (value: unknown) =>
  JSON.parse(JSON.stringify(value)) as {
    body: Array<{
      type: string;
      text?: string;
      id?: string;
      value?: string;
      maxLength?: number;
      facts?: Array<{ title: string; value: string }>;
    }>;
    actions?: Array<{ type: string; verb?: string; data?: unknown; url?: string }>;
  };

describe('the status request card', () => {
  it("names the 1:1 in the report's zone, says why, has four optional inputs, Action.Execute and the form link", () => {
    const card = json(statusRequestCard(meeting, ref));
    expect(card.body[0]?.text).toBe('Your 1:1 with Megan Bowen: Thursday, November 26, 4:00 PM (GMT+1)');
    expect(card.body[1]?.text).toMatch(/in writing before you meet/);
    expect(card.body.filter((b) => b.type === 'Input.Text').map((b) => [b.id, b.maxLength])).toEqual([
      ['finished', 2000],
      ['inProgress', 2000],
      ['blocked', 2000],
      ['fyi', 2000],
    ]);
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: STATUS_CARD_VERBS.save,
        data: expect.objectContaining({ ...ref, baseRevision: 0 }) as unknown,
      }),
      expect.objectContaining({ type: 'Action.OpenUrl', url: meeting.formUrl }),
    ]);
  });

  it('prefills what was sent when editing, and shows only the filled parts once received', () => {
    const fields = { finished: 'Shipped', inProgress: '', blocked: 'Legal', fyi: '' };
    const edit = json(statusRequestCard(meeting, ref, { revision: 3, fields }));
    expect(edit.body.find((b) => b.id === 'blocked')?.value).toBe('Legal');
    expect(edit.actions?.[0]?.data).toMatchObject({
      baseRevision: 3,
      shown: { finished: shownHash('Shipped'), blocked: shownHash('Legal'), fyi: shownHash('') },
    });
    const received = json(statusReceivedCard(meeting, ref, fields));
    expect(received.body[1]?.text).toBe('Status received');
    expect(received.body[2]?.facts).toEqual([
      { title: 'Finished', value: 'Shipped' },
      { title: 'Blocked', value: 'Legal' },
    ]);
    expect(received.actions?.[0]).toMatchObject({ verb: STATUS_CARD_VERBS.edit });
  });
});

describe('what the card brings back', () => {
  it('takes only the inputs the person changed from what the card showed, against the revision it showed', () => {
    const fields = { finished: 'Shipped', inProgress: '', blocked: 'Legal', fyi: '' };
    const data = json(statusRequestCard(meeting, ref, { revision: 3, fields })).actions?.[0]?.data as Record<
      string,
      unknown
    >;
    // Teams sends every input back; a client may turn line endings into CRLF or add a trailing blank.
    expect(statusEditFrom({ ...data, ...fields, finished: 'Shipped \r\n', fyi: 'Out Friday' })).toEqual({
      baseRevision: 3,
      parts: { fyi: 'Out Friday' },
      via: 'chat',
    });
    expect(statusEditFrom({ ...data, ...fields, blocked: '' })).toEqual({
      baseRevision: 3,
      parts: { blocked: '' },
      via: 'chat',
    });
  });

  it('reads a card from before cards carried their base as an edit without one, and refuses anything too long or not text', () => {
    expect(statusEditFrom({ ...ref, finished: 'a', inProgress: '', fyi: 'b' })).toEqual({
      baseRevision: null,
      parts: { finished: 'a', inProgress: '', fyi: 'b' },
      via: 'chat',
    });
    expect(statusEditFrom({ blocked: 'x'.repeat(2001) })).toEqual({ invalid: 'blocked' });
    expect(statusEditFrom({ finished: 42 })).toEqual({ invalid: 'finished' });
  });

  it("answers a clash with the stored text in the inputs and the person's words beside the clashing part", () => {
    const fields = { finished: 'Shipped', inProgress: '', blocked: 'Legal', fyi: '' };
    const card = json(
      statusRequestCard(
        meeting,
        ref,
        { revision: 5, fields },
        { parts: [{ part: 'blocked', changedIn: 'form' }], typed: { blocked: 'Security' } },
      ),
    );
    expect(card.body[1]?.text).toBe(
      'Not saved: your status update changed since this card was sent in the status form.',
    );
    expect(card.body.find((b) => b.id === 'blocked')?.value).toBe('Legal');
    expect(card.body.flatMap((b) => b.facts ?? [])).toEqual([{ title: 'You typed (not saved)', value: 'Security' }]);
    expect(card.actions?.[0]?.data).toMatchObject({ baseRevision: 5 });
  });
});

describe('the recap card for the meeting chat', () => {
  it('carries the two lines and their tags only', () => {
    const card = json(
      recapChatCard([
        { text: 'Ship the export', tags: ['blocker', 'supportNeed'] },
        { text: 'Pairing helps', tags: ['learning'] },
      ]),
    );
    expect(card.body.map((b) => b.text)).toEqual([
      '1:1 recap',
      'Ship the export',
      'Blocker · Support need',
      'Pairing helps',
      'Learning',
    ]);
  });
  it('says "No blocker this week" when both chose it', () => {
    const card = json(
      recapChatCard(
        [
          { text: 'Needs a reviewer', tags: ['supportNeed'] },
          { text: 'Pairing helps', tags: ['learning'] },
        ],
        { noBlocker: true },
      ),
    );
    expect(card.body.map((b) => b.text)).toContain('No blocker this week.');
  });
});

describe('plain words to the bot', () => {
  it.each([
    ['help', 'help'],
    [' HELP ', 'help'],
    ['status', 'status'],
    ['  settings', 'settings'],
    ['hello there', 'unknown'],
    ['', 'unknown'],
  ])('"%s" → %s', (text, reply) => {
    expect(botReplyFor(text)).toBe(reply);
  });
});

describe("the manager's prep card", () => {
  const message = prepMessageOf({
    managerName: 'Megan Bowen',
    reportName: 'Diego Siciliani',
    meetingSubject: 'Weekly',
    occurrenceId: '20261126T1500Z-0123456789abcdef',
    startUtc: '2026-11-26T15:00:00.000Z',
    timeZone: 'Europe/Berlin',
    status: { finished: 'Shipped', inProgress: '', blocked: '', fyi: '' },
    ratings: null,
    sharing: DEFAULT_TREND_SHARING,
    lastRecap: null,
    commitments: [],
  });

  it("says what the email says, in the manager's zone, with nothing to answer", () => {
    const card = json(prepCard(message));
    expect(card.body[0]?.text).toBe('Your 1:1 with Diego Siciliani: Thursday, November 26, 4:00 PM (GMT+1)');
    expect(card.body.flatMap((b) => b.facts ?? [])).toEqual([{ title: 'Finished', value: 'Shipped' }]);
    const texts = card.body.map((b) => b.text ?? '').join(' | ');
    expect(texts).toMatch(/No recap yet/);
    expect(texts).toMatch(/No open commitments/);
    expect(card.actions ?? []).toEqual([]);
    expect(card.body.some((b) => b.type.startsWith('Input.'))).toBe(false);
  });

  it('says "none yet" when no status update came', () => {
    const card = json(prepCard({ ...message, status: { kind: 'none' } }));
    expect(card.body.map((b) => b.text ?? '')).toContain('Diego Siciliani has not sent a status update yet.');
  });
});
