/**
 * The rules the site's model carries, mined from its logs by `attune
 * build-model` ("visitors who bought A often bought B"), as ordinary rules:
 * when the visitor did the type on A, B is boosted, with a reason that names A.
 */
import type { Rule } from '../types';
import type { Model, ModelRules } from '../model/format';
import { minedRuleText } from '../words';

/** Each model's rules, made once: a model is read once per page view and shared by instances. */
const made = new WeakMap<ModelRules, Rule[]>();

/** The model's mined rules as rules; none without a model, or where it carries none. */
export function minedRules(model: Model | undefined): readonly Rule[] {
  const mined = model?.rules;
  if (!mined) return [];
  let rules = made.get(mined);
  if (!rules) {
    rules = mined.pairs.map(([from, to, boost], at) => ({
      id: `model-${at}`,
      when: { did: mined.did, item: from },
      then: { items: [to], boost },
      reason: minedRuleText(mined.did, from),
    }));
    made.set(mined, rules);
  }
  return rules;
}
