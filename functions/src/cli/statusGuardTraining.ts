import { englishFeatures } from '../domain/statusGuard/features';
import type { GuardModel } from '../domain/statusGuard/model';
import { readTraining } from './statusCorpus';

/*
 * Training the English status model: L2-regularised logistic regression over the feature names of features.ts, by
 * full-batch gradient descent from zero weights, so the same training part always gives the same model. Written
 * here rather than taken from a package: the npm logistic regressions found were dense-matrix and unregularised
 * (ml-logistic-regression took 20 s for 500 steps at this size); over sparse binary features this is a few lines.
 */

export interface TrainingOptions {
  /** Keep only features seen in at least this many training texts: rarer ones are memorised phrases. */
  minCount: number;
  l2: number;
  epochs: number;
  learningRate: number;
  threshold: number;
}

export const TRAINING_OPTIONS: TrainingOptions = {
  minCount: 2,
  l2: 0.003,
  epochs: 1500,
  learningRate: 0.5,
  // A nudge interrupts a person, and most of what people type on a board is not status (the corpus is balanced,
  // real boards are not): the guard speaks only when the model is fairly sure. Chosen by cross-validation.
  threshold: 0.6,
};

export interface Labelled {
  text: string;
  status: boolean;
}

export interface Featurized {
  features: readonly string[];
  status: boolean;
}

export function featurize(examples: readonly Labelled[]): Featurized[] {
  return examples.map((e) => ({ features: englishFeatures(e.text), status: e.status }));
}

/** Weights are kept to 4 decimals: enough for the verdict, and a model file that reads as the same every time. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

export function trainModel(data: readonly Featurized[], options: TrainingOptions = TRAINING_OPTIONS): GuardModel {
  const counts = new Map<string, number>();
  for (const row of data) for (const f of row.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts.entries()]
    .filter(([f, n]) => n >= options.minCount || f === 'bias')
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const rows = data.map((row) => ({
    at: row.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    y: row.status ? 1 : 0,
  }));
  const biasAt = index.get('bias');
  const weights = new Float64Array(vocabulary.length);
  const gradient = new Float64Array(vocabulary.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    for (const row of rows) {
      let z = 0;
      for (const i of row.at) z += weights[i] ?? 0;
      const error = 1 / (1 + Math.exp(-z)) - row.y;
      for (const i of row.at) gradient[i] = (gradient[i] ?? 0) + error;
    }
    for (let i = 0; i < weights.length; i++) {
      const penalty = i === biasAt ? 0 : options.l2 * (weights[i] ?? 0);
      weights[i] = (weights[i] ?? 0) - options.learningRate * ((gradient[i] ?? 0) / rows.length + penalty);
    }
  }
  const kept: Record<string, number> = {};
  vocabulary.forEach((f, i) => {
    const w = round(weights[i] ?? 0);
    if (w !== 0) kept[f] = w;
  });
  return { language: 'en', threshold: options.threshold, weights: kept };
}

/** The shipped model: trained on the training part and the training-only authors, never on a held-out set. */
export function trainFromCorpus(): GuardModel {
  return trainModel(featurize(readTraining()));
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusion(pairs: readonly { predicted: boolean; actual: boolean }[]): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { predicted, actual } of pairs) {
    if (predicted && actual) c.tp++;
    else if (predicted) c.fp++;
    else if (actual) c.fn++;
    else c.tn++;
  }
  return c;
}

export const precision = (c: Confusion): number => (c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp));
export const recall = (c: Confusion): number => (c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn));

function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd };
}

/**
 * k-fold cross-validation on the training part, folds stratified by label and dealt in file order (the split
 * already shuffled it): the figure a method is chosen by, since the held-out part is never looked at for that.
 */
export function crossValidate(
  data: readonly Featurized[],
  k: number,
  predict: (model: GuardModel, features: readonly string[]) => boolean,
  options: TrainingOptions = TRAINING_OPTIONS,
): { precision: { mean: number; sd: number }; recall: { mean: number; sd: number }; folds: Confusion[] } {
  const fold = new Map<Featurized, number>();
  for (const label of [true, false]) data.filter((d) => d.status === label).forEach((d, i) => fold.set(d, i % k));
  const folds: Confusion[] = [];
  for (let f = 0; f < k; f++) {
    const model = trainModel(
      data.filter((d) => fold.get(d) !== f),
      options,
    );
    const held = data.filter((d) => fold.get(d) === f);
    folds.push(confusion(held.map((d) => ({ predicted: predict(model, d.features), actual: d.status }))));
  }
  return { precision: meanSd(folds.map(precision)), recall: meanSd(folds.map(recall)), folds };
}
