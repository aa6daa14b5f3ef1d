/**
 * `<attune-panel>`: the visitor's view of what Attune has learned about them on
 * this site, with "More", "Less" and "Remove" for each interest, a dial from
 * "more of what I like" to "surprise me", a pause of personalization, a
 * download of everything kept, and erase. Loaded on demand: it is not part of the core
 * bundle, and it uses only the public {@link Attune} API.
 *
 * Rendered with DOM APIs into a shadow root and styled with a constructed
 * stylesheet, so it works under a Content Security Policy without
 * `'unsafe-inline'` and neither takes nor leaks the host page's styles.
 */
import type { Attune, AttuneExport, LearnedFeature } from '../types';
import type { QueuedCall } from '../script-config';
import { featureLabel } from '../words';

/** The element `definePanel()` registers. */
export interface AttunePanelElement extends HTMLElement {
  /** The instance whose profile the panel shows; it renders again when set. */
  attune: Attune | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'attune-panel': AttunePanelElement;
  }
}

const TAG = 'attune-panel';
/** Interests shown, strongest first: the long tail of weak features says little to a visitor. */
const MAX_INTERESTS = 10;
const DAY_MS = 86_400_000;
/** The surprise dial's stops, from 0 to 1 in even steps, in the words its aria-valuetext gives each. */
const SURPRISE_STOPS = ['More of what I like', 'Mostly what I like', 'Some of each', 'More surprises', 'Surprise me'];

const CSS = `
:host {
  display: block;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #4a4a55; --line: #d0d0d8;
  --track: #e8e8ee; --bar: #2456c9; --focus: #1a4fd0; --danger: #b3261e;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg);
}
:host([hidden]) { display: none; }
@media (prefers-color-scheme: dark) {
  :host {
    --bg: #1c1c21; --fg: #f1f1f4; --muted: #b9b9c4; --line: #4a4a55;
    --track: #33333b; --bar: #8fb0ff; --focus: #9dbbff; --danger: #ff9c94;
  }
}
section { background: var(--bg); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
h2 { font-size: 1.05em; margin: 0 0 6px; }
p { margin: 0 0 8px; }
.muted { color: var(--muted); font-size: 0.92em; }
ul { list-style: none; margin: 10px 0; padding: 0; }
li { display: grid; grid-template-columns: minmax(5em, 8em) 1fr auto; grid-template-areas: "label bar weight" "actions actions actions"; gap: 4px 8px; align-items: center; padding: 6px 0; border-top: 1px solid var(--line); }
li:first-child { border-top: 0; }
.label { grid-area: label; font-weight: 600; overflow-wrap: anywhere; }
.track { grid-area: bar; height: 10px; border-radius: 5px; background: var(--track); overflow: hidden; }
.fill { display: block; height: 100%; border-radius: 5px; background: var(--bar); transition: width 0.25s ease; }
.avoided .fill { background: var(--muted); }
.weight { grid-area: weight; font-variant-numeric: tabular-nums; color: var(--muted); font-size: 0.92em; min-width: 3ch; text-align: end; }
.row-actions { grid-area: actions; display: flex; gap: 6px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
button {
  font: inherit; font-size: 0.92em; color: var(--fg); background: transparent;
  border: 1px solid var(--line); border-radius: 6px; padding: 3px 10px; cursor: pointer;
  transition: background-color 0.15s ease;
}
button:hover { background: var(--track); }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
button.danger { color: var(--danger); border-color: currentColor; }
.dial { margin-top: 12px; padding-top: 10px; border-top: 1px solid var(--line); }
h3 { font-size: 1em; margin: 0 0 2px; }
input { display: block; width: 100%; margin: 10px 0 6px; accent-color: var(--bar); }
input:focus-visible { outline: 2px solid var(--focus); outline-offset: 3px; border-radius: 4px; }
input:disabled { opacity: 0.5; }
.ends { display: flex; justify-content: space-between; gap: 8px; }
.confirm { margin-top: 12px; padding: 10px; border: 1px solid var(--danger); border-radius: 8px; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (prefers-reduced-motion: reduce) {
  .fill, button { transition: none; }
}
`;

