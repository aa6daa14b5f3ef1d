import type { Interaction } from '../types';
import type { InteractionStore } from './interaction-store';

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

  async append(batch: readonly Interaction[]) {
    this.events.push(...batch);
    // One at a time from the front: engines drop an array's first element without copying the rest.
    while (this.events.length > this.maxEvents) this.events.shift();
  }

  async catchUp() {}

  /** The visitor's settings live in VisitorSettings for the page view: memory has nothing to add. */
  async keep() {}

  /** Hands over what it holds, oldest first, to the store that replaces it. */
  takeEvents(): Interaction[] {
    return this.events.splice(0);
  }

  close() {}
}
