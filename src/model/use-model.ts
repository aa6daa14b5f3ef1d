import type { Core } from '../core';
import { loadModel } from './load';
import { warn } from '../errors';

/**
 * Loads the site's model while storage opens. A model that cannot be used is
 * reported once and ranking goes on without it. Resolves when it is in use or
 * given up on; undefined when the site gave no model.
 */
export function useSiteModel({ config, learner }: Core): Promise<void> | undefined {
  if (!__MODEL__ && config.model) warn('this script cannot read a model: load attune-model.min.js instead');
  if (!__MODEL__ || !config.model) return undefined;
  return loadModel(config.model)
    .then((loaded) => learner.useModel(loaded))
    .catch((error: unknown) => warn(__DEV__ ? 'the model could not be used; ranking without it' : 'model unusable', error));
}

/** Waits for `loading`, at most `budgetMs`: slots wait for the model as long as they may stay hidden, no longer. */
export async function waitAtMost(loading: Promise<void>, budgetMs: number): Promise<void> {
  let budget: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([loading, new Promise((resolve) => (budget = setTimeout(resolve, budgetMs)))]);
  clearTimeout(budget);
}
