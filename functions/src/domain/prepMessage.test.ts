import {
  DEFAULT_TREND_SHARING,
  type Commitment,
  type RatingField,
  type RatingFieldId,
  type SavedRecap,
  type StatusFields,
} from '../contract';
import { prepEmail, prepMessageOf, type PrepInput } from './prepMessage';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const START = '2026-12-10T09:00:00.000Z';
const THIS_TIME = '20261210T0900Z-0123456789abcdef';
const LAST_TIME = '20261203T0900Z-0123456789abcdef';

const rating = (value: RatingField['value']): RatingField => ({
  value,
  revision: value === null ? 0 : 1,
  updatedBy: value === null ? null : MANAGER,
  updatedAt: value === null ? null : '2026-12-09T10:00:00.000Z',
});

const ratings = (values: Partial<Record<RatingFieldId, RatingField['value']>>): Record<RatingFieldId, RatingField> => ({
  careerPulse: rating(values.careerPulse ?? null),
  mood: rating(values.mood ?? null),
  lifeLoad: rating(values.lifeLoad ?? null),
  energy: rating(values.energy ?? null),
  drain: rating(values.drain ?? null),
});

const commitment = (text: string, extra: Partial<Commitment> = {}): Commitment => ({
  id: '2f1c1d2e-9a6b-4c3d-8e7f-000000000001',
  text,
  dueDate: null,
  status: 'open',
  fromSupportAsk: false,
  createdIn: LAST_TIME,
  createdAt: '2026-12-03T09:30:00.000Z',
  createdBy: MANAGER,
  closedIn: null,
  closedAt: null,
  revision: 1,
  ...extra,
});

const recap: SavedRecap = {
  occurrenceId: LAST_TIME,
  meetingStart: '2026-12-03T09:00:00.000Z',
  lines: [
    { text: 'The release is blocked on the security review', tags: ['blocker'] },
    { text: 'Megan introduces Diego to the review board', tags: ['supportNeed', 'learning'] },
  ],
  savedBy: MANAGER,
  savedAt: '2026-12-03T09:55:00.000Z',
};

const status: StatusFields = { finished: 'Shipped the beta', inProgress: '', blocked: 'Waiting on <legal>', fyi: '' };

function input(extra: Partial<PrepInput> = {}): PrepInput {
  return {
    managerName: 'Megan Bowen',
    reportName: 'Diego Siciliani',
    meetingSubject: 'Megan / Diego weekly',
    occurrenceId: THIS_TIME,
    startUtc: START,
    timeZone: 'Europe/Berlin',
    status: null,
    ratings: null,
    sharing: DEFAULT_TREND_SHARING,
    lastRecap: null,
    commitments: [],
    ...extra,
  };
}

describe("the manager's prep message", () => {
  it("names the 1:1 in the manager's own zone through the one time formatter", () => {
    const message = prepMessageOf(input());
    expect(message.heading).toBe('Your 1:1 with Diego Siciliani: Thursday, December 10, 10:00 AM (GMT+1)');
    expect(message.subject).toBe('Prep for your 1:1 with Diego Siciliani (Thursday, December 10, 10:00 AM)');
  });

  it('says "none yet" when the report has not written a status update, and nothing else about it', () => {
    const message = prepMessageOf(input());
    expect(message.status).toEqual({ kind: 'none' });
    const email = prepEmail(message);
    expect(email.text).toMatch(/Diego Siciliani has not sent a status update yet\./);
  });

  it("lists the report's written parts, leaving out the empty ones", () => {
    const message = prepMessageOf(input({ status }));
    expect(message.status).toEqual({
      kind: 'received',
      parts: [
        { label: 'Finished', text: 'Shipped the beta' },
        { label: 'Blocked', text: 'Waiting on <legal>' },
      ],
    });
    const email = prepEmail(message);
    expect(email.html).toContain('Waiting on &lt;legal&gt;');
    expect(email.html).not.toContain('<legal>');
  });

  it('an update with every part empty still counts as sent', () => {
    const empty = { finished: '', inProgress: ' ', blocked: '', fyi: '' };
    expect(prepMessageOf(input({ status: empty })).status).toEqual({ kind: 'received', parts: [] });
    expect(prepEmail(prepMessageOf(input({ status: empty }))).text).toMatch(/sent an empty status update/);
  });

  it("shows the ratings the report shares and nothing at all of those kept back, as the board's manager view does", () => {
    const answered = ratings({ careerPulse: 4, mood: 2, lifeLoad: 'preferNot' });
    const shared = prepMessageOf(input({ ratings: answered }));
    expect(shared.ratings).toEqual([
      { label: 'Career pulse', value: '4 of 5' },
      { label: 'Mood', value: '2 of 5' },
      { label: 'Life load', value: 'Prefer not to say' },
    ]);
    const hidden = prepMessageOf(
      input({ ratings: answered, sharing: { ...DEFAULT_TREND_SHARING, shareMood: false, shareLifeLoad: false } }),
    );
    expect(hidden.ratings).toEqual([{ label: 'Career pulse', value: '4 of 5' }]);
    const text = prepEmail(hidden).text;
    expect(text).not.toMatch(/Mood|Life load|Prefer not/);
  });

  it('leaves unanswered ratings out', () => {
    expect(prepMessageOf(input({ ratings: ratings({ mood: 3 }) })).ratings).toEqual([
      { label: 'Mood', value: '3 of 5' },
    ]);
  });

  it('carries the last recap with its day and tags', () => {
    const message = prepMessageOf(input({ lastRecap: recap }));
    expect(message.lastRecap).toEqual({
      day: 'Thursday, December 3',
      lines: [
        { text: 'The release is blocked on the security review', tags: 'Blocker' },
        { text: 'Megan introduces Diego to the review board', tags: 'Support need · Learning' },
      ],
    });
    expect(prepEmail(message).text).toMatch(/Last time \(Thursday, December 3\)/);
    expect(prepEmail(prepMessageOf(input())).text).toMatch(/No recap yet/);
  });

  it("lists only the manager's commitments still open from earlier 1:1s, with their due day", () => {
    const message = prepMessageOf(
      input({
        commitments: [
          commitment('I will book the review', { dueDate: '2026-12-09' }),
          commitment('I will send the notes', { status: 'done', closedIn: LAST_TIME }),
          commitment('I will ask finance', { createdIn: THIS_TIME }),
        ],
      }),
    );
    expect(message.commitments).toEqual(['I will book the review (by Wednesday, December 9)']);
    expect(prepEmail(prepMessageOf(input())).text).toMatch(/No open commitments/);
  });

  it('renders one email whose every part is escaped', () => {
    const email = prepEmail(prepMessageOf(input({ reportName: '<b>Diego</b>', status, lastRecap: recap })));
    expect(email.html).not.toContain('<b>Diego</b>');
    expect(email.html).toContain('&lt;b&gt;Diego&lt;/b&gt;');
    expect(email.subject).toContain('<b>Diego</b>');
  });
});
