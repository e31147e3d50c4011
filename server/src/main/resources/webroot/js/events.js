// Applies gateway frames to the store: READY, the replayed and live log events, and the
// ephemeral ones (typing, read state, presence, errors).

import { api } from './api.js';
import {
  state, emit, isMe, seqOf, timeline, upsertUser, upsertConversation, removeConversation,
  setServerOrder, bumpLastMessage, recomputeUnread, setPresence, setMe, mentionsMe,
} from './store.js';
import { fillGap, reloadLatest, loadLatest } from './history.js';
import { renewPresence, watchPresence, reapplyMyStatus } from './presence.js';
import { ensureUser } from './users.js';
import * as outbox from './outbox.js';
import * as notifications from './notifications.js';
import { toast } from './views/toast.js';

const TYPING_SHOW_MS = 6000;

export function handleFrame(frame) {
  const d = frame.d || {};
  switch (frame.op) {
    case 'READY': return onReady(d);
    case 'CATCHUP_DONE': return onCatchupDone();
    case 'CATCHUP_TRUNCATED': return reloadLatest(d.conversation_id, d.to_seq, handleFrame);
    case 'MESSAGE_CREATE': return logEvent(frame, () => applyNewMessage(d.message, { live: !state.catchingUp }));
    case 'MESSAGE_UPDATE': return logEvent(frame, () => onMessageUpdate(d.message));
    case 'MESSAGE_DELETE': return logEvent(frame, () => onMessageDelete(d));
    case 'MEMBER_ADD': return logEvent(frame, () => { systemLine(frame); onMemberAdd(d); });
    case 'MEMBER_REMOVE': return logEvent(frame, () => { systemLine(frame); onMemberRemove(d); });
    case 'CONVERSATION_CREATE': return logEvent(frame, () => onConversationCreate(d.conversation));
    case 'CONVERSATION_UPDATE': return logEvent(frame, () => { systemLine(frame); onConversationUpdate(d.conversation); });
    case 'CONVERSATION_DELETE': return onConversationDelete(d.conversation_id, d.reason);
    case 'TYPING_START': return onTyping(d);
    case 'READ_STATE': return onReadState(d);
    case 'NOTIFICATION_SETTINGS': return onNotificationSettings(d);
    case 'PRESENCE_UPDATE': return setPresence(d.user_id, d.status);
    case 'SEND_ACK': return onSendAck(d);
    case 'USER_UPDATE': return upsertUser(d.user);
    case 'ERROR': return onError(d);
    default: return undefined;
  }
}

// ---- connection lifecycle

function onReady(d) {
  state.catchingUp = true;
  setMe(d.user);
  state.sessionId = d.session_id;
  state.readySeen = true;
  const list = Array.isArray(d.conversations) ? d.conversations : [];
  const present = new Set(list.map((c) => c.id));
  for (const id of [...state.conversations.keys()]) if (!present.has(id)) removeConversation(id);
  for (const [id, tl] of [...state.timelines]) {
    // Live scraps of never-opened conversations may now have holes: forget them.
    if (!tl.loaded && !tl.loadingLatest) state.timelines.delete(id);
  }
  setServerOrder(list);
  for (const c of list) upsertConversation(c, { full: true });
  for (const id of present) recomputeUnread(id);
  outbox.restore(state.me?.id);
  renewPresence();
  watchPresence(list.filter((c) => c.kind === 'dm' && c.peer).map((c) => c.peer.id));
  reapplyMyStatus();
  emit('conversations');
}

function onCatchupDone() {
  state.catchingUp = false;
  // A timeline loaded after IDENTIFY named its cursors from a page read before the socket went live: READY counted
  // what came after the page but replayed nothing of it, and no later event may come to show the gap.
  for (const [id, tl] of state.timelines) {
    const lastSeq = seqOf(state.conversations.get(id)?.last_seq);
    if (tl.loaded && lastSeq > tl.cursor) fillGap(id, tl.cursor, lastSeq, handleFrame);
  }
  const active = state.activeId;
  if (active && state.conversations.has(active)) {
    const tl = timeline(active);
    if (!tl.loaded && !tl.loadingLatest) loadLatest(active, handleFrame);
  }
}

