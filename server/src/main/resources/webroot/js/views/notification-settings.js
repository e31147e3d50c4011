// A conversation's notification settings for this user: all, mentions or nothing, and muting for a while.

import { h } from '../dom.js';
import { state, emit } from '../store.js';
import { api } from '../api.js';
import { openDialog, showError } from './dialog.js';
import { levelOf, isMuted, permission, enable } from '../notifications.js';
import { fullTime } from '../format.js';

const MUTES = [
  ['', 'Not muted'],
  ['3600', 'For 1 hour'],
  ['28800', 'For 8 hours'],
  ['86400', 'For 24 hours'],
  ['604800', 'For a week'],
  ['forever', 'Until I unmute it'],
];

export function openNotificationSettings(convId) {
  const conv = state.conversations.get(convId);
  if (!conv) return;
  openDialog({
    title: 'Notifications',
    testid: 'notification-settings-dialog',
    body: ({ close }) => {
      const error = h('p', { class: 'form-error', testid: 'notification-settings-error', role: 'alert', hidden: true });
      const level = levelOf(conv);
      const radios = ['all', 'mentions', 'none'].map((value) => h('label', { class: 'check' },
        h('input', { type: 'radio', name: 'notify', value, testid: `notify-${value}`, checked: level === value }),
        { all: 'Every message', mentions: 'Only @mentions, @here and @channel', none: 'Nothing' }[value]));
      const mute = h('select', { class: 'input', testid: 'notify-mute', 'aria-label': 'Mute' },
        MUTES.map(([value, label]) => h('option', { value }, label)));
      const mutedNow = isMuted(conv);
      const status = mutedNow ? h('p', { class: 'muted small', testid: 'notify-muted-until' }, `Muted until ${fullTime(conv.muted_until)}.`) : null;
      const save = h('button', { type: 'submit', class: 'button button-primary', testid: 'notification-settings-save' }, 'Save');
      const blocked = permission() === 'denied'
        ? h('p', { class: 'muted small' }, 'This browser blocks notifications from Parley; allow them in its site settings.')
        : permission() === 'default'
          ? h('p', { class: 'muted small' }, 'Desktop notifications are off in this browser. ',
            h('button', { type: 'button', class: 'link-button', onclick: () => enable() }, 'Turn them on'))
          : null;
      return h('form', {
        class: 'form', testid: 'notification-settings-form',
        onsubmit: async (e) => {
          e.preventDefault();
          const notify = radios.map((r) => r.querySelector('input')).find((i) => i.checked)?.value || level;
          let mutedUntil = mutedNow && mute.value === '' && mute.dataset.touched !== '1' ? conv.muted_until : null;
          if (mute.value === 'forever') mutedUntil = '9999-12-31T00:00:00Z';
          else if (mute.value) mutedUntil = new Date(Date.now() + Number(mute.value) * 1000).toISOString();
          save.disabled = true;
          try {
            await api.setNotifications(convId, { notify, muted_until: mutedUntil });
            conv.notify = notify;
            conv.muted_until = mutedUntil;
            emit('conversations', convId);
            close();
          } catch (err) {
            showError(error, err);
            save.disabled = false;
          }
        },
      },
      h('fieldset', { class: 'radio-group' }, h('legend', { class: 'field-label' }, 'Notify me of'), radios),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Mute'), mute),
      status, blocked, error,
      h('div', { class: 'dialog-actions' }, save));
    },
  });
}
