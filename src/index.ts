export { createAttune } from './attune';
export { DEFAULT_INTERACTION_WEIGHTS } from './options';
export type * from './types';
