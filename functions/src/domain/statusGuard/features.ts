import winkNLP, { type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { ASKS, FEELINGS, HABIT, WORK_OBJECTS } from './lexicon';
import { statusSignals } from './signals';

/**
 * What the English model reads in a text: lemmas and lemma pairs (so "finished", "finishing" and "finish" are one
 * word), how sentences start (a sentence opening on a past-tense verb with no subject, "Sent the offer…", is how
 * people write status), tense and person, the word classes of lexicon.ts, the old hand-written signals, and the
 * text's shape. Names, not counts: the model weighs presence, so a long text does not outvote a short one.
 */

const nlp = winkNLP(model, ['sbd', 'pos']);
/**
 * wink's token helpers, seen as the plain functions they are. wink picks them by identity (a bound or wrapped helper
 * silently reads as the token's text), so they are passed as they are; its typings declare them as methods, and
 * its.lemma with an addons parameter ItsFunction lacks, hence the one cast.
 */
interface TokenHelpers {
  type: ItsFunction<string>;
  normal: ItsFunction<string>;
  pos: ItsFunction<string>;
  lemma: ItsFunction<string>;
  /** A sentence's first and last token index. */
  span: ItsFunction<number[]>;
}
const its = nlp.its as unknown as TokenHelpers;

type VerbForm = 'base' | 'ing' | 'third' | 'past';

/** English verb form from the word and its lemma: wink's tags are the universal ones, without tense. */
function verbForm(word: string, lemma: string): VerbForm {
  if (word === lemma) return 'base';
  if (word.endsWith('ing')) return 'ing';
  if (word === `${lemma}s` || word === `${lemma}es`) return 'third';
  return 'past';
}

/** Token types that are words of the text (not punctuation, symbols, line breaks or emoji). */
const COUNTED_TYPES = new Set(['word', 'number', 'ordinal', 'time', 'hashtag', 'mention', 'email', 'url']);
const FIRST_PERSON = new Set(['i', 'we', "i'm", "i've", "we've", 'me', 'my', 'our', 'us']);
const SECOND_PERSON = new Set(['you', 'your']);
const MODAL_ASK = new Set(['can', 'could', 'would', 'should', 'may']);

function lengthBucket(words: number): string {
  if (words <= 3) return 'len:tiny';
  if (words <= 10) return 'len:short';
  if (words <= 30) return 'len:medium';
  return 'len:long';
}

/** wink's sentence span, [first token, last token]; nothing to read when it is not one. */
function spanOf(value: unknown): [number, number] {
  if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
  return [0, -1];
}

interface SentenceWord {
  tag: string;
  form: VerbForm | null;
  lemma: string;
  work: boolean;
  /** A comma, semicolon or dash follows: the clause ends here. */
  clauseEnd: boolean;
}

const CLAUSE_END = new Set([',', ';', '—', '–', ':']);
/** What may stand between a verb and its object, or make up a noun phrase: "sent [the new hiring] plan". */
const NOUN_PHRASE = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'PRON']);
const BE_OR_HAVE = new Set(['be', 'have', 'get']);

/**
 * What happened in a sentence, from its words in order: a work object that a past or progressive verb acts on
 * ("sent the offer", "migrating the tables") or that is the subject of one ("the migration is done", "PR merged");
 * a passive or perfect ("is provisioned", "has shipped"). And, for the text's first clause, whether it only names
 * an activity ("Leading the architecture review", "Late calls with Europe"): a gerund or noun phrase with no finite
 * verb reports no outcome, which is how people name what gives or drains their energy.
 */
function happenings(words: readonly SentenceWord[], firstSentence: boolean): string[] {
  const out: string[] = [];
  words.forEach((word, i) => {
    if (word.tag !== 'VERB' || (word.form !== 'past' && word.form !== 'ing')) return;
    let acted = false;
    for (const next of words.slice(i + 1)) {
      if (acted || !NOUN_PHRASE.has(next.tag)) break;
      acted = next.work;
      if (next.clauseEnd) break;
    }
    for (const before of words.slice(0, i).reverse()) {
      if (acted || before.clauseEnd) break;
      if (before.tag === 'AUX' || before.tag === 'ADV' || before.tag === 'PART') continue;
      if (!NOUN_PHRASE.has(before.tag)) break;
      acted = before.work;
    }
    if (acted) out.push(`obj:work+${word.form}`);
    const helper = words[i - 1];
    if (word.form === 'past' && helper?.tag === 'AUX' && BE_OR_HAVE.has(helper.lemma))
      out.push('verb:perfectOrPassive');
  });
  if (firstSentence) {
    const clause: SentenceWord[] = [];
    for (const word of words) {
      clause.push(word);
      if (word.clauseEnd) break;
    }
    const opener = clause[0];
    // A base form is left out: after a gerund or noun phrase it is mostly a noun read as a verb ("with design").
    const finite = clause.some(
      (w) => w.tag === 'AUX' || (w.tag === 'VERB' && (w.form === 'past' || w.form === 'third')),
    );
    const namesActivity =
      opener !== undefined &&
      (opener.tag === 'VERB'
        ? opener.form === 'ing'
        : opener.tag === 'NOUN' || opener.tag === 'ADJ' || opener.tag === 'DET');
    if (namesActivity && !finite) out.push('frame:activity');
  }
  return out;
}

