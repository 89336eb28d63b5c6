import { detectAll } from 'tinyld';

/**
 * Which language a text is in, as far as the guard needs to know: tinyld's guess when the text carries enough to
 * guess from, 'und' (undetermined) when it does not. Latin-script text shorter than a few words is undetermined
 * ("Merged PR" reads as Romanian to an n-gram detector); so is a guess that is not clearly ahead of the next.
 * Ticket ids, links and numbers are taken out first: they are in no language and only mislead the detector. A text
 * that mixes English with another language is English enough to read (the English parts are what the model weighs).
 */

export const UNDETERMINED = 'und';
/** Letters a Latin-script text needs before its language is trusted to a detector. */
const MIN_LATIN_LETTERS = 24;
/**
 * How much of a text its language is told from: some fifty words, which name the language of every corpus and
 * benchmark text as 500 did, at half the detector's cost on the long texts that are not plainly English.
 */
const SAMPLE_CHARS = 300;
/** tinyld's scores are relative: the first guess must be this many times the second. */
const LEAD = 2;
/** English at this share (of the first guess's score, or of the identified letters) means English is mixed in. */
const ENGLISH_SHARE = 0.4;
/**
 * The languages the detector chooses among: those people write at work. Without a list, tinyld's long tail names
 * Kirundi or Klingon for plain English now and then.
 */
const CANDIDATES = [
  'ar',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'fi',
  'fr',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh',
];

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und'. */
  language: string;
}

/**
 * English function words that are not everyday words of the other candidates ("was" is German, "is" and "of" Dutch,
 * "for" Scandinavian, "my" Polish, so those are left out).
 */
const ENGLISH_WORDS = new Set(
  (
    'the and with that this have has had been not from but they them their there what when which would could ' +
    'should you your about into our just were'
  ).split(' '),
);
/** Short terse English ("Finished the plan, PR in review") has one in twelve words or so. */
const PLAINLY_ENGLISH_SHARE = 0.08;
const PLAINLY_ENGLISH_MIN_WORDS = 20;

/**
 * Text with no letter outside a–z (most other candidates write accents, other scripts or both within a few
 * sentences) in which those words are common is English, or mixes so much English in that it is read as English
 * anyway: it needs no detector, which costs more than the rest of the guard on a long field.
 */
function plainlyEnglish(text: string): boolean {
  if (/(?![a-zA-Z])\p{L}/u.test(text)) return false;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length < PLAINLY_ENGLISH_MIN_WORDS) return false;
  let english = 0;
  for (const word of words) if (ENGLISH_WORDS.has(word)) english++;
  return english >= PLAINLY_ENGLISH_SHARE * words.length;
}

function withoutNoise(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]{1,9}-\d+\b|#\d+/g, ' ')
    .replace(/[\d%]+/g, ' ');
}

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** One stretch of text (a sentence or a clause): its language, or 'und'. */
function guess(text: string): string {
  let clean = text;
  const letters = letterCount(clean);
  if (letters === 0) return UNDETERMINED;
  const latin = clean.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latin / letters > 0.5) {
    if (latin < MIN_LATIN_LETTERS) return UNDETERMINED;
    // Mostly Latin with a few words in another script: judge the Latin part.
    if (latin < letters) clean = clean.replace(/(?!\p{Script=Latin})\p{L}+/gu, ' ');
  }
  // Other scripts say a lot even in a few characters (kana, hangul, Arabic), so they need no minimum.
  const guesses = detectAll(clean, { only: CANDIDATES });
  const [first, second] = guesses;
  if (!first) return UNDETERMINED;
  const english = guesses.find((g) => g.lang === 'en');
  if (first.lang !== 'en' && english && english.accuracy >= ENGLISH_SHARE * first.accuracy) return 'en';
  if (second && first.accuracy < LEAD * second.accuracy) return UNDETERMINED;
  return first.lang;
}

/**
 * Each sentence or clause is judged on its own and weighed by its letters, so an English update with a German
 * greeting is English; a text no part of which can be told is judged whole.
 */
export function identifyLanguage(text: string): LanguageGuess {
  // The first few sentences settle a field's language; reading all 2,000 characters clause by clause costs more
  // than the rest of the guard together.
  const clean = withoutNoise(text.slice(0, SAMPLE_CHARS));
  if (plainlyEnglish(clean)) return { language: 'en' };
  // Most board text is plain English: one look at the whole settles it, and only the rest is read clause by clause.
  const whole = guess(clean);
  if (whole === 'en') return { language: 'en' };
  const letters = new Map<string, number>();
  for (const part of clean.split(/[.!?;:\n—–]+/)) {
    const language = guess(part);
    if (language !== UNDETERMINED) letters.set(language, (letters.get(language) ?? 0) + letterCount(part));
  }
  if (letters.size === 0) return { language: whole };
  const total = [...letters.values()].reduce((a, b) => a + b, 0);
  if ((letters.get('en') ?? 0) >= ENGLISH_SHARE * total) return { language: 'en' };
  const [top] = [...letters.entries()].sort((a, b) => b[1] - a[1]);
  return { language: top ? top[0] : UNDETERMINED };
}
