import { firstOffer, goToOfferView, nextGoToQuestion, rotationMark, skipOffer } from './goToQuestions';

const bank = [
  { id: 'q1', text: 'What would make next week great?' },
  { id: 'q2', text: 'What are you proud of lately?' },
  { id: 'q3', text: 'What should I stop doing?' },
];

describe('go-to question rotation', () => {
  it('offers the question after the one offered last time, wrapping around', () => {
    expect(nextGoToQuestion(bank, null)?.id).toBe('q1');
    expect(nextGoToQuestion(bank, 'q1')?.id).toBe('q2');
    expect(nextGoToQuestion(bank, 'q3')?.id).toBe('q1');
    expect(nextGoToQuestion(bank, 'deleted-question')?.id).toBe('q1');
    expect(nextGoToQuestion([], null)).toBeNull();
  });

  it('makes one offer per meeting', () => {
    const offer = firstOffer({ kind: 'notOffered' }, bank, 'q2');
    expect(offer).toEqual({ kind: 'offered', questionId: 'q3', text: 'What should I stop doing?', skips: 0 });
    expect(firstOffer(offer!, bank, 'q2')).toBeNull();
    expect(firstOffer({ kind: 'notOffered' }, [], null)).toBeNull();
  });

  it('skips to the next question, idempotently, and offers none after the whole bank was skipped', () => {
    const first = firstOffer({ kind: 'notOffered' }, bank, null)!;
    const second = skipOffer(first, bank, 'q1')!;
    expect(second).toMatchObject({ kind: 'offered', questionId: 'q2', skips: 1 });
    expect(skipOffer(second, bank, 'q1')).toBeNull(); // a retry of the first skip changes nothing
    const third = skipOffer(second, bank, 'q2')!;
    const none = skipOffer(third, bank, 'q3')!;
    expect(none).toEqual({ kind: 'skipped', lastQuestionId: 'q3', skips: 3 });
    expect(goToOfferView(none)).toEqual({ state: 'skipped' });
    expect(rotationMark(none)).toBe('q3');
  });

  it('shows a board without an offer as having no questions', () => {
    expect(goToOfferView({ kind: 'notOffered' })).toEqual({ state: 'noQuestions' });
  });
});
