// Bottom of the sidebar: who I am, my status, and account actions.

import { h, coalesce } from '../dom.js';
import { state, on } from '../store.js';
import { displayName } from '../format.js';
import { STATUSES, myChosenStatus, myDisplayedStatus, setMyStatus } from '../presence.js';
import { avatarWithPresence } from './avatar.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

const STATUS_LABELS = { auto: 'Automatic', online: 'Online', idle: 'Idle', dnd: 'Do not disturb', invisible: 'Invisible' };

export function mountUserPanel({ onProfile, onSessions, onAccount, onLogout }) {
  const who = h('button', { type: 'button', class: 'me-button', testid: 'profile-button', title: 'Edit profile', onclick: onProfile });
  const select = h('select', {
    class: 'status-select', testid: 'status-select', 'aria-label': 'Your status',
    onchange: async () => {
      try {
        await setMyStatus(select.value);
      } catch (e) {
        toast(e.message, 'error');
      }
    },
  }, STATUSES.map((s) => h('option', { value: s }, STATUS_LABELS[s])));
  const el = h('div', { class: 'user-panel', testid: 'user-panel' },
    who,
    h('div', { class: 'user-panel-actions' },
      select,
      h('button', { type: 'button', class: 'icon-button', testid: 'account-button', title: 'Account: password, bots, deletion', 'aria-label': 'Account settings', onclick: onAccount }, icon('key')),
      h('button', { type: 'button', class: 'icon-button', testid: 'sessions-button', title: 'Devices and sessions', 'aria-label': 'Devices and sessions', onclick: onSessions }, icon('devices')),
      h('button', { type: 'button', class: 'icon-button', testid: 'logout', title: 'Log out', 'aria-label': 'Log out', onclick: onLogout }, icon('logout'))));

  const render = () => {
    const me = state.me;
    who.disabled = !me; // the profile dialog edits what we know of ourselves: wait until we know it
    who.replaceChildren(
      avatarWithPresence(me, 32, myDisplayedStatus()),
      h('span', { class: 'me-text' },
        h('span', { class: 'me-name', testid: 'my-display-name' }, me ? displayName(me) : '…'),
        h('span', { class: 'me-sub muted' }, me ? me.status_text || `@${me.username}` : '')));
    if (document.activeElement !== select) select.value = myChosenStatus();
  };
  const schedule = coalesce(render);
  on('me', schedule);
  on('connection', schedule);
  render();
  return el;
}
