export { createAttune } from './attune';
export { DEFAULT_INTERACTION_WEIGHTS } from './options';
export { loadModel } from './model/load';
export { DEFAULT_BLEND } from './rank/hybrid';
export type * from './types';
