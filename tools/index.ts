/** The model builder for Node (`attune/tools`): re-exports only. */
export { buildModel, DEFAULT_BUILD } from './model/build';
export type { BuildInput, BuildSettings, BuildSummary, CatalogueItem, LoggedInteraction } from './model/build';
export { alsLoss, gramian, mulberry32, sparseRows, trainImplicitAls } from './model/als';
export type { AlsFactors, AlsSettings, SparseRows } from './model/als';
export { denseOffsets, dequantise, quantise } from './model/quantise';
export { contentVectors, hashTerm, itemTerms } from './model/content';
export type { SparseVectors } from './model/content';
export { parseCsv, readCatalogue, readInteractions, readSparkItemFactors } from './model/read';
export type { CatalogueColumns, InteractionColumns, ReadProgress } from './model/read';
export { decodeModel, encodeModel } from '../src/model/format';
export type { Model, ModelContent, ModelFactors, ModelParts } from '../src/model/format';
