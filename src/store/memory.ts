import type { Interaction } from '../types';
import type { InteractionStore, StoredSetting, VisitorSettingName } from './interaction-store';

/**
 * This page view's memory, where interactions are kept when nothing may or can
 * be stored: before consent, when the site asks for memory, or when IndexedDB
 * fails. It holds at most the log's cap of events, the newest. The profile is
 * learned as interactions arrive, so there is nothing to catch up.
 */
export class MemoryStore implements InteractionStore {
  readonly persistent = false;
  events: Interaction[] = [];
  settings: Partial<Record<VisitorSettingName, StoredSetting>> = {};

  constructor(readonly maxEvents: number) {}

  async read() {
    return { stored: undefined, events: [], grantedBy: undefined, settings: { ...this.settings } };
  }

  async append(batch: readonly Interaction[]) {
    this.events.push(...batch);
    // One at a time from the front: engines drop an array's first element without copying the rest.
    while (this.events.length > this.maxEvents) this.events.shift();
  }

  async catchUp() {
    return false;
  }

  async forget(feature: string, relearn: (stored: undefined, events: Interaction[]) => unknown) {
    this.events = this.events.map((interaction) => {
      if (!interaction.features.includes(feature)) return interaction;
      // The item goes too, as in IndexedDB: with a model, the items chosen would keep the interest alive.
      const { features, item, ...rest } = interaction;
      return { ...rest, features: features.filter((kept) => kept !== feature) };
    });
    relearn(undefined, this.events);
  }

  async keepSetting(setting: VisitorSettingName, value: StoredSetting | undefined) {
    if (value) this.settings[setting] = value;
    else delete this.settings[setting];
  }

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
