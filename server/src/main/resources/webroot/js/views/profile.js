// Profile dialog: display name, avatar URL and status text (PATCH /users/me).

import { h } from '../dom.js';
import { state } from '../store.js';
import { safeHttpUrl } from '../format.js';
import { updateProfile } from '../actions.js';
import { openDialog, showError } from './dialog.js';
import { avatar } from './avatar.js';
import { toast } from './toast.js';

export function openProfile() {
  const me = state.me || {};
  openDialog({
    title: 'Your profile',
    testid: 'profile-dialog',
    body: ({ close }) => {
      const displayName = h('input', { class: 'input', testid: 'profile-display-name', value: me.display_name || '', maxlength: 64, autofocus: true });
      const avatarUrl = h('input', { class: 'input', type: 'url', testid: 'profile-avatar-url', value: me.avatar_url || '', placeholder: 'https://…' });
      const statusText = h('input', { class: 'input', testid: 'profile-status-text', value: me.status_text || '', maxlength: 128, placeholder: 'What are you up to?' });
      const preview = h('div', { class: 'profile-preview' });
      const error = h('p', { class: 'form-error', testid: 'profile-error', role: 'alert', hidden: true });
      const save = h('button', { type: 'submit', class: 'button button-primary', testid: 'profile-save' }, 'Save');

      const renderPreview = () => preview.replaceChildren(
        avatar({ ...me, display_name: displayName.value || me.username, avatar_url: avatarUrl.value }, 64),
        h('div', null, h('div', { class: 'me-name' }, displayName.value || me.username || ''), h('div', { class: 'muted' }, `@${me.username || ''}`)));
      displayName.addEventListener('input', renderPreview);
      avatarUrl.addEventListener('change', renderPreview);
      renderPreview();

      return h('form', {
        class: 'form', testid: 'profile-form', novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          const url = avatarUrl.value.trim();
          if (url && !safeHttpUrl(url)) {
            showError(error, { message: 'The avatar must be an http:// or https:// address.' });
            return;
          }
          save.disabled = true;
          showError(error, null);
          try {
            await updateProfile({ display_name: displayName.value.trim(), avatar_url: url, status_text: statusText.value.trim() });
            toast('Profile saved.');
            close();
          } catch (err) {
            showError(error, err);
            save.disabled = false;
          }
        },
      },
      preview,
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Display name'), displayName),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Avatar URL'), avatarUrl),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Status text'), statusText),
      error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Cancel'),
        save));
    },
  });
}
