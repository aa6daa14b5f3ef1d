/**
 * attune/tools and the parts the benchmarks and demos measure or simulate
 * with, built to dist/tools-internal.mjs for them alone: not in package.json's
 * exports, so nothing here is promised to a site.
 */
export * from './index';
export { mulberry32, sparseRows, trainImplicitAls } from './model/als';
export { mineRules, modelRules } from './model/rules';
export { encodeModel } from '../src/model/format';
export { accuracy, coverage, intraListDiversity } from './audit/metrics';
export { WITHIN_BUDGET } from './audit/audit-table';
export { compareIds } from './audit/leave-last-out';
export { BinomialSampler, simulatedLiftCounts, simulatedLiftReports } from './reports/simulate-lift';
export { normalQuantile, varianceOfOneReport } from './reports/lift-power';
export { liftPowerChart } from './reports/lift-chart';
export type { LiftPowerCheck, LiftPowerLine } from './reports/lift-chart';
export { splitBudget } from '../src/privacy/report';
