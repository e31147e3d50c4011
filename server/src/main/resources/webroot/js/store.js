// Client state and a small topic-based change feed. Views subscribe to topics and re-render;
// they never hold their own copy of server data.
//
// Topics: me, users, presence, conversations, active, connection, timeline(convId),
// members(convId), typing(convId), outbox(convId), composer-error(convId).

import { timestamp } from './format.js';

const listeners = new Map();

export function on(topic, fn) {
  let set = listeners.get(topic);
  if (!set) listeners.set(topic, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

export function emit(topic, arg) {
  const set = listeners.get(topic);
  if (!set) return;
  for (const fn of [...set]) {
    try { fn(arg); } catch (e) { console.error(`listener for ${topic} failed`, e); }
  }
}

export function clearListeners() {
  listeners.clear();
}

function freshState() {
  return {
    me: null,
    sessionId: null,
    readySeen: false,
    catchingUp: false,
    listLoaded: false,
    users: new Map(),
    presence: new Map(),
    conversations: new Map(),
    serverOrder: new Map(),
    timelines: new Map(),
    members: new Map(),
    typing: new Map(),
    composerErrors: new Map(),
    activeId: null,
    connection: { status: 'connecting', everLive: false, retryAt: 0, failures: 0 },
  };
}

export const state = freshState();

export function resetState() {
  Object.assign(state, freshState());
}

export const seqOf = (v) => Number(v) || 0;

// ---- users and presence

export function setMe(user) {
  if (!user) return;
  // READY and USER_UPDATE carry the profile only: keep what /users/me added (admin)
  state.me = state.me && state.me.id === user.id ? { ...state.me, ...user } : user;
  upsertUser(user);
  emit('me');
}

export function isMe(userId) {
  return !!state.me && state.me.id === userId;
}

export function upsertUser(user) {
  if (!user || !user.id) return false;
  const prev = state.users.get(user.id);
  const next = prev ? { ...prev, ...user } : user;
  const changed = !prev || ['username', 'display_name', 'avatar_url', 'status_text']
    .some((k) => prev[k] !== next[k]);
  state.users.set(user.id, next);
  if (state.me && state.me.id === user.id) state.me = next;
  if (changed) {
    emit('users', user.id);
    if (state.me && state.me.id === user.id) emit('me');
  }
  return changed;
}

export function upsertUsers(map) {
  if (!map) return;
  const list = Array.isArray(map) ? map : Object.values(map);
  for (const u of list) upsertUser(u);
}

export function setPresence(userId, status) {
  if (!userId) return;
  if (state.presence.get(userId) === status) return;
  state.presence.set(userId, status);
  emit('presence', userId);
}

/** online | idle | dnd | offline (invisible shows as offline). */
export function presenceOf(userId) {
  const s = state.presence.get(userId);
  return s === 'online' || s === 'idle' || s === 'dnd' ? s : 'offline';
}

// ---- conversations

const SHARED_FIELDS = ['kind', 'name', 'topic', 'visibility', 'owner_id', 'member_count', 'peer', 'created_at',
  'members_may_mention_all'];

/**
 * full: the object carries the caller's own view (unread, read marker), as in READY or GET.
 * Otherwise only fields every member shares are taken (CONVERSATION_UPDATE broadcasts).
 */
export function upsertConversation(conv, { full = true } = {}) {
  if (!conv || !conv.id) return null;
  const prev = state.conversations.get(conv.id);
  let next;
  if (!prev) {
    next = { unread_count: 0, mention_count: 0, last_read_seq: 0, last_seq: 0, ...conv };
  } else if (full) {
    next = { ...prev, ...conv };
    next.last_seq = Math.max(seqOf(prev.last_seq), seqOf(conv.last_seq));
    next.last_read_seq = Math.max(seqOf(prev.last_read_seq), seqOf(conv.last_read_seq));
    if (prev.last_message && (!conv.last_message || seqOf(prev.last_message.seq) > seqOf(conv.last_message.seq))) {
      next.last_message = prev.last_message;
    }
  } else {
    next = { ...prev };
    for (const k of SHARED_FIELDS) if (k in conv) next[k] = conv[k];
    next.last_seq = Math.max(seqOf(prev.last_seq), seqOf(conv.last_seq));
  }
  if (conv.peer) upsertUser(conv.peer);
  if (conv.last_message) bumpLastMessage(next, conv.last_message);
  state.conversations.set(conv.id, next);
  if (!state.serverOrder.has(conv.id)) state.serverOrder.set(conv.id, -Date.now());
  emit('conversations', conv.id);
  return next;
}

export function setServerOrder(list) {
  state.serverOrder.clear();
  list.forEach((c, i) => state.serverOrder.set(c.id, i));
}

export function removeConversation(id) {
  if (!state.conversations.delete(id)) return;
  state.timelines.delete(id);
  state.members.delete(id);
  state.typing.delete(id);
  emit('conversations', id);
  if (state.activeId === id) setActive(null);
}

export function bumpLastMessage(conv, message) {
  if (!conv || !message) return;
  const cur = conv.last_message;
  if (!cur || seqOf(message.seq) >= seqOf(cur.seq)) conv.last_message = message;
  conv.last_seq = Math.max(seqOf(conv.last_seq), seqOf(message.seq));
}

export function activityTime(conv) {
  return Math.max(timestamp(conv.last_message?.created_at), timestamp(conv.created_at));
}

export function sortedConversations() {
  return [...state.conversations.values()].sort((a, b) => {
    const diff = activityTime(b) - activityTime(a);
    if (diff) return diff;
    return (state.serverOrder.get(a.id) ?? 0) - (state.serverOrder.get(b.id) ?? 0);
  });
}

export function conversationTitle(conv) {
  if (!conv) return '';
  if (conv.kind === 'dm') {
    const peer = conv.peer && (state.users.get(conv.peer.id) || conv.peer);
    return peer ? peer.display_name || peer.username : conv.name || 'Direct message';
  }
  return conv.name || 'unnamed';
}

export function setActive(id) {
  if (state.activeId === id) return;
  state.activeId = id;
  emit('active', id);
}

// ---- message timelines

export class Timeline {
  constructor(id) {
    this.id = id;
    this.byId = new Map();
    this.system = new Map(); // seq -> a membership or channel event shown as a line: {seq, op, user, conversation, before}
    this.loaded = false;
    this.hasMoreBefore = true;
    this.hasMoreAfter = false; // a window opened around an older message, not reaching the newest
    this.loadingOlder = false;
    this.loadingLatest = null;
    this.error = null;
    this.cursor = 0; // highest log seq applied: what IDENTIFY reports
    this.sortedCache = null;
  }

  put(message) {
    const prev = this.byId.get(message.id);
    if (prev && !isNewer(prev, message)) return false;
    this.byId.set(message.id, prev ? { ...prev, ...message } : message);
    this.sortedCache = null;
    return true;
  }

  markDeleted(messageId) {
    const prev = this.byId.get(messageId);
    if (!prev || prev.deleted) return false;
    this.byId.set(messageId, { ...prev, deleted: true, content: '' });
    this.sortedCache = null;
    return true;
  }

  clear() {
    this.byId.clear();
    this.system.clear();
    this.sortedCache = null;
    this.loaded = false;
    this.hasMoreBefore = true;
    this.hasMoreAfter = false;
  }

  putSystem(line) {
    if (this.system.has(line.seq)) return false;
    this.system.set(line.seq, line);
    return true;
  }

  sorted() {
    if (!this.sortedCache) this.sortedCache = [...this.byId.values()].sort((a, b) => seqOf(a.seq) - seqOf(b.seq));
    return this.sortedCache;
  }

  oldestSeq() {
    const list = this.sorted();
    return list.length ? seqOf(list[0].seq) : 0;
  }

  newestSeq() {
    const list = this.sorted();
    return list.length ? seqOf(list[list.length - 1].seq) : 0;
  }
}

/** Never let a replayed or late copy undo a newer state (an edit or a deletion). */
function isNewer(prev, next) {
  if (prev.deleted && !next.deleted) return false;
  if (next.deleted) return true;
  if (prev.edited_at && !next.edited_at) return false;
  if (prev.edited_at && next.edited_at && timestamp(next.edited_at) < timestamp(prev.edited_at)) return false;
  return true;
}

export function timeline(id) {
  let tl = state.timelines.get(id);
  if (!tl) state.timelines.set(id, (tl = new Timeline(id)));
  return tl;
}

export function findMessage(convId, messageId) {
  return state.timelines.get(convId)?.byId.get(messageId) || null;
}

/** Whether a message names the reader, or everyone (@here, @channel). */
export function mentionsMe(m) {
  if (!m || m.deleted || !state.me) return false;
  return !!m.mentions_here || !!m.mentions_channel || (m.mentions || []).includes(state.me.id);
}

/**
 * Recounts unread messages and unread mentions from the loaded timeline (unless it is a window around an older
 * message), or trusts the server's counts otherwise.
 */
export function recomputeUnread(convId) {
  const conv = state.conversations.get(convId);
  if (!conv) return;
  const tl = state.timelines.get(convId);
  const lastRead = seqOf(conv.last_read_seq);
  let count;
  let mentions;
  const lastAtOrBeforeRead = conv.last_message && seqOf(conv.last_message.seq) <= lastRead;
  if (tl && tl.loaded && !tl.hasMoreAfter) {
    count = 0;
    mentions = 0;
    for (const m of tl.byId.values()) {
      if (!m.deleted && seqOf(m.seq) > lastRead && !isMe(m.author_id)) {
        count++;
        if (mentionsMe(m)) mentions++;
      }
    }
  } else if (lastAtOrBeforeRead) {
    count = 0;
    mentions = 0;
  } else {
    count = conv.unread_count || 0;
    mentions = conv.mention_count || 0;
  }
  if (count !== conv.unread_count || mentions !== conv.mention_count) {
    conv.unread_count = count;
    conv.mention_count = mentions;
    emit('conversations', convId);
  }
}

// ---- typing

export function typingUsers(convId) {
  const map = state.typing.get(convId);
  if (!map) return [];
  const now = Date.now();
  const ids = [];
  for (const [userId, until] of map) {
    if (until > now) ids.push(userId);
    else map.delete(userId);
  }
  return ids;
}
