import { englishFeatures } from './features';
import { identifyLanguage, UNDETERMINED } from './language';
import { loadModel, statusProbability, type LoadedModel } from './model';
import { ENGLISH_MODEL } from './model.en';
import type { StatusSignal } from './signals';

/**
 * The status guard: does a piece of board text read like a status update (what got done, what is in progress,
 * what is due) rather than the conversation a 1:1 is for? A logistic model over lemmas, parts of speech, tense,
 * small word classes and the old hand-written signals, trained on a labelled corpus and measured on a part of it
 * held out before any tuning (docs/status-guard.md has the method and the figures). Pure and synchronous, so the
 * API decides on every save.
 *
 * Each language is measured or off: text in a language with no trained model is not judged at all, and the verdict
 * says so, rather than an English model guessing at German. Text too short to tell is read as English.
 */

export type { StatusSignal } from './signals';

export type StatusVerdict =
  | {
      isStatus: boolean;
      guard: 'on';
      /** The language the text was identified as, or 'und' when too short to tell (then read as English). */
      language: string;
      /** The model's probability that the text is status. */
      probability: number;
      /** The hand-written signals present: why, for tests and tuning; never logged. */
      signals: StatusSignal[];
    }
  | { isStatus: false; guard: 'off'; reason: 'unsupportedLanguage'; language: string };

interface LanguageGuard {
  model: LoadedModel;
  features: (text: string) => string[];
}

/** The measured languages. A language joins with its own corpus, features and model, and held-out figures. */
const GUARDS: Readonly<Record<string, LanguageGuard>> = {
  en: { model: loadModel(ENGLISH_MODEL), features: englishFeatures },
};
/** Text whose language cannot be told is read in the product's own language. */
const FALLBACK_LANGUAGE = 'en';

export function guardedLanguages(): string[] {
  return Object.keys(GUARDS);
}

/** Decides whether `text` reads like a status update, or says that the guard is off for its language. */
export function looksLikeStatus(text: string): StatusVerdict {
  const t = text.trim();
  if (t.length === 0) return { isStatus: false, guard: 'on', language: UNDETERMINED, probability: 0, signals: [] };
  const { language } = identifyLanguage(t);
  const guard = GUARDS[language === UNDETERMINED ? FALLBACK_LANGUAGE : language];
  if (!guard) return { isStatus: false, guard: 'off', reason: 'unsupportedLanguage', language };
  const features = guard.features(t);
  const probability = statusProbability(guard.model, features);
  const signals = features.filter((f) => f.startsWith('sig:')).map((f) => f.slice(4) as StatusSignal);
  return { isStatus: probability >= guard.model.threshold, guard: 'on', language, probability, signals };
}
