import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/index';
import { auditModel, type AuditModelInput } from '../../tools/audit/audit-model';
import { historiesOf, leaveLastOut, withoutHeldOut } from '../../tools/audit/leave-last-out';
import { buildModel, type LoggedInteraction } from '../../tools/model/build';
import { logFingerprint } from '../../tools/model/fingerprint';
import { tasteCatalogue, tasteLogs } from './model/taste-logs';

const logs = tasteLogs(40);
const training = withoutHeldOut(logs, leaveLastOut(historiesOf(logs), { negatives: 10 }));
const input: AuditModelInput = { name: 'site.model', catalogue: tasteCatalogue, logs, training, interaction: 'click' };
const SMALL = { factors: 4, iterations: 3, contentWidth: 64 };
const modelOf = (interactions: readonly LoggedInteraction[] | undefined, settings = {}) =>
  loadModel(buildModel({ catalogue: tasteCatalogue, ...(interactions && { interactions }) }, { ...SMALL, ...settings }).bytes);

describe('the model an audit scores with', () => {
  it("is the file itself where it was trained on exactly the audit's training part", async () => {
    const file = await modelOf(training);
    const { model, used } = await auditModel(file, input);
    expect(model).toBe(file);
    expect(used).toEqual({ use: 'given', why: expect.stringMatching(/^site\.model used as given: it was trained on exactly this audit's training part/) });
  });

  it('is the file itself where it learned nothing from logs', async () => {
    const file = await modelOf(undefined);
    expect((await auditModel(file, input)).used).toMatchObject({ use: 'given', why: expect.stringContaining('holds nothing learned from logs') });
  });

  it("is one trained on the training part, with the file's settings, where the file saw the held-out interactions", async () => {
    const file = await modelOf(logs, { seed: 3 });
    const { model, used } = await auditModel(file, input);
    expect(used).toEqual({
      use: 'rebuilt',
      why:
        "a model trained on this audit's training part (each user's held-out item left out) with site.model's settings (4 factors, λ 10, α 2, 3 iterations, seed 3), " +
        'since it was trained on all these logs, held-out interactions included, so its scores would be inflated',
    });
    expect(model.training).toEqual({ fingerprint: logFingerprint(training), iterations: 3, seed: 3 });
    expect(model.factors).toMatchObject({ dimensions: 4, regularization: 10, confidence: 2 });
    expect(model.content?.dimensions).toBe(64);
  });

  it('rebuilds where the file was trained on other logs, or does not say on what', async () => {
    const other = await modelOf(logs.slice(0, -1));
    expect((await auditModel(other, input)).used.why).toContain("since it was trained on other logs than this audit's training part");
    const unrecorded = await modelOf(undefined);
    Object.assign(unrecorded, { factors: (await modelOf(logs)).factors, training: undefined });
    expect((await auditModel(unrecorded, input)).used.why).toContain('since it does not record what it was trained on');
  });

  it('tunes the rebuilt model again where the file was tuned: its settings were chosen on the held-out items', async () => {
    const tuned = await modelOf(logs, { tuned: { strength: 1 }, tuning: { seconds: 0.1, fixed: ['factors'] } });
    const { model, used } = await auditModel(tuned, input);
    expect(used.why).toMatch(/\(4 factors, λ [\d.]+, α [\d.]+, 3 iterations, seed 1, tuned on the training part as it was tuned on its logs\)/);
    // The factors were fixed, so they stay; what the strength is now, the tuning on the training part decided.
    expect(model.factors?.dimensions).toBe(4);
    expect(model.training?.fingerprint).toBe(logFingerprint(training));
  });
});
