import type { Attune, AttuneExport } from '../types';
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

function storageText(attune: Attune): string {
  if (attune.consent.state === 'denied') return 'You declined storage: nothing is kept, and this page forgets it when you leave.';
  switch (attune.status) {
    case 'indexeddb':
      return 'Kept in this browser’s storage on this device, across visits.';
    case 'awaiting-consent':
      return 'Not stored yet: you have not agreed to storage, so this page forgets it when you leave.';
    default:
      return 'Kept for this page view only, and forgotten when you leave.';
  }
}

/**
 * What the panel says before the interests: that nothing leaves the device,
 * where it is kept and for how long, what reports the site may receive, and
 * whether personalization is paused or the visitor is in the site's holdout.
 * `settings`, `reporting` and `holdout` come from the export, which arrives
 * after the first render: until then the durations are the defaults.
 */
export function panelStatus(
  attune: Attune,
  settings: AttuneExport['settings'] | undefined,
  reporting: AttuneExport['reporting'],
  holdout?: AttuneExport['holdout'],
): HTMLElement[] {
  const halfLife = settings ? duration(settings.halfLifeMs) : '14 days';
  const kept = settings ? duration(settings.maxEventAgeMs) : '90 days';
  const paragraphs = [
    element('p', { textContent: 'What this site has learned from your reading. It stays on this device: nothing about you is sent anywhere.' }),
    mutedParagraph(`${storageText(attune)} What you did is kept for up to ${kept}; interests fade by half every ${halfLife}.`),
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
