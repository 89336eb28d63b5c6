/**
 * A trained status model for one language: a weight per feature name (logistic regression), and the probability
 * above which a text reads like status. Produced by `npm run train:guard -w functions`; nothing is fetched at run
 * time. Features the model never saw weigh nothing.
 */
export interface GuardModel {
  language: string;
  threshold: number;
  weights: Readonly<Record<string, number>>;
}

export interface LoadedModel {
  language: string;
  threshold: number;
  weights: ReadonlyMap<string, number>;
}

export function loadModel(model: GuardModel): LoadedModel {
  return { language: model.language, threshold: model.threshold, weights: new Map(Object.entries(model.weights)) };
}

export function statusProbability(model: LoadedModel, features: readonly string[]): number {
  let z = 0;
  for (const feature of features) z += model.weights.get(feature) ?? 0;
  return 1 / (1 + Math.exp(-z));
}
