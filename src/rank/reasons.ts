import type { Reason } from '../types';
import {
  CALIBRATED_TEXT,
  COLLABORATIVE_TEXT,
  DIFFERENT_TEXT,
  EXPLORED_TEXT,
  FRESH_TEXT,
  PINNED_TEXT,
  POPULAR_TEXT,
  SEEN_TEXT,
  SIMILAR_CONTENT_TEXT,
  cappedText,
  siteOrderText,
} from '../words';

export function interestReason(feature: string, contribution: number, context: string | undefined, text: string): Reason {
  const reason: Reason = { kind: 'interest', feature, contribution, text };
  if (context !== undefined) reason.context = context;
  return reason;
}

export function siteOrderReason(position: number): Reason {
  return { kind: 'site-order', position, text: siteOrderText(position) };
}

export function pinnedReason(position: number): Reason {
  return { kind: 'pinned', position, text: PINNED_TEXT };
}

/** The blend's parts with reasons, in the order rank() lists them, as a visitor would read them. */
const PART_REASONS = [
  ['collaborative', COLLABORATIVE_TEXT],
  ['similar-content', SIMILAR_CONTENT_TEXT],
  ['popular', POPULAR_TEXT],
  ['fresh', FRESH_TEXT],
] as const;

export function partReason(part: number, contribution: number): Reason {
  const [kind, text] = PART_REASONS[part]!;
  return { kind, contribution, text };
}

export function differentReason(): Reason {
  return { kind: 'different', text: DIFFERENT_TEXT };
}

export function cappedReason(prefix: string, most: number): Reason {
  return { kind: 'capped', prefix, text: cappedText(prefix, most) };
}

export function seenReason(): Reason {
  return { kind: 'seen', text: SEEN_TEXT };
}

export function calibratedReason(): Reason {
  return { kind: 'calibrated', text: CALIBRATED_TEXT };
}

export function exploredReason(): Reason {
  return { kind: 'explored', text: EXPLORED_TEXT };
}
