import type { Attune } from '../types';
import { reorderAfter, type PanelButton } from './controls';
import { element } from './elements';

/** Opens or closes the panel's question "Delete everything…?"; the panel renders again after the button that called it. */
export type ConfirmDeletion = (asking: boolean) => void;

/** Saves everything kept about the visitor as a JSON file, through a hidden link clicked for them. */
async function downloadExport(attune: Attune, root: ShadowRoot): Promise<void> {
  const exported = await attune.export();
  const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
  const link = element('a');
  link.href = url;
  link.download = `attune-${exported.namespace}.json`;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Pause, download and erase, below the interests; the download's link goes into the panel's `root`. */
export function panelActions(attune: Attune, button: PanelButton, root: ShadowRoot, confirmDeletion: ConfirmDeletion): HTMLElement {
  const paused = attune.paused;
  // A toggle button: its name stays, aria-pressed says whether it is on.
  const pause = button(['Pause personalization'], 'pause', reorderAfter(attune, () => (paused ? attune.resume() : attune.pause())));
  pause.setAttribute('aria-pressed', String(paused));
  return element(
    'div',
    { className: 'actions' },
    pause,
    button(['Download my data'], 'download', () => downloadExport(attune, root)),
    button(['Delete everything'], 'erase', () => confirmDeletion(true), 'danger'),
  );
}

/** In place of the actions once "Delete everything" is pressed: nothing is erased until the visitor confirms. */
export function deletionConfirmation(attune: Attune, button: PanelButton, confirmDeletion: ConfirmDeletion): HTMLElement {
  const erase = () => {
    confirmDeletion(false);
    return attune.erase();
  };
  const box = element(
    'div',
    { className: 'confirm' },
    element('p', { textContent: 'Delete everything this site has learned about you on this device? This cannot be undone.' }),
    element(
      'div',
      { className: 'actions' },
      button(['Yes, delete everything'], 'confirm-erase', reorderAfter(attune, erase), 'danger'),
      // Shares its key with "Delete everything": focus lands on Cancel, the safe choice, and returns when cancelled.
      button(['Cancel'], 'erase', () => confirmDeletion(false)),
    ),
  );
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Confirm deletion');
  return box;
}
