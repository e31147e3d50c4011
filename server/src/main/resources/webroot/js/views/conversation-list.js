// The sidebar list: every conversation, most recently active first, with unread badges,
// last-message previews and presence dots on DMs. Items are keyed so focus survives updates.

import { h, coalesce } from '../dom.js';
import { state, on, sortedConversations, conversationTitle, isMe, presenceOf } from '../store.js';
import { displayName, preview } from '../format.js';
import { openConversation } from '../actions.js';
import { ensureUser } from '../users.js';
import { avatarWithPresence } from './avatar.js';
import { icon } from './icons.js';
import { updateTitle, isMuted, levelOf } from '../notifications.js';

function previewText(conv) {
  const m = conv.last_message;
  if (!m) return conv.kind === 'channel' ? conv.topic || 'No messages yet' : 'No messages yet';
  if (m.deleted) return 'Message deleted';
  let who = '';
  if (isMe(m.author_id)) who = 'You: ';
  else if (conv.kind === 'channel') {
    const author = state.users.get(m.author_id);
    if (author) who = `${displayName(author)}: `;
    else ensureUser(m.author_id);
  }
  return who + preview(m.content, 60);
}

function itemContent(conv) {
  const active = conv.id === state.activeId;
  const unread = active ? 0 : Number(conv.unread_count) || 0;
  const mentions = active ? 0 : Number(conv.mention_count) || 0;
  const quiet = isMuted(conv) || levelOf(conv) === 'none';
  let lead;
  if (conv.kind === 'dm') {
    const peer = conv.peer ? state.users.get(conv.peer.id) || conv.peer : null;
    lead = avatarWithPresence(peer, 32, peer ? presenceOf(peer.id) : 'offline');
  } else {
    lead = h('span', { class: 'conv-glyph' }, icon(conv.visibility === 'private' ? 'lock' : 'hash', 18));
  }
  return [
    lead,
    h('span', { class: 'conv-text' },
      h('span', { class: 'conv-name', testid: 'conversation-name', title: conversationTitle(conv) }, conversationTitle(conv)),
      h('span', { class: 'conv-preview', testid: 'conversation-preview' }, previewText(conv))),
    quiet ? h('span', { class: 'conv-muted', testid: 'conversation-muted', title: 'Notifications off' }, icon('bell-off', 14)) : null,
    mentions ? h('span', { class: 'badge badge-mention', testid: 'mention-badge', 'aria-label': `${mentions} mention${mentions === 1 ? '' : 's'}` }, `@${mentions > 99 ? '99+' : mentions}`) : null,
    unread && !mentions ? h('span', { class: `badge${quiet ? ' badge-quiet' : ''}`, testid: 'unread-badge', 'aria-label': `${unread} unread` }, unread > 99 ? '99+' : String(unread)) : null,
  ];
}

export function mountConversationList() {
  const list = h('ul', { class: 'conv-list', testid: 'conversation-list', 'aria-label': 'Conversations' });
  const empty = h('p', { class: 'conv-empty', testid: 'conversation-list-empty' },
    'No conversations yet. Create a channel, browse public ones, or message someone by username.');
  const el = h('nav', { class: 'conv-nav', 'aria-label': 'Conversations' }, list, empty);
  const items = new Map();

  const render = () => {
    const convs = sortedConversations();
    empty.hidden = convs.length > 0;
    const seen = new Set();
    let prev = null;
    for (const conv of convs) {
      seen.add(conv.id);
      let item = items.get(conv.id);
      if (!item) {
        const button = h('button', {
          type: 'button',
          class: 'conv-item',
          testid: 'conversation-item',
          dataset: { conversationId: conv.id },
          onclick: () => openConversation(conv.id),
        });
        item = { li: h('li', null, button), button };
        items.set(conv.id, item);
      }
      const { button } = item;
      const unread = conv.id !== state.activeId && Number(conv.unread_count) > 0;
      button.dataset.kind = conv.kind;
      button.classList.toggle('unread', unread);
      if (conv.id === state.activeId) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
      button.replaceChildren(...itemContent(conv).filter(Boolean));
      const expected = prev ? prev.nextSibling : list.firstChild;
      if (item.li !== expected) list.insertBefore(item.li, expected);
      prev = item.li;
    }
    for (const [id, item] of items) {
      if (!seen.has(id)) {
        item.li.remove();
        items.delete(id);
      }
    }
    updateTitle();
  };
  const schedule = coalesce(render);
  for (const topic of ['conversations', 'users', 'presence', 'active', 'me']) on(topic, schedule);
  document.addEventListener('visibilitychange', schedule);
  render();
  return el;
}
