import type { AttuneExport, HoldoutGroup, Interaction, StatedSource, StatedValue } from '../types';
import { MAX_STATED, readStated } from '../profile/stated';
import { withStated } from '../profile/set-stated';
import type { Core } from '../core';
import type { Consent } from './consent';
import type { Recorder } from '../signals/recorder';
import { toInteraction, withoutFeature } from '../signals/interaction';
import { checkFeatures } from '../limits';
import { forgetInHistory, readHistory } from '../store/stored-history';
import { explainReasons } from './explain';
import { AttuneError, fail } from '../errors';
import { HOLDOUT_TEXT } from '../words';

/**
 * Everything kept: every interaction, stored or not yet stored, oldest first,
 * and the store's records. Both are read in the same turn, before any flush
 * can move interactions from one to the other.
 */
async function readKept({ useStore, batcher }: Core) {
  const unstored = batcher.pending.slice();
  const kept = await useStore(readHistory);
  return { ...kept, events: [...kept.events, ...unstored] };
}

/** `export()`: everything kept about the visitor, as one versioned, JSON-safe object. */
export async function exportVisitor(core: Core, consent: Consent): Promise<AttuneExport> {
  const { config, status, settings } = core;
  const { events, grantedAt, lastReport } = await readKept(core);
  const { namespace, halfLife, strength, contextKeys, maxFeatures, maxEvents, reporting, holdout } = config;
  const { surprise, holdout: drawn, stated } = settings.values;
  return {
    format: 'attune-export',
    version: 1,
    exportedAt: new Date(config.now()).toISOString(),
    namespace,
    consent: {
      state: consent.state,
      status,
      ...(grantedAt !== undefined && { grantedAt }),
      site: consent._privacySignal ? 'required' : config.consent,
    },
    settings: {
      halfLifeMs: halfLife,
      strength,
      contextKeys,
      maxFeatures,
      maxEvents,
      maxEventAgeMs: config.maxEventAge,
      ...(surprise !== undefined && { surprise }),
    },
    ...(reporting && {
      reporting: {
        endpoint: reporting.endpoint,
        epsilon: reporting.epsilon,
        features: reporting.features,
        periodMs: reporting.periodMs,
        ...(lastReport !== undefined && { lastSentAt: lastReport }),
      },
    }),
    ...(holdout && { holdout: { share: holdout.share, outcomes: holdout.outcomes, ...(drawn && { group: drawn.group, assignedAt: drawn.at }) } }),
    ...(stated && { stated: { ...stated } }),
    interactions: events,
    profile: core.learner.vector.features(config.now()),
  };
}

/**
 * The holdout group an export carries, checked, for a site with a holdout:
 * the visitor keeps their group on a new device. Undefined where the file
 * has none or the site has no holdout.
 */
function importedGroup(core: Core, file: Partial<AttuneExport>): { group: HoldoutGroup; at: number } | undefined {
  const { group, assignedAt } = file.holdout ?? {};
  if (group === undefined || !core.config.holdout) return undefined;
  if ((group !== 'holdout' && group !== 'personal') || typeof assignedAt !== 'number' || !Number.isFinite(assignedAt)) {
    fail('import()', __DEV__ ? 'holdout must have a group, "holdout" or "personal", and assignedAt in epoch ms' : 'holdout', file.holdout);
  }
  return { group, at: assignedAt };
}

/** `import()`: every interaction of the file is checked before any is kept, so a bad file changes nothing. */
export async function importVisitor(core: Core, recorder: Recorder, exported: unknown): Promise<void> {
  const { config } = core;
  const file = exported as Partial<AttuneExport> | null;
  if (file?.format !== 'attune-export' || file.version !== 1 || !Array.isArray(file.interactions)) {
    fail('import()', __DEV__ ? 'the file must be an Attune export, version 1' : 'file', exported);
  }
  if (file.interactions.length > config.maxEvents) fail('import()', `at most ${config.maxEvents} interactions`, file.interactions.length);
  // Array.from visits holes as undefined, which fail the check, where map() would keep them as holes.
  const checked = Array.from(file.interactions, (stored: Partial<Interaction> | undefined, index) => {
    try {
      const interaction = toInteraction(stored?.type, stored, config.interactionWeights, config.now(), () => ({}));
      if (stored!.at === undefined) fail('import()', 'at', undefined);
      return interaction;
    } catch (error) {
      if (!(error instanceof AttuneError)) throw error;
      return fail('import()', `interaction ${index}: ${error.where}: ${error.rule}`, error.value);
    }
  });
  const group = importedGroup(core, file);
  const stated = importedStated(file.stated);
  for (const interaction of checked) recorder.record(interaction);
  if (group) await core.useStore((store) => core.settings.set('holdout', group, store, group.at));
  // What the visitor stated since the export was made is their latest word.
  if (stated) await core.useStore((store) => core.settings.set('stated', { ...stated, ...core.settings.values.stated }, store, config.now()));
  await core.batcher.flush();
}

/** The stated attributes of an export, checked whole like its interactions. */
function importedStated(stated: unknown): Record<string, StatedValue> | undefined {
  if (stated === undefined) return undefined;
  const kept = readStated(stated);
  if (!kept || Object.keys(kept).length !== Object.keys(stated as object).length) {
    fail('import()', __DEV__ ? `stated must map names to { value, source, at }, at most ${MAX_STATED}` : 'stated', stated);
  }
  return kept;
}

/**
 * `forget()`: the feature leaves the profile and every kept interaction, and
 * those interactions no longer name their item (with a model, the items
 * chosen would teach the interest back).
 */
export async function forgetFeature(core: Core, consent: Consent, feature: string): Promise<void> {
  checkFeatures([feature], 'forget()');
  const { batcher, learner } = core;
  // After a grant under way, which moves what memory held into the pending list.
  await consent._settled();
  batcher.pending.forEach((interaction, at, pending) => (pending[at] = withoutFeature(interaction, feature)));
  // After a write under way, so the rebuilt profile holds every kept interaction.
  await batcher.flushes;
  let rebuilt = learner.rebuild(undefined, []);
  await core.useStore((store) => forgetInHistory(store, feature, (events) => (rebuilt = learner.rebuild(undefined, events)).toJSON()));
  core._forgot?.(feature);
  learner.adopt(rebuilt, batcher.pending);
  // Gone from the profile's copy before forget() resolves; this tab writes it again from the rebuilt profile.
  core.copy?.remove();
  // The reasons of rankings before may speak of the interest.
  core.items.places.clear();
}

/**
 * `explain()`: an item's reasons from the latest ranking that placed it, in
 * the visitor's words; for a visitor in the holdout, that first.
 */
export async function explainItem(core: Core, item: string): Promise<string[]> {
  const reasons = core.items.places.get(item)?.reasons;
  if (!reasons) return [];
  const explained = explainReasons(reasons, (await readKept(core)).events, core.config.now());
  return core.settings.values.holdout?.group === 'holdout' ? [HOLDOUT_TEXT, ...explained] : explained;
}

/** `set()`: keeps (or with null removes) what the visitor told the site, and shows it wherever the page fills it in. */
export async function setStated(core: Core, name: string, value: unknown, options: { source?: StatedSource } | undefined): Promise<void> {
  const { settings, config } = core;
  const stated = withStated(settings.values.stated, name, value, options, config.now());
  await core.useStore((store) => settings.set('stated', stated, store, config.now()));
  core._statedChanged?.();
}
