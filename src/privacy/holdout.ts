import type { HoldoutGroup } from '../types';
import type { Core } from '../core';
import { warn } from '../errors';

/** A uniform number in [0, 1), from the platform's cryptographic generator where there is one: a draw the page cannot predict or steer. */
export function uniformRandom(): number {
  return globalThis.crypto?.getRandomValues ? globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32 : Math.random();
}

/**
 * The visitor's group under the site's holdout, drawn on first need (a
 * ranking, or the report) with the holdout's share and kept with the
 * profile, so it holds across page views; undefined without a holdout.
 * Where storage is not open yet it is kept for the page view, and stored
 * once storage opens unless a group was stored before (settings.ts).
 */
export function holdoutGroup(core: Core): HoldoutGroup | undefined {
  const { holdout } = core.config;
  if (!holdout) return undefined;
  const drawn = core.settings.values.holdout;
  if (drawn) return drawn.group;
  const at = core.config.now();
  const group: HoldoutGroup = uniformRandom() < holdout.share ? 'holdout' : 'personal';
  core.useStore((store) => core.settings.set('holdout', { group, at }, store, at)).catch((error: unknown) => warn('could not keep the holdout group', error));
  return group;
}
