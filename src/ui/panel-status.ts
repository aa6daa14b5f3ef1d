import type { Attune, AttuneExport, ConsentState } from '../types';
import { element, mutedParagraph } from './elements';
import { HOLDOUT_TEXT } from '../words';

const DAY_MS = 86_400_000;

/** `1209600000` → `14 days`. */
function duration(ms: number): string {
  const days = Math.round(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** After an erase on a site that asks for storage itself: what the next page view does, which a visitor would not guess. */
const SITE_STORES_AGAIN =
  'This site keeps what you do by its own choice: in a new tab or window, or once you close this tab, it starts keeping it again.';

/**
 * Where what the panel shows is kept, for each storage state
 * (store/status.ts), and what happens next where that is not what a visitor
 * would expect. `site` is the export's word on the site's own consent; until
 * the export arrives it is unknown, and the panel says nothing it depends on.
 */
function storageText(attune: Attune, site: ConsentState | undefined): string {
  const siteStores = site === 'granted';
  if (attune.consent.state === 'denied') return 'You declined storage: nothing is kept, and this page forgets it when you leave.';
  switch (attune.status) {
    case 'indexeddb':
      return 'Kept in this browser’s storage on this device, across visits.';
    case 'opening':
      return 'Opening this browser’s storage on this device…';
    case 'awaiting-consent':
      // On a site that stores by its own word, waiting for consent means the visitor erased everything earlier in this tab.
      return siteStores
        ? `Not kept: you deleted everything earlier in this tab, so nothing is stored here unless you agree to storage. ${SITE_STORES_AGAIN}`
        : 'Not stored yet: you have not agreed to storage, so this page forgets it when you leave.';
    case 'erased':
      return `Deleted from this device. Nothing more is kept in this tab unless you agree to storage. ${
        siteStores ? SITE_STORES_AGAIN : 'This page forgets what you do now when you leave.'
      }`;
    case 'closed':
      return 'A newer version of this site took over its storage in another tab: what you do now is kept for this page view only.';
    case 'fallback':
      return 'This browser’s storage is unavailable (blocked or full): kept for this page view only, and forgotten when you leave.';
    default:
      return 'Kept for this page view only, and forgotten when you leave.';
  }
}

/**
 * What the panel says before the interests: that nothing leaves the device,
 * where it is kept and for how long, what reports the site may receive, and
 * whether personalization is paused or the visitor is in the site's holdout.
 * `settings`, `reporting`, `site` and `holdout` come from the export, which
 * arrives after the first render: until then the durations are the defaults.
 */
export function panelStatus(
  attune: Attune,
  settings: AttuneExport['settings'] | undefined,
  reporting: AttuneExport['reporting'],
  site: ConsentState | undefined,
  holdout?: AttuneExport['holdout'],
): HTMLElement[] {
  const halfLife = settings ? duration(settings.halfLifeMs) : '14 days';
  const kept = settings ? duration(settings.maxEventAgeMs) : '90 days';
  const paragraphs = [
    element('p', { textContent: 'What this site has learned from what you do here. It stays on this device: nothing about you is sent anywhere.' }),
    // How long things are kept matters only where they are kept across visits.
    mutedParagraph(
      `${storageText(attune, site)} ${attune.status === 'indexeddb' ? `What you did is kept for up to ${kept}; i` : 'I'}nterests fade by half every ${halfLife}.`,
    ),
  ];
  if (reporting) {
    const last = reporting.lastSentAt === undefined ? 'none sent yet' : `the last on ${new Date(reporting.lastSentAt).toLocaleDateString()}`;
    paragraphs.push(
      mutedParagraph(
        `The site may receive one anonymous report at most every ${duration(reporting.periodMs)}, randomized on this device so it reveals little about you (privacy budget ε = ${reporting.epsilon} per report; ${last}).`,
      ),
    );
  }
  if (attune.paused) paragraphs.push(mutedParagraph('Personalization is paused: nothing is learned, and the site shows its own order.'));
  if (holdout?.group === 'holdout') {
    paragraphs.push(
      mutedParagraph(`${HOLDOUT_TEXT}: so the site can measure what personalization is worth, it still learns your interests but does not reorder anything for you.`),
    );
  }
  return paragraphs;
}
