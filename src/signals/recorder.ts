import type { Interaction, InteractionType, TrackDetails } from '../types';
import type { Core } from '../core';
import { toInteraction } from './interaction';
import { timeContext } from './context';
import { isSensitive } from '../privacy/sensitive';
import { detailOf, fail, warn } from '../errors';

/**
 * Turns what the site and the page report into interactions: checked, with
 * their context, learned into the profile at once and queued for storage.
 */
export class Recorder {
  constructor(readonly _core: Core) {}

  /** `track()`: a bad argument throws a TypeError naming it, and nothing is recorded. */
  track = (type: InteractionType, details?: TrackDetails): void => {
    const { config, items, settings, closed } = this._core;
    if (closed) fail('track()', __DEV__ ? 'the instance is closed' : 'closed', type);
    const interaction = toInteraction(type, details, config.interactionWeights, config.now(), items.known);
    if (settings.values.paused) return;
    // Imported history gets the time buckets of its own moment, not this page's device or referrer.
    const page = details?.at === undefined ? this._core.pageBuckets : config.context;
    interaction.context = { ...timeContext(interaction.at), ...page, ...interaction.context };
    this.record(interaction);
  };

  /** Interactions the page itself reports: bad markup is a warning, never an exception. */
  fromPage = (type: InteractionType, details: TrackDetails): void => {
    if (this._core.closed) return;
    try {
      this.track(type, details);
      // A click often leaves the page: store it at once.
      if (type === 'click') this._core.batcher.flushQuietly();
    } catch (error) {
      warn(detailOf(error));
    }
  };

  /** Learns a checked interaction and queues it for storage. */
  record(interaction: Interaction): void {
    const { config, items, learner, batcher } = this._core;
    // Sensitive categories are never learned or stored.
    const sensitive = interaction.features.filter((feature) => isSensitive(feature, config.sensitiveCategories));
    if (sensitive.length) {
      if (__DEV__) warn(`features in a sensitive category are never learned: ${sensitive.join(' ')}`);
      interaction.features = interaction.features.filter((feature) => !sensitive.includes(feature));
      // Nor is the item (nor its vector, which names it): with a model, the items chosen would teach the category all the same.
      delete interaction.item;
      delete interaction.vector;
    }
    if (interaction.item !== undefined && interaction.features.length > 0) items.remember(interaction.item, interaction.features, interaction.vector);
    learner.learn(interaction);
    batcher.add(interaction);
    this._core._recorded?.(interaction);
  }
}
