// The admin page: accounts (search, deactivate/reactivate, admin rights, password reset links) and invites.

import { h, debounce } from '../dom.js';
import { api } from '../api.js';
import { isMe } from '../store.js';
import { displayName, fullTime } from '../format.js';
import { openDialog, showError } from './dialog.js';
import { toast } from './toast.js';

function field(label, input) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input);
}

export function openAdmin() {
  openDialog({
    title: 'Administration',
    testid: 'admin-dialog',
    wide: true,
    body: () => {
      const error = h('p', { class: 'form-error', testid: 'admin-error', role: 'alert', hidden: true });
      const panel = h('div', { class: 'form' });
      const tabs = {
        users: h('button', { type: 'button', class: 'tab', role: 'tab', testid: 'admin-tab-users', onclick: () => show('users') }, 'Users'),
        invites: h('button', { type: 'button', class: 'tab', role: 'tab', testid: 'admin-tab-invites', onclick: () => show('invites') }, 'Invites'),
      };

      function show(name) {
        for (const [key, tab] of Object.entries(tabs)) tab.setAttribute('aria-selected', String(key === name));
        showError(error, null);
        panel.replaceChildren(name === 'users' ? usersPanel() : invitesPanel());
      }

      async function act(work, done) {
        showError(error, null);
        try {
          await work();
          if (done) await done();
        } catch (err) {
          showError(error, err);
        }
      }

      function usersPanel() {
        const search = h('input', { class: 'input', type: 'search', testid: 'admin-search', placeholder: 'Search by username or name', autocapitalize: 'none', spellcheck: 'false' });
        const list = h('ul', { class: 'session-list', testid: 'admin-user-list' });
        const more = h('div');
        const linkSlot = h('div', { testid: 'reset-link-slot' });
        let cursor = null;

        function row(u) {
          const me = isMe(u.id);
          const buttons = [];
          if (!u.bot && !me) {
            buttons.push(h('button', {
              type: 'button', class: 'button button-small', testid: u.admin ? 'admin-unmake' : 'admin-make',
              onclick: () => act(() => api.adminSetAdmin(u.id, !u.admin), reload),
            }, u.admin ? 'Remove admin' : 'Make admin'));
          }
          if (!u.bot) {
            buttons.push(h('button', {
              type: 'button', class: 'button button-small', testid: 'admin-reset',
              onclick: () => act(async () => {
                const res = await api.adminPasswordReset(u.id);
                linkSlot.replaceChildren(h('div', { class: 'notice', testid: 'reset-link-notice' },
                  h('p', null, `A one-time link for ${displayName(u)} to set a new password (valid 24 hours):`),
                  h('p', { class: 'secret', testid: 'reset-link' }, res.reset_url)));
              }),
            }, 'Reset password'));
          }
          if (!me) {
            buttons.push(h('button', {
              type: 'button', class: `button button-small ${u.deactivated ? '' : 'button-danger-outline'}`,
              testid: u.deactivated ? 'admin-reactivate' : 'admin-deactivate',
              onclick: () => act(() => (u.deactivated ? api.adminReactivate(u.id) : api.adminDeactivate(u.id)), reload),
            }, u.deactivated ? 'Reactivate' : 'Deactivate'));
          }
          return h('li', { class: 'session-item', testid: 'admin-user', dataset: { userId: u.id, username: u.username } },
            h('div', { class: 'session-text' },
              h('div', { class: 'session-name' }, displayName(u),
                u.bot ? h('span', { class: 'pill pill-bot' }, 'BOT') : null,
                u.admin ? h('span', { class: 'pill', testid: 'admin-pill' }, 'admin') : null,
                u.deactivated ? h('span', { class: 'pill pill-danger', testid: 'deactivated-pill' }, 'deactivated') : null),
              h('div', { class: 'muted small' }, `@${u.username} · joined ${fullTime(u.created_at)}`)),
            h('div', { class: 'row-actions' }, buttons));
        }

        async function load(append) {
          try {
            const res = await api.adminUsers({ q: search.value.trim(), cursor: append ? cursor : null });
            const rows = (res?.users || []).map(row);
            if (append) list.append(...rows);
            else list.replaceChildren(...rows);
            cursor = res?.next_cursor || null;
            more.replaceChildren(cursor ? h('button', { type: 'button', class: 'button button-small', testid: 'admin-more', onclick: () => load(true) }, 'Load more') : '');
          } catch (err) {
            showError(error, err);
          }
        }
        function reload() { return load(false); }

        const newName = h('input', { class: 'input', testid: 'admin-new-username', placeholder: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 32 });
        const newPassword = h('input', { class: 'input', type: 'password', testid: 'admin-new-password', placeholder: 'initial password', autocomplete: 'new-password' });
        const createForm = h('form', {
          class: 'form', novalidate: true,
          onsubmit: (e) => {
            e.preventDefault();
            act(() => api.adminCreateUser(newName.value.trim(), newPassword.value), async () => {
              toast(`Account @${newName.value.trim().toLowerCase()} created.`);
              newName.value = '';
              newPassword.value = '';
              await reload();
            });
          },
        }, h('h3', { class: 'section-title' }, 'Create an account'),
        h('div', { class: 'form-grid' }, newName, newPassword),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button button-small', testid: 'admin-create-user' }, 'Create account')));

        search.addEventListener('input', debounce(reload, 200));
        reload();
        return h('div', { class: 'form' }, search, linkSlot, list, more, createForm);
      }

      function invitesPanel() {
        const list = h('ul', { class: 'session-list', testid: 'invite-list' });
        const maxUses = h('input', { class: 'input', type: 'number', min: 1, testid: 'invite-max-uses', placeholder: 'Uses (empty: no limit)' });
        const days = h('input', { class: 'input', type: 'number', min: 1, testid: 'invite-days', placeholder: 'Days valid (empty: no expiry)' });

        function row(i) {
          const expired = i.expires_at && new Date(i.expires_at) < new Date();
          const usedUp = i.max_uses != null && i.uses >= i.max_uses;
          return h('li', { class: 'session-item', testid: 'invite-item', dataset: { code: i.code } },
            h('div', { class: 'session-text' },
              h('div', { class: 'secret', testid: 'invite-url' }, i.url),
              h('div', { class: 'muted small' },
                `${i.uses} of ${i.max_uses ?? '∞'} uses`,
                i.expires_at ? ` · expires ${fullTime(i.expires_at)}` : ' · no expiry',
                expired ? h('span', { class: 'pill pill-danger' }, 'expired') : null,
                usedUp ? h('span', { class: 'pill pill-muted' }, 'used up') : null)),
            h('button', {
              type: 'button', class: 'button button-small button-danger-outline', testid: 'invite-revoke',
              onclick: () => act(() => api.adminRevokeInvite(i.code), load),
            }, 'Revoke'));
        }

        async function load() {
          try {
            const res = await api.adminInvites();
            const invites = res?.invites || [];
            list.replaceChildren(...invites.map(row));
            if (!invites.length) list.replaceChildren(h('li', { class: 'muted' }, 'No invites.'));
          } catch (err) {
            showError(error, err);
          }
        }

        const form = h('form', {
          class: 'form', novalidate: true,
          onsubmit: (e) => {
            e.preventDefault();
            const body = {};
            if (maxUses.value) body.max_uses = Number(maxUses.value);
            if (days.value) body.expires_in_seconds = Math.round(Number(days.value) * 86400);
            act(() => api.adminCreateInvite(body), load);
          },
        }, h('div', { class: 'form-grid' }, field('Uses', maxUses), field('Days valid', days)),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button button-primary button-small', testid: 'invite-create' }, 'Create invite')));
        load();
        return h('div', { class: 'form' }, form, list);
      }

      show('users');
      return h('div', { class: 'form' }, h('div', { class: 'tabs', role: 'tablist' }, tabs.users, tabs.invites), error, panel);
    },
  });
}
