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
import type { Attune, AttuneExport } from '../types';
import type { QueuedCall } from '../script-config';
import { controlByKey, warnFailed, type PanelButton } from './controls';
import { element, mutedParagraph } from './elements';
import { interestsList } from './interests-list';
import { deletionConfirmation, panelActions, type ConfirmDeletion } from './panel-actions';
import { panelStatus } from './panel-status';
import { panelStyles } from './panel-styles';
import { surpriseDial } from './surprise-dial';

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

/** The panel's landmark: a region named by its heading, "Your interests". */
function panelRegion(...content: HTMLElement[]): HTMLElement {
  const heading = element('h2', { id: 'attune-panel-heading', textContent: 'Your interests' });
  const region = element('section', {}, heading, ...content);
  region.setAttribute('role', 'region');
  region.setAttribute('aria-labelledby', heading.id);
  return region;
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
    _confirmDeletion: ConfirmDeletion = (asking) => {
      this._confirming = asking;
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
      if (!attune) {
        root.replaceChildren(panelRegion(mutedParagraph('Loading what this site has learned…')));
        return;
      }
      root.replaceChildren(
        panelRegion(
          ...panelStatus(attune, this._settings, this._reporting),
          interestsList(attune, this._button),
          surpriseDial(attune),
          this._confirming ? deletionConfirmation(attune, this._button, this._confirmDeletion) : panelActions(attune, this._button, root, this._confirmDeletion),
        ),
      );
      // Re-rendering replaces every node: put focus back on the same control if it still exists.
      if (focused) controlByKey(root, focused)?.focus();
    }

    _button: PanelButton = (content, key, action, className = '') => {
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
            if (root && !root.activeElement && key === 'confirm-erase') controlByKey(root, 'erase')?.focus();
          });
      });
      return button;
    };
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
