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

/** The feature names present in `text`. */
export function englishFeatures(text: string): string[] {
  const features = new Set<string>(['bias']);
  const t = text.trim();
  for (const signal of statusSignals(t)) features.add(`sig:${signal}`);
  if (/\?/.test(t)) features.add('shape:question');
  if (/\d/.test(t)) features.add('shape:digit');
  if (HABIT.test(t)) features.add('lex:habit');
  if (/(^|\n)\s*([-*•]|\d+[.)])\s+\S/.test(t)) features.add('shape:listItem');

  const doc = nlp.readDoc(t);
  let words = 0;
  let workObjects = 0;
  let pastVerbs = 0;
  const sentences = doc.sentences();
  for (let s = 0; s < sentences.length(); s++) {
    const tokens = sentences.itemAt(s).tokens();
    const types = tokens.out(its.type);
    const lemmas = tokens.out(its.lemma).map((l) => l.toLowerCase());
    const normals = tokens.out(its.normal);
    const tags = tokens.out(its.pos);
    let previous = '^';
    let first = true;
    let sawSubject = false;
    let firstPerson = false;
    let sentenceWork = 0;
    const sentenceForms = new Set<VerbForm>();
    for (let i = 0; i < lemmas.length; i++) {
      const type = types[i];
      const tag = tags[i] ?? 'X';
      if (!COUNTED_TYPES.has(type ?? '') || tag === 'PUNCT' || tag === 'SYM' || tag === 'SPACE') continue;
      const lemma = type === 'number' ? '#num' : (lemmas[i] ?? '');
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
        sentenceForms.add(form);
        if (form === 'past') pastVerbs++;
        // "Sent the offer…": a past verb before any subject is how status is written.
        if (form === 'past' && !sawSubject) features.add('verb:pastNoSubject');
        if (firstPerson) features.add(`verb:firstPerson:${form}`);
      }
      if (tag === 'PRON' || tag === 'NOUN' || tag === 'PROPN') sawSubject = true;
      if (tag === 'NOUN' && WORK_OBJECTS.has(lemma)) sentenceWork++;
      if (FEELINGS.has(lemma)) features.add('lex:feeling');
      if (ASKS.has(lemma)) features.add('lex:ask');
    }
    // A work object is status when something happened to it, not when it is merely named ("the review rota").
    if (sentenceWork > 0) {
      if (sentenceForms.has('past')) features.add('lex:work+past');
      if (sentenceForms.has('ing')) features.add('lex:work+ing');
    }
    workObjects += sentenceWork;
  }
  features.add(lengthBucket(words));
  if (workObjects >= 3) features.add('lex:work3');
  if (pastVerbs >= 2) features.add('verb:pastMany');
  return [...features];
}
