// Devices: every session of this account, each of which can be logged out.

import { h } from '../dom.js';
import { api } from '../api.js';
import { fullTime, shortTime } from '../format.js';
import { openDialog, showError } from './dialog.js';
import { session } from '../session.js';

export function openSessions() {
  openDialog({
    title: 'Devices',
    testid: 'sessions-dialog',
    wide: true,
    body: ({ close }) => {
      const list = h('ul', { class: 'session-list', testid: 'session-list' });
      const error = h('p', { class: 'form-error', testid: 'sessions-error', role: 'alert', hidden: true });
      const status = h('p', { class: 'muted' }, 'Loading…');

      async function revoke(s, button) {
        button.disabled = true;
        showError(error, null);
        try {
          await api.revokeSession(s.id);
          if (s.current) {
            close();
            session.expire('You logged this device out.');
            return;
          }
          await load();
        } catch (e) {
          showError(error, e);
          button.disabled = false;
        }
      }

      function row(s) {
        const button = h('button', { type: 'button', class: 'button button-danger', testid: 'session-revoke' }, 'Log out this device');
        button.addEventListener('click', () => revoke(s, button));
        return h('li', { class: 'session-item', testid: 'session-item', dataset: { sessionId: s.id, current: s.current ? 'true' : 'false' } },
          h('div', { class: 'session-text' },
            h('div', { class: 'session-name', testid: 'session-device' }, s.device_name || 'Unknown device',
              s.current ? h('span', { class: 'pill', testid: 'session-current' }, 'This device') : null),
            h('div', { class: 'muted small' },
              h('span', { title: fullTime(s.created_at) }, `Signed in ${shortTime(s.created_at)}`),
              s.last_seen_at ? h('span', { title: fullTime(s.last_seen_at) }, ` · last seen ${shortTime(s.last_seen_at)}`) : null)),
          button);
      }

      async function load() {
        try {
          const res = await api.sessions();
          const sessions = (res?.sessions || []).slice().sort((a, b) => (b.current ? 1 : 0) - (a.current ? 1 : 0));
          list.replaceChildren(...sessions.map(row));
          status.textContent = sessions.length ? '' : 'No sessions.';
        } catch (e) {
          status.textContent = '';
          showError(error, e);
        }
      }
      load();
      return h('div', null, h('p', { class: 'muted' }, 'Each login is a device with its own token. Logging a device out signs it out at once.'), error, status, list);
    },
  });
}
