import type { Config } from '../options';
import type { TunedSettings } from './format';

/**
 * Takes the ranking settings a model was tuned with on the site's own logs
 * (`attune build-model`), each where the site's options do not set it: what a
 * site sets is its choice, and wins. A blend is taken part by part, so a site
 * that sets only `{ freshness: 0.5 }` keeps the other parts' tuned weights.
 */
export function useTunedSettings(config: Config, tuned: TunedSettings | undefined): void {
  if (!tuned) return;
  const site = config.siteOptions;
  if (tuned.strength !== undefined && site.strength === undefined) config.strength = tuned.strength;
  if (tuned.halfLife !== undefined && site.halfLife === undefined) config.halfLife = tuned.halfLife;
  if (tuned.diversity !== undefined && site.diversity === undefined) config.diversity = tuned.diversity;
  if (tuned.blend) config.blend = { ...config.blend, ...tuned.blend, ...site.blend };
}
