import type { Interaction } from '../types';
import type { InteractionStore } from './interaction-store';
import { warn } from '../errors';

/** Interactions wait this long in memory so a burst of them is one transaction. */
const BATCH_DELAY_MS = 1000;

/**
 * Holds tracked interactions until they are stored: for a second where
 * storage is persistent, so a burst is one transaction, at once in memory.
 * Flushes run one after another; after each, `afterAppend` brings the
 * profile up to date with what was stored.
 */
export class Batcher {
  /** Tracked but not yet stored, oldest first. */
  pending: Interaction[] = [];
  /** The flush under way, or a settled promise: what a write must wait for. */
  flushes: Promise<void> = Promise.resolve();
  _timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Where the next batch goes: the store in use at flush time. */
    readonly store: () => InteractionStore,
    readonly maxEvents: number,
    readonly afterAppend: (store: InteractionStore) => Promise<void>,
    /** Told whether each write to persistent storage landed, so `status` says when storage is full. */
    readonly written: (stored: boolean) => void,
  ) {}

  add(interaction: Interaction): void {
    const store = this.store();
    // Memory takes it at once, as it comes.
    if (!store.persistent) return void store.append([interaction]);
    // While a write fails, memory holds at most the log's cap.
    if (this.pending.push(interaction) > this.maxEvents) this.pending.shift();
    this.schedule();
  }

  schedule(): void {
    if (this._timer === undefined && this.pending.length) this._timer = setTimeout(() => this.flushQuietly(), BATCH_DELAY_MS);
  }

  /** Stores what is pending now; resolves once it is stored, rejects if it could not be. */
  flush(): Promise<void> {
    this.cancel();
    const run = this.flushes.then(() => this._commit());
    this.flushes = run.catch(() => undefined);
    return run;
  }

  /** Background flushes report failures instead of rejecting into the page. */
  flushQuietly(): void {
    this.flush().catch((error: unknown) =>
      warn(__DEV__ ? 'could not store interactions; keeping them in memory to retry' : 'could not store interactions', error),
    );
  }

  /**
   * The page is being left: what is pending goes into a transaction of its own
   * at once. Chained behind a flush in flight, it would wait for JavaScript that
   * never runs again once the page is gone.
   */
  leave(): void {
    this.cancel();
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    this.store()
      .append(batch, true)
      .catch(() => {
        // Still here after all (the tab was only hidden): the batch waits for the next flush.
        this.pending.unshift(...batch);
        this.flushQuietly();
      });
  }

  cancel(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  /**
   * Stores the pending interactions as one batch, then lets the profile catch
   * up. The events are safe once appended; a failed profile update is redone
   * on the next one.
   */
  async _commit(): Promise<void> {
    const store = this.store();
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    try {
      await store.append(batch);
    } catch (error) {
      // Keep the batch for the next try; memory never holds more than the log's cap.
      this.pending.unshift(...batch);
      this.pending.splice(0, this.pending.length - this.maxEvents);
      // The connection was closed under the write: the batch goes to the store that replaced it.
      if (this.store() !== store) return this._commit();
      this.written(false);
      this.schedule();
      throw error;
    }
    this.written(true);
    try {
      await this.afterAppend(store);
    } catch (error) {
      warn(__DEV__ ? 'stored the interactions, but not the profile; it catches up on the next visit' : 'could not store the profile', error);
    }
  }
}
