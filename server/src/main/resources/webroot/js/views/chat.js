// The middle column: header of the active conversation, its timeline, typing line and composer.

import { h, coalesce } from '../dom.js';
import { state, on, conversationTitle, presenceOf, isMe } from '../store.js';
import { displayName } from '../format.js';
import { mountTimeline } from './timeline.js';
import { mountComposer } from './composer.js';
import { mountTyping } from './typing.js';
import { openChannelSettings } from './channel-settings.js';
import { openNotificationSettings } from './notification-settings.js';
import { isMuted, levelOf } from '../notifications.js';
import { avatarWithPresence } from './avatar.js';
import { icon } from './icons.js';

/**
 * @param {object} o  onMenu(), onToggleMembers()
 */
export function mountChat({ onMenu, onToggleMembers }) {
  const title = h('h1', { class: 'chat-title', testid: 'conversation-title' });
  const topic = h('p', { class: 'chat-topic', testid: 'conversation-topic' });
  const lead = h('span', { class: 'chat-lead' });
  const membersButton = h('button', { type: 'button', class: 'icon-button', testid: 'members-toggle', title: 'Members', 'aria-label': 'Show or hide members', onclick: onToggleMembers }, icon('users'));
  const bellButton = h('button', { type: 'button', class: 'icon-button', testid: 'notification-settings-button', title: 'Notifications', 'aria-label': 'Notification settings', onclick: () => openNotificationSettings(state.activeId) }, icon('bell'));
  const settingsButton = h('button', { type: 'button', class: 'icon-button', testid: 'channel-settings-button', title: 'Channel settings', 'aria-label': 'Channel settings', onclick: () => openChannelSettings(state.activeId) }, icon('settings'));
  const header = h('header', { class: 'chat-head' },
    h('button', { type: 'button', class: 'icon-button menu-button', testid: 'menu-button', 'aria-label': 'Open conversations', 'aria-controls': 'sidebar', onclick: onMenu }, icon('menu')),
    lead,
    h('div', { class: 'chat-heading' }, title, topic),
    h('div', { class: 'chat-tools' }, bellButton, membersButton, settingsButton));
  const body = h('div', { class: 'chat-body' });
  const el = h('section', { class: 'chat', testid: 'chat', 'aria-label': 'Conversation' }, header, body);

  let mounted = null;
  let mounted0 = null;
  /** Where a #/c/ID/m/SEQ link asked to go, once the conversation is on screen. */
  let pendingJump = null;

  function renderHeader() {
    const conv = state.conversations.get(state.activeId);
    header.hidden = false;
    if (!conv) {
      const listKnown = state.readySeen || state.listLoaded;
      title.textContent = !state.activeId ? 'Parley' : listKnown ? 'Conversation not found' : 'Loading…';
      topic.textContent = '';
      lead.replaceChildren();
      membersButton.hidden = true;
      settingsButton.hidden = true;
      bellButton.hidden = true;
      return;
    }
    title.textContent = conversationTitle(conv);
    title.title = conversationTitle(conv);
    bellButton.hidden = false;
    const quiet = isMuted(conv) || levelOf(conv) === 'none';
    bellButton.replaceChildren(icon(quiet ? 'bell-off' : 'bell'));
    bellButton.dataset.notify = quiet ? 'off' : levelOf(conv);
    if (conv.kind === 'dm') {
      const peer = conv.peer ? state.users.get(conv.peer.id) || conv.peer : null;
      lead.replaceChildren(avatarWithPresence(peer, 28, peer ? presenceOf(peer.id) : 'offline'));
      topic.textContent = peer ? [`@${peer.username}`, peer.status_text].filter(Boolean).join(' · ') : '';
      settingsButton.hidden = true;
    } else {
      lead.replaceChildren(icon(conv.visibility === 'private' ? 'lock' : 'hash', 22));
      const count = conv.member_count != null ? `${conv.member_count} member${Number(conv.member_count) === 1 ? '' : 's'}` : '';
      topic.textContent = [conv.topic, count].filter(Boolean).join(' · ');
      settingsButton.hidden = false;
      settingsButton.title = isMe(conv.owner_id) ? 'Channel settings' : 'Channel info';
    }
    membersButton.hidden = false;
  }

  function emptyState() {
    const me = state.me;
    return h('div', { class: 'empty-state', testid: 'empty-state' },
      h('div', { class: 'empty-icon' }, icon('chat', 40)),
      h('h2', null, state.activeId
        ? (state.readySeen || state.listLoaded ? 'This conversation is not available.' : 'Loading…')
        : `Welcome${me ? `, ${displayName(me)}` : ''}!`),
      h('p', { class: 'muted' }, 'Pick a conversation on the left, create a channel, browse public channels, or message someone by username.'));
  }

  function mountConversation() {
    const id = state.activeId;
    const exists = state.conversations.has(id);
    const key = exists ? id : null;
    if (mounted && mounted.key === key && key) return;
    if (mounted) mounted.destroy();
    mounted = null;
    if (!key) {
      body.replaceChildren(emptyState());
      mounted = { key: null, destroy() {} };
      return;
    }
    let composer = null;
    const tl = mountTimeline(id, {
      onReply: (m) => composer.setReply(m.id),
      focusComposer: () => composer.focus(),
    });
    const typing = mountTyping(id);
    mounted0 = tl;
    composer = mountComposer(id, {
      onSent: () => tl.scrollToBottom(),
      onEditLast: () => tl.editLastOwn(),
    });
    body.replaceChildren(tl.el, typing.el, composer.el);
    if (window.matchMedia('(min-width: 700px)').matches) composer.focus();
    mounted = {
      key,
      destroy() { tl.destroy(); typing.destroy(); composer.destroy(); mounted0 = null; },
    };
  }

  function runPendingJump() {
    if (!pendingJump || !mounted0 || mounted?.key !== pendingJump.convId) return;
    const { seq } = pendingJump;
    pendingJump = null;
    mounted0.jumpTo({ seq });
  }

  const render = () => {
    renderHeader();
    mountConversation();
    runPendingJump();
  };
  const schedule = coalesce(render);
  on('active', render);
  on('conversations', schedule);
  on('users', schedule);
  on('presence', schedule);
  on('jump', (target) => {
    pendingJump = target;
    render();
  });
  render();
  return el;
}
