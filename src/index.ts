/**
 * `attune`: on-device personalization. {@link createAttune} makes an instance
 * that learns the visitor's interests in their own browser and orders the
 * site's items for them; {@link loadModel} reads the site's model file.
 *
 * @packageDocumentation
 * @module attune
 */
export { createAttune } from './attune';
export { DEFAULT_INTERACTION_WEIGHTS } from './profile/interaction-weights';
export { loadModel } from './model/load';
export { reorder } from './dom/reorder';
export { DEFAULT_BLEND } from './rank/hybrid';
export type * from './types';
