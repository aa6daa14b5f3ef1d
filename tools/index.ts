/**
 * `attune/tools`, for Node: what a site's scripts call to build (and tune) its model
 * file, read its exports, audit its re-ranking settings, simulate the feedback
 * loop and decode its aggregate reports. Re-exports only; everything else in
 * tools/ is internal.
 *
 * @packageDocumentation
 * @module attune/tools
 */
export { buildModel, DEFAULT_BUILD } from './model/build';
export type { BuildInput, BuildSettings, BuildSummary, CatalogueItem, LoggedInteraction } from './model/build';
export { globalPart, itemVectorTexts, readVectorFactors, vectorsCsv, vectorsJson } from './model/item-vectors';
export type { Alignment } from './model/align';
export { DEFAULT_RULES } from './model/rules';
export type { MinedRule, RuleMiningReport, RuleSettings } from './model/rules';
export type { ModelParts, ModelRules, ModelTraining, TunedSettings } from '../src/model/format';
export { DEFAULT_TUNE_SECONDS, tuneModel, TUNING_TOP } from './model/tune';
export { tuningHeading, tuningSummary, tuningTable } from './model/tune-table';
export type { TuneOptions, TuneReport } from './model/tune';
export type { Dimension, Fixed, Point } from './model/tune-space';
export type { Measured, Trial } from './model/tune-search';
export { detectDelimiter, parseCsv, readCatalogue, readInteractions, readSparkItemFactors } from './model/read';
export type { CatalogueColumns, CsvDelimiter, InteractionColumns, ReadProgress } from './model/read';
export { audit, AUDIT_TOP, NDCG_LOSS_BUDGET } from './audit/audit';
export type { AuditInput, AuditOptions, AuditReport, AuditSetting, SettingAudit } from './audit/audit';
export { DEFAULT_LEAVE_LAST_OUT, historiesOf, leaveLastOut } from './audit/leave-last-out';
export type { LeaveLastOutSettings, Replay, ReplayId, ReplayUser, TimedInteraction } from './audit/leave-last-out';
export { standardSettings } from './audit/standard-settings';
export { auditTable, exposureTable, textTable } from './audit/audit-table';
export type { Table } from './audit/audit-table';
export { auditChart } from './audit/chart';
export { DEFAULT_LOOP, FEEDBACK_SETTINGS, feedbackLoop, meanReport, NO_CONTROLS } from './audit/simulate';
export type { FeedbackOptions, FeedbackReport, FeedbackSetting, LoopSettings, RoundMeasures, SimulationSettings } from './audit/simulate';
export { DEFAULT_POPULATION } from './audit/population';
export type { PopulationSettings } from './audit/population';
export { feedbackChart } from './audit/feedback-chart';
export { decodeReports, NO_FEATURE, readReports } from './reports/decode';
export type { AggregateReport, FrequencyEstimate } from './reports/decode';
export { estimateLift, groupRate, liftFromCounts } from './reports/lift';
export type { GroupCounts, Interval, LiftEstimate } from './reports/lift';
export { predictedStandardErrors, visitorsNeeded } from './reports/lift-power';
export type { LiftPlan } from './reports/lift-power';
