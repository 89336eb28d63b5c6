import type { GoToQuestion } from '../contract';
import {
  addToBank,
  avoidWindow,
  firstOffer,
  goToOfferView,
  rankGoToQuestions,
  rotationMark,
  skipOffer,
  type AskedBefore,
} from './goToQuestions';
import { GO_TO_LIBRARY, GO_TO_THEMES, libraryQuestion } from './goToLibrary';

const q = (id: string, source?: GoToQuestion['source']): GoToQuestion => ({
  id,
  text: `Question ${id}?`,
  ...(source ? { source } : {}),
});
const bank = ['q1', 'q2', 'q3', 'q4', 'q5'].map((id) => q(id));
const asked = (...ids: string[]): AskedBefore[] => ids.map((questionId) => ({ questionId, answered: false }));
const ids = (qs: readonly GoToQuestion[]) => qs.map((x) => x.id);

describe('go-to question rotation', () => {
  it('never offers one of the last three asked in the pair', () => {
    // Newest first: q3 last week, q2 before, q1 before that.
    expect(ids(rankGoToQuestions(bank, asked('q3', 'q2', 'q1')))).toEqual(['q4', 'q5']);
    expect(firstOffer({ kind: 'notOffered' }, bank, asked('q3', 'q2', 'q1'))).toMatchObject({ questionId: 'q4' });
    // A question removed from the bank does not use up the window.
    expect(ids(rankGoToQuestions(bank, asked('gone', 'q2', 'q1', 'q4')))).toEqual(['q3', 'q5']);
  });

  it('avoids fewer when the bank is small, and repeats only when it must', () => {
    expect([1, 2, 3, 4, 9].map(avoidWindow)).toEqual([0, 1, 2, 3, 3]);
    expect(ids(rankGoToQuestions([q('a')], asked('a')))).toEqual(['a']);
    expect(ids(rankGoToQuestions([q('a'), q('b')], asked('a')))).toEqual(['b']);
    expect(ids(rankGoToQuestions([q('a'), q('b'), q('c')], asked('c', 'b')))).toEqual(['a']);
  });

  it('prefers questions the report has not answered yet, then the longest unasked', () => {
    const history: AskedBefore[] = [
      { questionId: 'q5', answered: false },
      { questionId: 'q4', answered: false },
      { questionId: 'q3', answered: false },
      { questionId: 'q1', answered: true },
      { questionId: 'q2', answered: false },
    ];
    // q2 was asked but not answered; q1 was answered: q2 first.
    expect(ids(rankGoToQuestions(bank, history))).toEqual(['q2', 'q1']);
    const fresh = [...bank, q('q6')];
    // Never asked comes before asked-long-ago.
    expect(ids(rankGoToQuestions(fresh, history))).toEqual(['q6', 'q2', 'q1']);
  });

  it('prefers what the report asked to be asked', () => {
    const withAsk = [...bank, q('ask', 'report')];
    expect(firstOffer({ kind: 'notOffered' }, withAsk, [])).toMatchObject({ questionId: 'ask' });
    // Once answered, the ask gives way to unanswered questions.
    expect(ids(rankGoToQuestions(withAsk, [{ questionId: 'ask', answered: true }, ...asked('q9', 'q8')]))[0]).toBe(
      'q1',
    );
  });

  it('makes one offer per meeting, and none from an empty bank', () => {
    const offer = firstOffer({ kind: 'notOffered' }, bank, [])!;
    expect(offer).toEqual({ kind: 'offered', questionId: 'q1', text: 'Question q1?', skips: 0 });
    expect(firstOffer(offer, bank, [])).toBeNull();
    expect(firstOffer({ kind: 'notOffered' }, [], [])).toBeNull();
  });

  it('skips to the next candidate, idempotently, and offers none after the last', () => {
    const history = asked('q1', 'q2');
    const first = firstOffer({ kind: 'notOffered' }, bank, history)!;
    expect(first).toMatchObject({ questionId: 'q3' });
    const second = skipOffer(first, bank, history, 'q3')!;
    expect(second).toMatchObject({ kind: 'offered', questionId: 'q4', skips: 1 });
    expect(skipOffer(second, bank, history, 'q3')).toBeNull(); // a retry of the first skip changes nothing
    const third = skipOffer(second, bank, history, 'q4')!;
    expect(third).toMatchObject({ questionId: 'q5' });
    // The recently asked q1 and q2 are not offered again in this meeting.
    const none = skipOffer(third, bank, history, 'q5')!;
    expect(none).toEqual({ kind: 'skipped', lastQuestionId: 'q5', skips: 3 });
    expect(goToOfferView(none)).toEqual({ state: 'skipped' });
    expect(rotationMark(none)).toBe('q5');
  });

  it('shows a board without an offer as having no questions', () => {
    expect(goToOfferView({ kind: 'notOffered' })).toEqual({ state: 'noQuestions' });
  });
});

describe('adding to a bank', () => {
  it('is idempotent by id, library question and words, and refuses past the cap', () => {
    const one = [{ id: 'a', text: 'What drains you?', libraryId: 'energy-drain' }];
    expect(addToBank(one, { id: 'a', text: 'Other' }, 40)).toEqual({ kind: 'exists' });
    expect(addToBank(one, { id: 'b', text: 'x', libraryId: 'energy-drain' }, 40)).toEqual({ kind: 'exists' });
    expect(addToBank(one, { id: 'c', text: '  what DRAINS   you? ' }, 40)).toEqual({ kind: 'exists' });
    expect(addToBank(one, { id: 'd', text: 'New?' }, 1)).toEqual({ kind: 'full' });
    expect(addToBank(one, { id: 'd', text: 'New?' }, 2)).toMatchObject({ kind: 'added' });
  });
});

describe('the starter library', () => {
  it('holds at least 30 questions with unique ids, in every theme', () => {
    expect(GO_TO_LIBRARY.length).toBeGreaterThanOrEqual(30);
    expect(new Set(GO_TO_LIBRARY.map((x) => x.id)).size).toBe(GO_TO_LIBRARY.length);
    for (const theme of GO_TO_THEMES) expect(GO_TO_LIBRARY.filter((x) => x.theme === theme).length).toBeGreaterThan(3);
    for (const x of GO_TO_LIBRARY) {
      expect(x.id).toMatch(/^[a-z]+-[a-z]+$/);
      expect(x.text.length).toBeLessThanOrEqual(200);
    }
    expect(libraryQuestion('energy-drain')?.theme).toBe('energy');
    expect(libraryQuestion('nope')).toBeNull();
  });
});
