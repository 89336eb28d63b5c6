import { guardedLanguages, looksLikeStatus } from '.';
import { englishFeatures, MODEL_CHARS } from './features';

describe('the status guard’s language switch', () => {
  it.each([
    [
      'German',
      'Ich habe den Bericht fertig geschrieben und an das Team geschickt, morgen kommt die Präsentation.',
      'de',
    ],
    ['Spanish', 'He terminado el informe trimestral y lo envié al equipo de finanzas el martes.', 'es'],
    ['Japanese', '報告書を書き終えてチームに送りました。', 'ja'],
    ['Arabic', 'أنهيت التقرير وأرسلته إلى الفريق يوم الثلاثاء', 'ar'],
  ])('is off for %s, which it has not been measured in, and says which language it saw', (_name, text, language) => {
    expect(looksLikeStatus(text)).toEqual({ isStatus: false, guard: 'off', reason: 'unsupportedLanguage', language });
  });

  it('reads English, and reads short fragments too short to identify as English', () => {
    expect(guardedLanguages()).toEqual(['en']);
    expect(looksLikeStatus('Finished the onboarding guide and sent it to Dana for review')).toMatchObject({
      guard: 'on',
      language: 'en',
      isStatus: true,
    });
    expect(looksLikeStatus('ENG-42 merged')).toMatchObject({ guard: 'on', language: 'und', isStatus: true });
  });

  it('does not take a long text in another language for English because a few English words are in it', () => {
    const german =
      'Ich habe den Bericht fertig geschrieben und an das Team geschickt. Morgen kommt die Präsentation für the ' +
      'board, und danach treffen wir uns mit den Kollegen aus Berlin, um den Plan für das nächste Quartal zu besprechen.';
    expect(looksLikeStatus(german)).toMatchObject({ guard: 'off', language: 'de' });
  });

  it('reads a text that mixes English in with another language', () => {
    const mixed =
      'Bitte mehr Zeit — finished the payroll migration and sent the report to finance, next week the audit';
    expect(looksLikeStatus(mixed)).toMatchObject({ guard: 'on', isStatus: true });
  });
});

describe('the status guard on everyday English', () => {
  it.each([
    'I finished a book and loved it',
    'The demo went well and I felt proud of the team',
    'Can you help me find time for the certification course?',
    'I am worried that the reorg will split our team',
  ])('leaves conversation alone: %s', (text) => {
    expect(looksLikeStatus(text).isStatus).toBe(false);
  });

  it.each([
    'Interviewed three candidates for the analyst role, two move on to the case study',
    'The data migration is halfway done and the rest is planned for next week',
    'Answered the support queue backlog and wrote two new help articles',
  ])('notices plain-sentence status: %s', (text) => {
    expect(looksLikeStatus(text).isStatus).toBe(true);
  });

  it.each([
    'Running the planning workshop with the new leads; everyone spoke up this time.',
    'Reviewing the vendor contracts with legal all afternoon.',
    'Owning the release checklist; the team trusted me with it.',
    'The late deploy windows on Thursdays, every week.',
  ])('leaves alone a work activity named as what gives or drains energy: %s', (text) => {
    expect(looksLikeStatus(text).isStatus).toBe(false);
  });

  it.each([
    'Migrated the billing tables and sent the summary to finance.',
    'The vendor contract is signed and the rollout starts Monday.',
    'Hiring plan drafted, two offers out, onboarding docs next.',
  ])('still notices what happened to that work: %s', (text) => {
    expect(looksLikeStatus(text).isStatus).toBe(true);
  });

  it(`reads the first ${MODEL_CHARS} characters of a long field, which settle it, and not the rest`, () => {
    const talk = 'I feel the team trusts each other more since the offsite, and I want to keep that going. ';
    const opening = talk.repeat(Math.ceil(MODEL_CHARS / talk.length) + 1);
    const status = 'Shipped ENG-12, ENG-13 and ENG-14; the migration is 80% done, release on Friday.';
    expect(englishFeatures(opening + status)).toEqual(englishFeatures(opening));
  });

  it('is quiet on empty text and still names the hand-written signals it saw', () => {
    expect(looksLikeStatus('   ')).toMatchObject({ isStatus: false, guard: 'on' });
    const verdict = looksLikeStatus('ABC-123 is done, the migration is at 60%');
    expect(verdict.guard === 'on' && verdict.signals).toEqual(
      expect.arrayContaining(['ticketReference', 'progressPercentage']),
    );
  });
});
