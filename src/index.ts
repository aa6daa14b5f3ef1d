export { createAttune } from './attune';
export { DEFAULT_INTERACTION_WEIGHTS } from './options';
export { loadModel } from './model/load';
export { reorder } from './dom/reorder';
export { DEFAULT_BLEND } from './rank/hybrid';
export type * from './types';
