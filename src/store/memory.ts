import type { Interaction } from '../types';
import type { InteractionStore } from './interaction-store';
import { withoutFeature } from '../signals/interaction';

/**
 * This page view's memory, where interactions are kept when nothing may or can
 * be stored: before consent, when the site asks for memory, or when IndexedDB
 * fails. It holds at most the log's cap of events, the newest. The profile is
 * learned as interactions arrive, so there is nothing to catch up.
 */
export class MemoryStore implements InteractionStore {
  readonly persistent = false;
  events: Interaction[] = [];

  constructor(readonly maxEvents: number) {}

  async read() {
    return { stored: undefined, events: [], grantedBy: undefined, settings: {} };
  }

  async append(batch: readonly Interaction[]) {
    this.events.push(...batch);
    // One at a time from the front: engines drop an array's first element without copying the rest.
    while (this.events.length > this.maxEvents) this.events.shift();
  }

  async catchUp() {}

  async forget(feature: string, relearn: (stored: undefined, events: Interaction[]) => unknown) {
    this.events = this.events.map((interaction) => withoutFeature(interaction, feature));
    relearn(undefined, this.events);
  }

  /** The visitor's settings live in VisitorSettings for the page view: memory has nothing to add. */
  async keepSetting() {}

  async recordVisitorGrant() {}

  async lastReport() {
    return undefined;
  }

  async recordReport() {}

  async readAll() {
    return { events: this.events.slice(), grantedAt: undefined, lastReport: undefined };
  }

  /** Hands over what it holds, oldest first, to the store that replaces it. */
  takeEvents(): Interaction[] {
    return this.events.splice(0);
  }

  close() {}
}
