import type { Attune, LearnedFeature } from '../types';
import { featureKind, featureLabel, featureValue } from '../words';
import { reorderAfter, type PanelButton } from './controls';
import { element, mutedParagraph, withHiddenText } from './elements';

/**
 * An interest is listed up front when it holds at least this share of the
 * profile's total weight (liked and avoided alike): one twentieth of what
 * the profile has learned moves an item by no more than a twentieth of what
 * the whole profile can, and listing every such crumb beside the interests
 * that do matter hides them. The rest wait under "and N more".
 */
const SHARE_UP_FRONT = 0.05;
/** At most this many up front, strongest first, however even the profile is. */
const MOST_UP_FRONT = 8;
/** Weights show with one decimal: below this they would read 0.0, so they get no row of their own. */
const SHOWN_AT_LEAST = 0.05;

/** How the panel remembers, across its renders, whether the visitor opened "and N more". */
export interface MoreInterests {
  open: boolean;
}

/** A bar as long as the weight is strong, next to the strongest shown; avoided interests are greyed by the row's class. */
function weightBar(weight: number, strongest: number): HTMLElement {
  const fill = element('span', { className: 'fill' });
  // CSSOM writes are allowed under a CSP that blocks inline style attributes.
  fill.style.width = `${Math.max(2, (Math.abs(weight) / strongest) * 100)}%`;
  const track = element('span', { className: 'track' }, fill);
  track.setAttribute('aria-hidden', 'true');
  return track;
}

/** One interest: its kind and value, bar and weight, and "More", "Less" and "Remove", each of which orders the page's slots again. */
function interestRow({ feature, weight }: LearnedFeature, strongest: number, attune: Attune, button: PanelButton): HTMLLIElement {
  const label = featureLabel(feature);
  const rowButton = (word: string, key: string, action: () => unknown) =>
    button(withHiddenText(word, ` ${label}`), `${key} ${feature}`, reorderAfter(attune, action));
  return element(
    'li',
    { className: weight < 0 ? 'avoided' : '' },
    element('span', { className: 'label' }, element('span', { className: 'kind', textContent: featureKind(feature) }), ` ${featureValue(feature)}`),
    weightBar(weight, strongest),
    element('span', { className: 'weight' }, ...withHiddenText(weight.toFixed(1), weight < 0 ? ' (weight, avoided)' : ' (weight)')),
    element(
      'span',
      { className: 'row-actions' },
      rowButton('More', 'more', () => attune.prefer(feature, 1)),
      rowButton('Less', 'less', () => attune.prefer(feature, -1)),
      rowButton('Remove', 'remove', () => attune.forget(feature)),
    ),
  );
}

/** The interests that matter, strongest first, and the rest, still with a weight that shows, under "and N more". */
function splitInterests(profile: readonly LearnedFeature[]) {
  const total = profile.reduce((sum, { weight }) => sum + Math.abs(weight), 0);
  const listed = profile.filter(({ weight }) => Math.abs(weight) >= SHOWN_AT_LEAST).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  // The strongest always: a profile spread evenly over many interests still has one to show.
  const upFront = listed.filter(({ weight }, at) => at === 0 || Math.abs(weight) >= SHARE_UP_FRONT * total).slice(0, MOST_UP_FRONT);
  return { upFront, more: listed.slice(upFront.length), faint: profile.length - listed.length };
}

/**
 * The visitor's interests that matter, strongest first, liked and avoided
 * alike; the weaker ones under "and N more", which stays open across the
 * panel's renders once the visitor opens it; and a count of those too faint
 * to show a weight.
 */
export function interestsList(attune: Attune, button: PanelButton, more: MoreInterests): HTMLElement {
  const { upFront, more: rest, faint } = splitInterests(attune.profile());
  if (upFront.length === 0) return mutedParagraph(faint ? 'Nothing strong enough to show yet.' : 'Nothing learned yet.');
  const strongest = Math.abs(upFront[0]!.weight);
  const rows = (interests: LearnedFeature[], name: string) => {
    const list = element('ul', {}, ...interests.map((interest) => interestRow(interest, strongest, attune, button)));
    list.setAttribute('aria-label', name);
    return list;
  };
  const section = element('div', { className: 'interests' }, rows(upFront, 'Interests, strongest first'));
  if (rest.length) {
    const summary = element('summary', { textContent: `and ${rest.length} more` });
    summary.dataset.key = 'more-interests';
    const details = element('details', {}, summary, rows(rest, 'Weaker interests'));
    details.open = more.open;
    details.addEventListener('toggle', () => (more.open = details.open));
    section.append(details);
  }
  if (faint) section.append(mutedParagraph(`${faint === 1 ? 'One more is' : `${faint} more are`} too faint to list (weight under ${SHOWN_AT_LEAST}).`));
  return section;
}
