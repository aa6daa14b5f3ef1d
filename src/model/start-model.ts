import type { Core } from '../core';
import { modelSupport } from '../parts';
import { warn } from '../errors';

/**
 * Starts model support, loaded on demand, where the site gives a model file
 * (or weighs freshness, a part that comes with it); it loads the model while
 * storage opens. Resolves when the model is in use or given up on (a model
 * that cannot be used is reported once, and ranking goes on without it);
 * undefined where the site needs no model support.
 */
export function startModelSupport(core: Core): Promise<void> | undefined {
  const { model, blend } = core.config;
  if (!model && !blend.freshness) return undefined;
  return modelSupport().then(
    (part) => part.useSiteModel(core),
    (error: unknown) => warn(__DEV__ ? 'model support could not be loaded; ranking without it' : 'model support unavailable', error),
  );
}

/** Waits for `loading`, at most `budgetMs`: slots wait for the model as long as they may stay hidden, no longer. */
export async function waitAtMost(loading: Promise<void>, budgetMs: number): Promise<void> {
  let budget: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([loading, new Promise((resolve) => (budget = setTimeout(resolve, budgetMs)))]);
  clearTimeout(budget);
}