/** Tracks the conversation's log position, fetching any range we notice we skipped. */
function logEvent(frame, apply) {
  const d = frame.d || {};
  const convId = frame.conversation_id ?? d.conversation_id ?? d.message?.conversation_id ?? d.conversation?.id;
  const seq = seqOf(frame.seq);
  if (convId && seq > 0) {
    const tl = state.timelines.get(convId);
    if (tl) {
      if (tl.loaded && seq > tl.cursor + 1) fillGap(convId, tl.cursor, seq, handleFrame);
      tl.cursor = Math.max(tl.cursor, seq);
    }
    const conv = state.conversations.get(convId);
    if (conv) conv.last_seq = Math.max(seqOf(conv.last_seq), seq);
  }
  apply();
}

// ---- messages

const fetchingConversations = new Set();

function fetchConversation(id) {
  if (!id || state.conversations.has(id) || fetchingConversations.has(id)) return;
  fetchingConversations.add(id);
  api.conversation(id)
    .then((c) => {
      upsertConversation(c, { full: true });
      if (c.kind === 'dm' && c.peer) watchPresence([c.peer.id]);
    })
    .catch(() => {})
    .finally(() => fetchingConversations.delete(id));
}

/**
 * A message that is new to this client, from MESSAGE_CREATE, SEND_ACK or a REST send. {live}: it arrived as it
 * happened (not in a catch-up replay), so it may notify.
 */
export function applyNewMessage(m, { live = false } = {}) {
  if (!m || !m.conversation_id) return;
  const convId = m.conversation_id;
  if (m.nonce && isMe(m.author_id)) outbox.settle(m.nonce);
  const conv = state.conversations.get(convId);
  if (!conv) fetchConversation(convId);
  const tl = timeline(convId);
  const isNew = !tl.byId.has(m.id);
  // A window opened around an older message shows no live message until it reaches the newest (history.js).
  if (!tl.hasMoreAfter) tl.put(m);
  if (conv) {
    bumpLastMessage(conv, m);
    if (isNew && !isMe(m.author_id) && seqOf(m.seq) > seqOf(conv.last_read_seq)) {
      if (tl.loaded && !tl.hasMoreAfter) recomputeUnread(convId);
      else {
        conv.unread_count = (conv.unread_count || 0) + 1;
        if (mentionsMe(m)) conv.mention_count = (conv.mention_count || 0) + 1;
      }
    }
    if (isNew && live) notifications.onLiveMessage(m);
  }
  const typers = state.typing.get(convId);
  if (typers && typers.delete(m.author_id)) emit('typing', convId);
  ensureUser(m.author_id);
  emit('timeline', convId);
  emit('conversations', convId);
}

function onMessageUpdate(m) {
  if (!m || !m.conversation_id) return;
  const tl = timeline(m.conversation_id);
  if (!tl.put(m)) return;
  recomputeUnread(m.conversation_id);
  const conv = state.conversations.get(m.conversation_id);
  if (conv?.last_message?.id === m.id) conv.last_message = { ...conv.last_message, ...m };
  emit('timeline', m.conversation_id);
  emit('conversations', m.conversation_id);
}

/** Applies an edit or deletion result we got over REST. */
export function applyMessageState(m) {
  if (m?.deleted) onMessageDelete({ conversation_id: m.conversation_id, message_id: m.id });
  else onMessageUpdate(m);
}

export function onMessageDelete(d) {
  const convId = d.conversation_id;
  const tl = state.timelines.get(convId);
  const conv = state.conversations.get(convId);
  if (tl) tl.markDeleted(d.message_id);
  if (conv?.last_message?.id === d.message_id) {
    conv.last_message = { ...conv.last_message, deleted: true, content: '' };
  }
  recomputeUnread(convId);
  emit('timeline', convId);
  emit('conversations', convId);
}

function onSendAck(d) {
  if (d.nonce) outbox.settle(d.nonce);
  const m = d.message;
  if (!m) return;
  const tl = state.timelines.get(m.conversation_id);
  // Our own message's create event may not be echoed to this socket: count it as seen.
  if (tl && seqOf(m.seq) === tl.cursor + 1) tl.cursor = seqOf(m.seq);
  applyNewMessage(m);
}

