// Globals that the fixtures and the tests' init scripts put on the page's window.
// (`attune_queue` and `attune_config` are declared by src/embed.ts.)
import type { Attune } from '../../src/types';

/** One `layout-shift` performance entry, as the init script in layout-shift.test.ts keeps it. */
export interface RecordedLayoutShift {
  value: number;
  hadRecentInput: boolean;
  /** The shifted nodes, as `LI f-tennis-1`. */
  sources: string[];
}

declare global {
  interface Window {
    /** module.html: the npm build's instance. */
    e2eAttune?: Promise<Attune>;
    /** queue.html: what the calls queued before load saw. */
    e2eQueueCalls?: string[];
    e2eQueuedInstance?: Attune;
    /** spa.html: renders the front page's slot after load, as a client-side router would. */
    renderFrontPage?: () => void;
    /** layout-shift.test.ts */
    e2eLayoutShifts?: RecordedLayoutShift[];
    /** module-api.test.ts */
    e2eMarkedItem?: Element;
    e2eItemClicks?: number;
    /** reliability/: the script tag's instance, kept by a queued call; the page's unhandled rejections. */
    e2eInstance?: Attune;
    e2eUnhandled?: string[];
  }
}
