import type { Config } from '../options';
import type { InteractionType, TrackDetails } from '../types';
import { watchSlots } from './watch';
import { observeDocument } from './observe-document';
import { startAutoTrack } from '../signals/auto-track';
import { watchPersonalMarkup } from './personal-markup';

/** Stated text, audiences and rules in the page: how to load the part that decides them, and what it decides with once loaded. */
export interface PersonalMarkup {
  need(): void;
  apply(): ((roots: readonly ParentNode[]) => void) | undefined;
}

/** The instance's work in the page: slots ordered as they arrive, marked-up elements tracked. */
export interface PageWork {
  /** The profile is loaded: order and show the slots waiting for it. */
  profileReady(): void;
  /** Shows every slot, records the visible time so far, and stops observing. */
  stop(): void;
}

/**
 * Starts ordering slots (with `autoApply`) and tracking (with `autoTrack`).
 * Both start before storage is read, so slots parsed meanwhile are held back
 * from painting and early clicks are not missed.
 */
export function startPageWork(
  config: Config,
  order: (slot: Element, personal: boolean) => Promise<void> | void,
  record: (type: InteractionType, details: TrackDetails) => void,
  onHidden: () => void,
  markup: PersonalMarkup,
): PageWork | undefined {
  const doc = config.document;
  if (!doc) return undefined;
  const watcher = config.autoApply ? watchSlots(doc, order, config.renderBudget) : undefined;
  const personal = config.autoApply ? watchPersonalMarkup(doc, markup.need, markup.apply) : undefined;
  // Stated text and audience elements wait as long as slots may, no longer.
  const budget = personal && setTimeout(personal.stop, config.renderBudget);
  const tracker = config.autoTrack ? startAutoTrack(doc, record, config.now, onHidden) : undefined;
  const stopObserving =
    (watcher || tracker) &&
    observeDocument(doc, (roots) => {
      personal?.scan(roots);
      watcher?.scan(roots);
      tracker?.scan(roots);
    });
  return {
    profileReady: () => watcher?.profileReady(),
    stop() {
      stopObserving?.();
      clearTimeout(budget);
      personal?.stop();
      watcher?.stop();
      tracker?.stop();
    },
  };
}