/** Constructed stylesheets are CSP-safe; where they are missing the panel still works, unstyled. */
function panelStyles(): CSSStyleSheet[] {
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return [];
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  return [sheet];
}

/** `1209600000` → `14 days`. */
function duration(ms: number): string {
  const days = Math.round(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<Pick<HTMLElement, 'className' | 'textContent' | 'id'>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

/** Visible text plus words only a screen reader hears: `More` + ` tennis` reads "More tennis". */
function withHiddenText(visible: string, hidden: string): (Node | string)[] {
  return [visible, element('span', { className: 'sr', textContent: hidden })];
}

function warnFailed(error: unknown): void {
  console.warn('[attune] the panel could not do that', error);
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

function createPanelClass(): CustomElementConstructor {
  return class AttunePanel extends HTMLElement implements AttunePanelElement {
    _attune: Attune | undefined;
    _root: ShadowRoot | undefined;
    _settings: AttuneExport['settings'] | undefined;
    _reporting: AttuneExport['reporting'];
    _confirming = false;
    _busy = false;
    /** After the visitor clicks something on the page (a story), show what it taught. */
    _onPageClick = (event: Event): void => {
      if (event.composedPath().includes(this)) return;
      setTimeout(() => this._render(), 0);
    };

    get attune(): Attune | undefined {
      return this._attune;
    }

    set attune(attune: Attune | undefined) {
      this._attune = attune;
      this._settings = undefined;
      this._render();
      // The kept-for durations are the site's settings, which only the export carries.
      attune?.export().then(
        (exported) => {
          if (this._attune !== attune) return;
          this._settings = exported.settings;
          this._reporting = exported.reporting;
          this._render();
        },
        () => {},
      );
    }

    connectedCallback(): void {
      if (!this._root) {
        this._root = this.attachShadow({ mode: 'open' });
        this._root.adoptedStyleSheets = panelStyles();
      }
      document.addEventListener('click', this._onPageClick, true);
      this._render();
      if (!this._attune && typeof window !== 'undefined') {
        // Connected after the script tag handed out its instance: ask the queue, which runs at once once Attune is ready.
        const ask: QueuedCall = (attune) => {
          if (!this._attune) this.attune = attune;
        };
        (window.attune_queue ||= []).push(ask);
      }
    }

    disconnectedCallback(): void {
      document.removeEventListener('click', this._onPageClick, true);
    }

    _render(): void {
      const root = this._root;
      if (!root) return;
      const focused = root.activeElement instanceof HTMLElement ? root.activeElement.dataset.key : undefined;
      const attune = this._attune;
      const heading = element('h2', { id: 'attune-panel-heading', textContent: 'Your interests' });
      const region = element('section', {}, heading);
      region.setAttribute('role', 'region');
      region.setAttribute('aria-labelledby', heading.id);
      if (!attune) {
        region.append(element('p', { className: 'muted', textContent: 'Loading what this site has learned…' }));
        root.replaceChildren(region);
        return;
      }
      const halfLife = this._settings ? duration(this._settings.halfLifeMs) : '14 days';
      const kept = this._settings ? duration(this._settings.maxEventAgeMs) : '90 days';
      region.append(
        element('p', { textContent: 'What this site has learned from your reading. It stays on this device: nothing about you is sent anywhere.' }),
        element('p', { className: 'muted', textContent: `${storageText(attune)} What you did is kept for up to ${kept}; interests fade by half every ${halfLife}.` }),
      );
      const reporting = this._reporting;
      if (reporting) {
        const last = reporting.lastSentAt === undefined ? 'none sent yet' : `the last on ${new Date(reporting.lastSentAt).toLocaleDateString()}`;
        region.append(
          element('p', {
            className: 'muted',
            textContent: `The site may receive one anonymous report at most every ${duration(reporting.periodMs)}, randomized on this device so it reveals little about you (privacy budget ε = ${reporting.epsilon} per report; ${last}).`,
          }),
        );
      }
      if (attune.paused) {
        region.append(element('p', { className: 'muted', textContent: 'Personalization is paused: nothing is learned, and the site shows its own order.' }));
      }
      region.append(this._interests(attune.profile()), this._dial(attune), this._actions());
      root.replaceChildren(region);
      // Re-rendering replaces every node: put focus back on the same control if it still exists.
      const again = focused && Array.from(root.querySelectorAll<HTMLElement>('[data-key]')).find((control) => control.dataset.key === focused);
      if (again) again.focus();
    }

    _interests(profile: LearnedFeature[]): HTMLElement {
      const shown = profile
        .filter(({ weight }) => weight !== 0)
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, MAX_INTERESTS);
      if (shown.length === 0) return element('p', { className: 'muted', textContent: 'Nothing learned yet.' });
      const strongest = Math.abs(shown[0]!.weight);
      const list = element('ul');
      list.setAttribute('aria-label', 'Interests, strongest first');
      for (const { feature, weight } of shown) {
        const label = featureLabel(feature);
        const fill = element('span', { className: 'fill' });
        // CSSOM writes are allowed under a CSP that blocks inline style attributes.
        fill.style.width = `${Math.max(2, (Math.abs(weight) / strongest) * 100)}%`;
        const track = element('span', { className: 'track' }, fill);
        track.setAttribute('aria-hidden', 'true');
        const row = element(
          'li',
          { className: weight < 0 ? 'avoided' : '' },
          element('span', { className: 'label', textContent: label }),
          track,
          element('span', { className: 'weight' }, ...withHiddenText(weight.toFixed(1), weight < 0 ? ' (weight, avoided)' : ' (weight)')),
          element(
            'span',
            { className: 'row-actions' },
            this._button(withHiddenText('More', ` ${label}`), `more ${feature}`, this._reorderAfter(() => this._attune?.prefer(feature, 1))),
            this._button(withHiddenText('Less', ` ${label}`), `less ${feature}`, this._reorderAfter(() => this._attune?.prefer(feature, -1))),
            this._button(withHiddenText('Remove', ` ${label}`), `remove ${feature}`, this._reorderAfter(() => this._attune?.forget(feature))),
          ),
        );
        list.append(row);
      }
      return list;
    }

    /**
     * "What you see": the visitor's dial from "more of what I like" to
     * "surprise me". Turning it reorders the page's slots at once; while
     * personalization is paused the site's order shows whatever it says, so
     * it is disabled.
     */
    _dial(attune: Attune): HTMLElement {
      const step = 1 / (SURPRISE_STOPS.length - 1);
      // Tick marks at the stops, so the few places the dial has are seen before it is moved.
      const ticks = element('datalist', { id: 'attune-dial-stops' }, ...SURPRISE_STOPS.map((_, stop) => new Option('', String(stop * step))));
      const slider = element('input', { id: 'attune-dial' });
      slider.type = 'range';
      slider.max = '1';
      slider.step = String(step);
      slider.setAttribute('list', ticks.id);
      slider.value = String(attune.surprise);
      slider.disabled = attune.paused;
      slider.dataset.key = 'surprise';
      slider.setAttribute('aria-describedby', 'attune-dial-help');
      // The numbers mean nothing to a visitor: a screen reader says where the dial stands in words.
      const describe = () => slider.setAttribute('aria-valuetext', SURPRISE_STOPS[Math.round(Number(slider.value) / step)]!);
      describe();
      slider.addEventListener('input', describe);
      // Not rendered again: the slider already shows the new place, and replacing it would make a screen reader announce it anew.
      slider.addEventListener('change', () => {
        attune
          .setSurprise(Number(slider.value))
          // The slots follow even if keeping the setting failed: it still holds for this page view.
          .finally(() => attune.apply())
          .catch(warnFailed);
      });
      const title = element('label', { textContent: 'What you see' });
      title.htmlFor = slider.id;
      return element(
        'div',
        { className: 'dial' },
        element('h3', {}, title),
        element('p', { className: 'muted', id: 'attune-dial-help', textContent: 'Toward “Surprise me”, the site mixes in things unlike what you usually pick, and some you have not tried yet.' }),
        slider,
        ticks,
        element('div', { className: 'ends muted' }, element('span', { textContent: SURPRISE_STOPS[0] }), element('span', { textContent: SURPRISE_STOPS[SURPRISE_STOPS.length - 1] })),
      );
    }

    _actions(): HTMLElement {
      if (this._confirming) {
        const box = element(
          'div',
          { className: 'confirm' },
          element('p', { textContent: 'Delete everything this site has learned about you on this device? This cannot be undone.' }),
        );
        box.setAttribute('role', 'group');
        box.setAttribute('aria-label', 'Confirm deletion');
        const buttons = element(
          'div',
          { className: 'actions' },
          this._button(['Yes, delete everything'], 'confirm-erase', this._reorderAfter(() => this._erase()), 'danger'),
          // Shares its key with "Delete everything": focus lands on Cancel, the safe choice, and returns when cancelled.
          this._button(['Cancel'], 'erase', () => {
            this._confirming = false;
          }),
        );
        box.append(buttons);
        return box;
      }
      const paused = this._attune?.paused === true;
      // A toggle button: its name stays, aria-pressed says whether it is on.
      const pause = this._button(['Pause personalization'], 'pause', this._reorderAfter(() => (paused ? this._attune?.resume() : this._attune?.pause())));
      pause.setAttribute('aria-pressed', String(paused));
      return element(
        'div',
        { className: 'actions' },
        pause,
        this._button(['Download my data'], 'download', () => this._download()),
        this._button(['Delete everything'], 'erase', () => {
          this._confirming = true;
        }, 'danger'),
      );
    }

    /** An action that changes how the page is ranked, followed by ordering its slots again, so the visitor sees what they asked for. */
    _reorderAfter(action: () => unknown): () => Promise<void> {
      return () => Promise.resolve(action()).then(() => this._attune?.apply());
    }

    /** A button that runs `action`, then renders again; `key` finds it again after a render. */
    _button(content: (Node | string)[], key: string, action: () => unknown, className = ''): HTMLButtonElement {
      const button = element('button', { className }, ...content);
      button.type = 'button';
      button.dataset.key = key;
      button.addEventListener('click', () => {
        if (this._busy) return;
        this._busy = true;
        Promise.resolve()
          .then(action)
          .catch(warnFailed)
          .finally(() => {
            this._busy = false;
            this._render();
            // A button that went away (the confirmation closing) hands focus to the one that opened it.
            const root = this._root;
            if (root && !root.activeElement && key === 'confirm-erase') root.querySelector<HTMLElement>('[data-key="erase"]')?.focus();
          });
      });
      return button;
    }

    async _download(): Promise<void> {
      const attune = this._attune;
      if (!attune || !this._root) return;
      const exported = await attune.export();
      const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
      const link = element('a');
      link.href = url;
      link.download = `attune-${exported.namespace}.json`;
      link.hidden = true;
      this._root.append(link);
      link.click();
      link.remove();
      // The download has started from the click; the URL is no longer needed after this task.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }

    async _erase(): Promise<void> {
      this._confirming = false;
      await this._attune?.erase();
    }
  };
}

/**
 * Registers `<attune-panel>` once; later calls do nothing, and so does a page
 * without custom elements.
 *
 * @example
 * ```ts
 * import { createAttune } from 'attune';
 * import { definePanel } from 'attune/panel';
 * definePanel();
 * document.querySelector('attune-panel')!.attune = await createAttune();
 * ```
 */
export function definePanel(): void {
  if (typeof customElements === 'undefined' || customElements.get(TAG)) return;
  customElements.define(TAG, createPanelClass());
}

export { enableWhyThis } from './why-this';
