import type { AudienceDefinition, AudienceMembership } from '../types';
import type { Facts } from './conditions';
import { holds } from './conditions';
import { featureValue } from '../words';

/**
 * The site's audiences held against the visitor: which they are in, and
 * why. An audience may name another; one that names itself, directly or
 * through others, is not joined by way of that loop.
 */
export class Audiences {
  constructor(readonly _declared: readonly AudienceDefinition[]) {}

  /** Gives the facts their `audience`: conditions on an audience ask this instance. */
  bind(facts: Omit<Facts, 'audience'>): Facts {
    const bound: Facts = { ...facts, audience: (id) => (this.reasons(id, bound) ? this.labelOf(id) : undefined) };
    return bound;
  }

  /** Why the visitor is in the audience, or undefined where they are not (or it is not declared). */
  reasons(id: string, facts: Facts, deciding = new Set<string>()): string[] | undefined {
    const audience = this._declared.find((declared) => declared.id === id);
    if (!audience || deciding.has(id)) return undefined;
    deciding.add(id);
    try {
      return holds(audience.when, { ...facts, audience: (other) => (this.reasons(other, facts, deciding) ? this.labelOf(other) : undefined) });
    } finally {
      deciding.delete(id);
    }
  }

  /** Every audience the visitor is in, with its reasons. */
  membership(facts: Facts): AudienceMembership[] {
    return this._declared.flatMap(({ id }) => {
      const reasons = this.reasons(id, facts);
      return reasons ? [{ id, label: this.labelOf(id), reasons }] : [];
    });
  }

  /** The audience's label, else its id in words. */
  labelOf(id: string): string {
    return this._declared.find((declared) => declared.id === id)?.label ?? featureValue(id);
  }

  has(id: string): boolean {
    return this._declared.some((declared) => declared.id === id);
  }
}