function onError(d) {
  const error = d.error || { code: 'unknown', message: 'Something went wrong.' };
  if (d.nonce) {
    const item = outbox.fail(d.nonce, error);
    if (item) {
      state.composerErrors.set(item.conversation_id, error);
      emit('composer-error', item.conversation_id);
      return;
    }
  }
  if (!/rate/.test(error.code || '')) toast(error.message || error.code, 'error');
}

// ---- membership and conversations

function onMemberAdd(d) {
  const convId = d.conversation_id;
  const user = d.user;
  if (!user) return;
  upsertUser(user);
  if (isMe(user.id)) {
    fetchConversation(convId);
    return;
  }
  const conv = state.conversations.get(convId);
  const roster = state.members.get(convId);
  const already = roster && roster.ids.includes(user.id);
  if (roster && !already) roster.ids.push(user.id);
  if (conv && !already) conv.member_count = (Number(conv.member_count) || 0) + 1;
  watchPresence([user.id]);
  emit('members', convId);
  emit('conversations', convId);
}

function onMemberRemove(d) {
  const convId = d.conversation_id;
  const userId = d.user?.id ?? d.user_id;
  if (!userId) return;
  if (isMe(userId)) {
    removeConversation(convId);
    return;
  }
  const conv = state.conversations.get(convId);
  const roster = state.members.get(convId);
  const idx = roster ? roster.ids.indexOf(userId) : -1;
  if (idx >= 0) roster.ids.splice(idx, 1);
  if (conv && (idx >= 0 || !roster)) conv.member_count = Math.max(0, (Number(conv.member_count) || 1) - 1);
  emit('members', convId);
  emit('conversations', convId);
}

function onConversationCreate(conv) {
  if (!conv) return;
  upsertConversation(conv, { full: true });
  if (conv.kind === 'dm' && conv.peer) watchPresence([conv.peer.id]);
}

function onConversationUpdate(conv) {
  if (!conv) return;
  if (!state.conversations.has(conv.id)) {
    fetchConversation(conv.id);
    return;
  }
  upsertConversation(conv, { full: false });
}

/** reason: "removed" (this user left or was removed; a leave from this tab has already removed it), "deleted". */
function onConversationDelete(convId, reason) {
  const conv = state.conversations.get(convId);
  if (!conv) return;
  if (reason === 'removed') toast(`You were removed from #${conv.name}.`);
  else if (reason === 'deleted' || state.activeId === convId) toast(`#${conv.name} was deleted.`);
  removeConversation(convId);
}

/**
 * A membership or channel event of the log kept for the timeline, where it shows as a line. The conversation as it
 * was before is kept with it, so a rename or topic change can say what changed.
 */
export function systemLine(frame) {
  const d = frame.d || {};
  const convId = frame.conversation_id ?? d.conversation_id ?? d.conversation?.id;
  const tl = state.timelines.get(convId);
  const seq = seqOf(frame.seq);
  if (!tl || !seq || tl.system.has(seq)) return;
  const before = state.conversations.get(convId);
  if (d.user) upsertUser(d.user);
  tl.putSystem({ seq, op: frame.op, user: d.user || null, conversation: d.conversation || null,
    before: before ? { name: before.name, topic: before.topic, owner_id: before.owner_id } : null });
  emit('timeline', convId);
}

function onNotificationSettings(d) {
  const conv = state.conversations.get(d.conversation_id);
  if (!conv) return;
  conv.notify = d.notify;
  conv.muted_until = d.muted_until || null;
  emit('conversations', d.conversation_id);
}

// ---- ephemeral

function onTyping(d) {
  if (!d.conversation_id || !d.user_id || isMe(d.user_id)) return;
  let map = state.typing.get(d.conversation_id);
  if (!map) state.typing.set(d.conversation_id, (map = new Map()));
  map.set(d.user_id, Date.now() + TYPING_SHOW_MS);
  ensureUser(d.user_id);
  emit('typing', d.conversation_id);
  setTimeout(() => emit('typing', d.conversation_id), TYPING_SHOW_MS + 50);
}

function onReadState(d) {
  const conv = state.conversations.get(d.conversation_id);
  if (!conv) return;
  conv.last_read_seq = Math.max(seqOf(conv.last_read_seq), seqOf(d.last_read_seq));
  recomputeUnread(d.conversation_id);
  emit('conversations', d.conversation_id);
}
