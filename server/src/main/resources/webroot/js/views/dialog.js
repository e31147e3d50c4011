// Modal dialogs on the native <dialog> element (focus trapping and Escape come for free).

import { h } from '../dom.js';

/**
 * Opens a modal. body is a Node (or a function receiving {close} and returning a Node).
 * Returns {el, close}.
 */
export function openDialog({ title, testid, body, onClose, wide = false }) {
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const dialog = h('dialog', { class: `dialog${wide ? ' dialog-wide' : ''}`, testid, 'aria-labelledby': titleId });
  let closed = false;
  // Cleans up directly rather than on the 'close' event, which hidden tabs may not deliver.
  const api = {
    el: dialog,
    close() {
      if (closed) return;
      closed = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (onClose) onClose();
    },
  };
  const closeBtn = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', testid: 'dialog-close', onclick: () => api.close() }, '✕');
  const content = typeof body === 'function' ? body(api) : body;
  dialog.append(
    h('header', { class: 'dialog-head' }, h('h2', { id: titleId }, title), closeBtn),
    h('div', { class: 'dialog-body' }, content),
  );
  dialog.addEventListener('close', () => api.close());
  dialog.addEventListener('click', (e) => { if (e.target === dialog) api.close(); });
  document.body.append(dialog);
  dialog.showModal();
  const first = dialog.querySelector('[autofocus], input, textarea, select');
  if (first) first.focus();
  return api;
}

/** A yes/no question; resolves true only when the user confirms. */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = true }) {
  return new Promise((resolve) => {
    let answer = false;
    const dlg = openDialog({
      title,
      testid: 'confirm-dialog',
      onClose: () => resolve(answer),
      body: ({ close }) => h('div', null,
        h('p', { class: 'confirm-text' }, message),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button', testid: 'confirm-cancel', onclick: () => close() }, 'Cancel'),
          h('button', {
            type: 'button',
            class: `button ${danger ? 'button-danger' : 'button-primary'}`,
            testid: 'confirm-ok',
            onclick: () => { answer = true; close(); },
          }, confirmLabel),
        )),
    });
    dlg.el.querySelector('[data-testid="confirm-ok"]').focus();
  });
}

/** Shows an API error inside a form's error slot. */
export function showError(slot, error) {
  if (!error) {
    slot.textContent = '';
    slot.hidden = true;
    return;
  }
  const retry = error.retryAfterMs ?? error.retry_after_ms;
  slot.textContent = error.message + (retry ? ` (try again in ${Math.ceil(retry / 1000)} s)` : '');
  if (error.code) slot.dataset.errorCode = error.code;
  slot.hidden = false;
}