/**
 * How much of a text the model reads. Training texts are a few sentences (the longest under 200 characters); the
 * first 600 characters of a field, some hundred words, say whether it reads like status, and reading all 2,000
 * through wink's parts of speech was most of what the guard cost on a save, and most of its garbage.
 */
export const MODEL_CHARS = 600;

/** The first `MODEL_CHARS` characters, cut at a space so no word is read half. */
function readPart(text: string): string {
  if (text.length <= MODEL_CHARS) return text;
  const cut = text.lastIndexOf(' ', MODEL_CHARS);
  return text.slice(0, cut > MODEL_CHARS / 2 ? cut : MODEL_CHARS);
}

/** The feature names present in `text`. */
export function englishFeatures(text: string): string[] {
  const features = new Set<string>(['bias']);
  const t = readPart(text.trim());
  for (const signal of statusSignals(t)) features.add(`sig:${signal}`);
  if (/\?/.test(t)) features.add('shape:question');
  if (/\d/.test(t)) features.add('shape:digit');
  if (HABIT.test(t)) features.add('lex:habit');
  if (/(^|\n)\s*([-*•]|\d+[.)])\s+\S/.test(t)) features.add('shape:listItem');

  const doc = nlp.readDoc(t);
  let words = 0;
  let workObjects = 0;
  let pastVerbs = 0;
  // Each token property is read once for the whole text, and sentences as spans over it: reading them sentence by
  // sentence made a collection per sentence and property, garbage that a save's tail latency paid for.
  const tokens = doc.tokens();
  const types = tokens.out(its.type);
  const lemmas = tokens.out(its.lemma);
  const normals = tokens.out(its.normal);
  const tags = tokens.out(its.pos);
  const spans: unknown[] = doc.sentences().out(its.span);
  for (let s = 0; s < spans.length; s++) {
    const [from, to] = spanOf(spans[s]);
    let previous = '^';
    let first = true;
    let sawSubject = false;
    let firstPerson = false;
    const sentence: SentenceWord[] = [];
    for (let i = from; i <= to; i++) {
      const type = types[i];
      const tag = tags[i] ?? 'X';
      if (!COUNTED_TYPES.has(type ?? '') || tag === 'PUNCT' || tag === 'SYM' || tag === 'SPACE') continue;
      const lemma = type === 'number' ? '#num' : (lemmas[i] ?? '').toLowerCase();
      const word = normals[i] ?? '';
      words++;
      features.add(`w:${lemma}`);
      features.add(`b:${previous}_${lemma}`);
      previous = lemma;
      const form = tag === 'VERB' || tag === 'AUX' ? verbForm(word, lemma) : null;
      if (first) {
        features.add(`start:${tag}${form ? `:${form}` : ''}`);
        if (MODAL_ASK.has(word)) features.add('start:modal');
        first = false;
      }
      if (tag === 'PRON' && FIRST_PERSON.has(word)) {
        features.add('person:first');
        firstPerson = true;
      }
      if (tag === 'PRON' && SECOND_PERSON.has(word)) features.add('person:second');
      if (tag === 'VERB' && form) {
        features.add(`verb:${form}`);
        if (form === 'past') pastVerbs++;
        // "Sent the offer…": a past verb before any subject is how status is written.
        if (form === 'past' && !sawSubject) features.add('verb:pastNoSubject');
        if (firstPerson) features.add(`verb:firstPerson:${form}`);
      }
      if (tag === 'PRON' || tag === 'NOUN' || tag === 'PROPN') sawSubject = true;
      const work = (tag === 'NOUN' || tag === 'PROPN') && WORK_OBJECTS.has(lemma);
      if (work) workObjects++;
      if (FEELINGS.has(lemma)) features.add('lex:feeling');
      if (ASKS.has(lemma)) features.add('lex:ask');
      sentence.push({ tag, form, lemma, work, clauseEnd: CLAUSE_END.has(normals[i + 1] ?? '') });
    }
    for (const feature of happenings(sentence, s === 0)) features.add(feature);
  }
  features.add(lengthBucket(words));
  if (workObjects >= 3) features.add('lex:work3');
  if (pastVerbs >= 2) features.add('verb:pastMany');
  return [...features];
}
