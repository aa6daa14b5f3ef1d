/**
 * The model an audit may score with. A model trained on all of a site's logs
 * has seen every interaction the audit holds out, so it would find the
 * held-out items too easily and every figure would be inflated. The audit
 * uses a model file as given only when its training record shows it was
 * trained on exactly the audit's training part; otherwise it trains one on
 * that part, with the file's settings, as `attune build-model` would have.
 */
import { loadModel, type AttuneModel, type InteractionType } from '../../src/index';
import type { Model } from '../../src/model/format';
import { buildModel, DEFAULT_BUILD, type BuildSettings, type CatalogueItem, type LoggedInteraction } from '../model/build';
import { logFingerprint } from '../model/fingerprint';
import { tuneModel } from '../model/tune';

/** Which model the audit scored with, and why, in words for its report. */
export interface ModelUse {
  /** `given`: the file as it is; `rebuilt`: a model trained on the audit's training part with the file's settings. */
  use: 'given' | 'rebuilt';
  why: string;
}

/** What the file's training record says it was trained on, against the audit's logs. */
function trainedOn(model: Model, logs: readonly LoggedInteraction[], training: readonly LoggedInteraction[]): 'training' | 'all' | 'other' | 'unknown' | 'nothing' {
  const record = model.training;
  if (!model.factors && model.popularity.every((share) => share === 0)) return 'nothing';
  if (!(typeof record?.fingerprint === 'string' && Number.isInteger(record.iterations) && Number.isInteger(record.seed))) return 'unknown';
  if (record.fingerprint === logFingerprint(training)) return 'training';
  return record.fingerprint === logFingerprint(logs) ? 'all' : 'other';
}

const WHY: Record<ReturnType<typeof trainedOn>, string> = {
  training: "it was trained on exactly this audit's training part (its record of the logs matches)",
  nothing: 'it holds nothing learned from logs (no factors, no popularity), so it cannot have seen the held-out interactions',
  all: 'it was trained on all these logs, held-out interactions included, so its scores would be inflated',
  other: "it was trained on other logs than this audit's training part, so it may have seen the held-out interactions",
  unknown: 'it does not record what it was trained on (item factors from elsewhere, or an older attune), so it may have seen the held-out interactions',
};

/** The settings the file was built with: its factors, λ, α, content width and successors per item, its training's iterations and seed, its tuning. */
function settingsOf(model: Model): BuildSettings {
  const { factors, content, next, training, tuned } = model;
  return {
    ...(factors && { factors: factors.dimensions, regularization: factors.regularization, confidence: factors.confidence }),
    contentWidth: content?.dimensions ?? 0,
    successors: next?.successors ?? 0,
    iterations: training?.iterations ?? DEFAULT_BUILD.iterations,
    seed: training?.seed ?? DEFAULT_BUILD.seed,
    ...(tuned && { tuned }),
  };
}

/** Words for how the model was rebuilt. */
function rebuiltWith(settings: BuildSettings, tuned: boolean): string {
  const trained = settings.factors ? `${settings.factors} factors, λ ${settings.regularization}, α ${settings.confidence}, ${settings.iterations} iterations, seed ${settings.seed}` : 'no factors';
  return `${trained}${tuned ? ', tuned on the training part as it was tuned on its logs' : ''}`;
}

/** Tunes as the file was tuned, on the training part instead: the settings it searched are searched again, those fixed stay. */
async function tuneAgain(settings: BuildSettings, tuning: { seconds: number; fixed: string[] }, input: AuditModelInput): Promise<void> {
  const { iterations, seed, contentWidth, successors } = settings as Required<BuildSettings>;
  const fixed = Object.fromEntries(tuning.fixed.map((name) => [name, settings[name as keyof BuildSettings]]));
  const report = await tuneModel(input.catalogue, input.training, { seconds: tuning.seconds, seed, interaction: input.interaction, fixed, iterations, contentWidth, successors });
  if ('skipped' in report) delete settings.tuned;
  else Object.assign(settings, report.build, { tuned: report.tuned });
}

export interface AuditModelInput {
  /** The file's name, for the report. */
  name: string;
  catalogue: readonly CatalogueItem[];
  /** Every logged line, and the audit's training part: every line but the held-out ones. */
  logs: readonly LoggedInteraction[];
  training: readonly LoggedInteraction[];
  interaction: InteractionType;
  onStage?: (stage: string) => void;
}

/**
 * The model to audit with: the file itself where it provably saw no
 * held-out interaction, else one trained on the audit's training part with
 * the file's settings (and tuned again, if the file was tuned), and why.
 */
export async function auditModel(model: Model, input: AuditModelInput): Promise<{ model: AttuneModel; used: ModelUse }> {
  const seen = trainedOn(model, input.logs, input.training);
  if (seen === 'training' || seen === 'nothing') return { model, used: { use: 'given', why: `${input.name} used as given: ${WHY[seen]}` } };
  const settings = settingsOf(model);
  const tuning = model.training?.tuning;
  input.onStage?.("rebuilding the model from the audit's training part");
  // The file's tuning chose its settings on the very items this audit holds out: they are chosen again without them.
  if (tuning && settings.factors) await tuneAgain(settings, tuning, input);
  const { bytes } = buildModel({ catalogue: input.catalogue, interactions: input.training }, settings);
  const why =
    `a model trained on this audit's training part (each user's held-out item left out) with ${input.name}'s settings ` +
    `(${rebuiltWith(settings, Boolean(tuning && settings.factors))}), since ${WHY[seen]}`;
  return { model: await loadModel(bytes), used: { use: 'rebuilt', why } };
}
