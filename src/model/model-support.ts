/**
 * Support for the site's model file, loaded on demand where a site gives one
 * (see start-model.ts): the file's reader, the visitor's fold-in against the
 * model (profile/dense.ts), and the score parts that read it.
 */
import type { Core } from '../core';
import { loadModel } from './load';
import { DenseProfile } from '../profile/dense';
import { MODEL_PARTS } from '../rank/parts/model-parts';
import { printStacks, warn } from '../errors';
import { useTunedSettings } from './tuned-settings';

/**
 * Gives the instance the model's parts and fold-in, then loads the site's
 * model and takes the settings it was tuned with where the site set none; a
 * model that cannot be used is reported and left out, its settings with it.
 */
export async function useSiteModel(core: Core): Promise<void> {
  const { config, learner } = core;
  // Beside the script tag this is a file of its own, with its own warn(): tell it too.
  if (config.debug) printStacks();
  core.modelParts = MODEL_PARTS;
  learner.foldWith = (vector, model) => vector.attach(new DenseProfile(model, config.halfLife));
  if (!config.model) return;
  try {
    const model = await loadModel(config.model);
    const { strength, halfLife, blend } = config;
    // The fold-in's half-life is read as it is attached: the tuned one must be in place first.
    useTunedSettings(config, model.tuned);
    try {
      learner.useModel(model);
    } catch (error) {
      Object.assign(config, { strength, halfLife, blend });
      throw error;
    }
    // Rules mined from the site's logs apply with the site's own, in the part that holds rules against the visitor's history.
    if (model.rules) await core._needRules?.();
  } catch (error) {
    warn(__DEV__ ? 'the model could not be used; ranking without it' : 'model unusable', error);
  }
}
