import type { Reason } from '../types';

/** `topic:tennis` → `tennis`, `author:jane-doe` → `jane doe`. */
export function featureLabel(feature: string): string {
  const value = feature.slice(feature.indexOf(':') + 1) || feature;
  return value.replace(/[-_]+/g, ' ');
}

const BUCKET_PHRASES: Record<string, string> = {
  'daypart=morning': 'in the morning',
  'daypart=afternoon': 'in the afternoon',
  'daypart=evening': 'in the evening',
  'daypart=night': 'at night',
  'week=weekend': 'at weekends',
  'week=weekday': 'on weekdays',
};

/** What an interest reason says: the same for every item with the feature, so a ranking words it once. */
/** `daypart=morning` → `in the morning`. */
export function bucketPhrase(context: string): string {
  return BUCKET_PHRASES[context] ?? `when ${context.replace('=', ' is ')}`;
}

export function interestText(feature: string, lifted: boolean, context: string | undefined): string {
  const label = featureLabel(feature);
  const when = context === undefined ? '' : ` ${bucketPhrase(context)}`;
  return lifted ? `Your interest in ${label}${when}` : `Lower: you passed on ${label}${when}`;
}

export function interestReason(feature: string, contribution: number, context: string | undefined, text: string): Reason {
  const reason: Reason = { kind: 'interest', feature, contribution, text };
  if (context !== undefined) reason.context = context;
  return reason;
}

export function siteOrderReason(position: number): Reason {
  return { kind: 'site-order', position, text: position === 0 ? 'The site’s top pick' : `The site’s pick #${position + 1}` };
}

export function pinnedReason(position: number): Reason {
  return { kind: 'pinned', position, text: 'Pinned by the site' };
}

/** The blend's parts with reasons, in the order rank() lists them, as a visitor would read them. */
const PART_REASONS = [
  ['collaborative', 'Chosen by people who chose what you did'],
  ['similar-content', 'Like what you chose before'],
  ['popular', 'Popular on this site'],
  ['fresh', 'New on this site'],
] as const;

export function partReason(part: number, contribution: number): Reason {
  const [kind, text] = PART_REASONS[part]!;
  return { kind, contribution, text };
}

export function differentReason(): Reason {
  return { kind: 'different', text: 'Something different' };
}

/** `author`, 2 → "Lower: at most 2 from one author come first". */
export function cappedReason(prefix: string, most: number): Reason {
  return { kind: 'capped', prefix, text: `Lower: at most ${most} from one ${prefix.replace(/[-_]+/g, ' ')} come first` };
}

export function seenReason(): Reason {
  return { kind: 'seen', text: 'You have seen this' };
}

export function calibratedReason(): Reason {
  return { kind: 'calibrated', text: 'Keeps the mix you read' };
}

export function exploredReason(): Reason {
  return { kind: 'explored', text: 'Something new to try' };
}
