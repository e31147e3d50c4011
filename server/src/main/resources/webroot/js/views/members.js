// Right column: the members of the active channel with presence, and the owner's tools
// (add by username, remove). For a DM it shows the two participants.

import { h, coalesce } from '../dom.js';
import { state, on, isMe, presenceOf } from '../store.js';
import { displayName } from '../format.js';
import { loadMembers, addMember, removeMember } from '../actions.js';
import { watchPresence, myDisplayedStatus } from '../presence.js';
import { avatarWithPresence } from './avatar.js';
import { showError } from './dialog.js';
import { toast } from './toast.js';
import { icon } from './icons.js';

const ORDER = { online: 0, idle: 1, dnd: 2, offline: 3 };

function statusOf(userId) {
  return isMe(userId) ? myDisplayedStatus() : presenceOf(userId);
}

/** @param {object} [o]  onClose(): closes the panel where it lies over the conversation (phones) */
export function mountMembers({ onClose } = {}) {
  const heading = h('h2', { class: 'members-title', testid: 'members-title' });
  const close = h('button', { type: 'button', class: 'icon-button members-close', testid: 'members-close', 'aria-label': 'Close members', title: 'Close', onclick: () => onClose?.() }, icon('x', 16));
  const tools = h('div', { class: 'members-tools' });
  const list = h('ul', { class: 'member-list', testid: 'member-list' });
  const footer = h('div', { class: 'members-footer' });
  const el = h('aside', { class: 'members', id: 'members', testid: 'members-panel', 'aria-label': 'Members' },
    h('div', { class: 'members-head' }, heading, close), tools, list, footer);

  let currentId = null;
  let addForm = null;

  function buildAddForm(convId) {
    const input = h('input', { class: 'input', testid: 'add-member-input', placeholder: 'Add by username', 'aria-label': 'Username to add', autocapitalize: 'none', spellcheck: 'false' });
    const submit = h('button', { type: 'submit', class: 'button button-primary button-small', testid: 'add-member-submit' }, 'Add');
    const error = h('p', { class: 'form-error', testid: 'add-member-error', role: 'alert', hidden: true });
    return h('form', {
      class: 'add-member', testid: 'add-member-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const username = input.value.trim().replace(/^@/, '');
        if (!username) return;
        submit.disabled = true;
        showError(error, null);
        try {
          const user = await addMember(convId, username);
          input.value = '';
          toast(`${displayName(user)} was added.`);
        } catch (err) {
          showError(error, err.status === 404 && err.code !== 'conversation_not_found' ? { message: `No user called “${username}”.`, code: err.code } : err);
        } finally {
          submit.disabled = false;
        }
      },
    }, h('div', { class: 'inline-form' }, input, submit), error);
  }

  function memberRow(user, conv, canModerate) {
    const owner = conv.kind === 'channel' && conv.owner_id === user.id;
    return h('li', { class: 'member', testid: 'member-item', dataset: { userId: user.id } },
      avatarWithPresence(user, 32, statusOf(user.id)),
      h('span', { class: 'member-text' },
        h('span', { class: 'member-name', testid: 'member-name', title: displayName(user) }, displayName(user),
          user.bot ? h('span', { class: 'pill pill-bot', testid: 'bot-tag', title: 'A bot, driven by a service' }, 'BOT') : null,
          owner ? h('span', { class: 'pill', testid: 'member-owner', title: 'Channel owner' }, 'owner') : null),
        h('span', { class: 'muted small' }, user.status_text || `@${user.username}`)),
      canModerate && !isMe(user.id)
        ? h('button', {
          type: 'button', class: 'icon-button danger member-remove', testid: 'member-remove',
          'aria-label': `Remove ${displayName(user)}`, title: `Remove ${displayName(user)} from the channel`,
          onclick: async (e) => {
            e.currentTarget.disabled = true;
            try {
              await removeMember(conv.id, user.id);
            } catch (err) {
              toast(err.message, 'error');
            }
          },
        }, icon('x', 16))
        : null);
  }

  function render() {
    const convId = state.activeId;
    const conv = state.conversations.get(convId);
    const switched = convId !== currentId;
    if (switched) {
      currentId = convId;
      addForm = null;
      tools.replaceChildren();
    }
    // Also when the conversation becomes known after it was selected (a reload or a log-in on
    // #/c/<id> selects it before the conversation list has arrived).
    const roster0 = state.members.get(convId);
    if (conv?.kind === 'channel' && (switched ? !roster0?.loaded : !roster0)) loadMembers(convId);
    if (!conv) {
      heading.textContent = 'Members';
      list.replaceChildren();
      footer.replaceChildren();
      return;
    }
    if (conv.kind === 'dm') {
      heading.textContent = 'In this conversation';
      const people = [state.me, conv.peer && (state.users.get(conv.peer.id) || conv.peer)].filter(Boolean);
      list.replaceChildren(...people.map((u) => memberRow(u, conv, false)));
      footer.replaceChildren();
      return;
    }
    const roster = state.members.get(convId);
    const owner = isMe(conv.owner_id);
    heading.textContent = `Members — ${conv.member_count ?? roster?.ids.length ?? ''}`;
    if (owner && !addForm) {
      addForm = buildAddForm(convId);
      tools.replaceChildren(addForm);
    } else if (!owner && addForm) {
      addForm = null;
      tools.replaceChildren();
    }
    const users = (roster?.ids || []).map((id) => state.users.get(id)).filter(Boolean);
    users.sort((a, b) => (ORDER[statusOf(a.id)] - ORDER[statusOf(b.id)])
      || displayName(a).localeCompare(displayName(b)));
    list.replaceChildren(...users.map((u) => memberRow(u, conv, owner)));
    const parts = [];
    if (roster?.loading) parts.push(h('p', { class: 'muted small' }, 'Loading members…'));
    if (roster?.error) parts.push(h('p', { class: 'form-error' }, roster.error.message));
    if (roster?.nextCursor && !roster.loading) {
      parts.push(h('button', { type: 'button', class: 'button button-small', testid: 'members-more', onclick: () => loadMembers(convId, { more: true }) }, 'Load more'));
    }
    footer.replaceChildren(...parts);
  }

  const schedule = coalesce(render);
  on('active', schedule);
  on('members', (id) => { if (id === state.activeId) schedule(); });
  on('conversations', schedule);
  on('users', schedule);
  on('presence', schedule);
  on('me', schedule);
  on('connection', schedule);
  render();
  return {
    el,
    /** Reloads the roster when the panel is opened again. */
    refresh() {
      const conv = state.conversations.get(state.activeId);
      if (conv?.kind === 'channel') loadMembers(conv.id);
      else if (conv?.peer) watchPresence([conv.peer.id]);
    },
  };
}
