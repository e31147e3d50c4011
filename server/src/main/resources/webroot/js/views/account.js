// Account settings: change the password (signs out every other device), manage bots, delete the account.

import { h } from '../dom.js';
import { api } from '../api.js';
import { state } from '../store.js';
import { session } from '../session.js';
import { openDialog, confirmDialog, showError } from './dialog.js';
import { openBots } from './bots.js';
import { toast } from './toast.js';

function field(label, input) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input);
}

export function openAccount() {
  openDialog({
    title: 'Account',
    testid: 'account-dialog',
    body: ({ close }) => {
      const current = h('input', { class: 'input', type: 'password', testid: 'current-password', autocomplete: 'current-password' });
      const next = h('input', { class: 'input', type: 'password', testid: 'new-password', autocomplete: 'new-password' });
      const passwordError = h('p', { class: 'form-error', testid: 'password-error', role: 'alert', hidden: true });
      const save = h('button', { type: 'submit', class: 'button button-primary', testid: 'password-save' }, 'Change password');
      const passwordForm = h('form', {
        class: 'form', testid: 'password-form', novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          if (next.value.length < 8) {
            showError(passwordError, { message: 'Passwords need at least 8 characters.' });
            return;
          }
          save.disabled = true;
          showError(passwordError, null);
          try {
            await api.changePassword(current.value, next.value);
            current.value = '';
            next.value = '';
            toast('Password changed. Your other devices were signed out.');
          } catch (err) {
            showError(passwordError, err);
          } finally {
            save.disabled = false;
          }
        },
      },
      h('h3', { class: 'section-title' }, 'Password'),
      field('Current password', current),
      field('New password (8 characters or more)', next),
      passwordError,
      h('div', { class: 'dialog-actions' }, save));

      const deletePassword = h('input', { class: 'input', type: 'password', testid: 'delete-password', autocomplete: 'current-password', placeholder: 'Your password, to confirm' });
      const deleteError = h('p', { class: 'form-error', testid: 'delete-error', role: 'alert', hidden: true });
      const deleteButton = h('button', {
        type: 'button', class: 'button button-danger', testid: 'delete-account',
        onclick: async () => {
          const ok = await confirmDialog({
            title: 'Delete your account?',
            message: 'Your messages stay, shown as from a deleted user. You leave every channel, your bots are deleted, and this cannot be undone.',
            confirmLabel: 'Delete my account',
          });
          if (!ok) return;
          showError(deleteError, null);
          session.expectEnd('Your account was deleted.');
          try {
            await api.deleteMe(deletePassword.value);
            close();
            session.expire('Your account was deleted.');
          } catch (err) {
            session.expectEnd(null);
            showError(deleteError, err);
          }
        },
      }, 'Delete account');

      return h('div', { class: 'form' },
        passwordForm,
        h('div', { class: 'danger-zone' },
          h('button', { type: 'button', class: 'button', testid: 'open-bots', onclick: () => { close(); openBots(); } }, 'Bots and API tokens')),
        h('div', { class: 'form danger-zone' },
          h('h3', { class: 'section-title' }, 'Delete account'),
          h('p', { class: 'muted small' }, `Deletes @${state.me?.username || ''} for good.`),
          deletePassword, deleteError, deleteButton));
    },
  });
}
