// What the user can do. Views call these; they talk to the server and update the store.

import { api } from './api.js';
import { state, emit, upsertConversation, upsertUser, removeConversation, setActive, timeline, isMe } from './store.js';
import { loadLatest } from './history.js';
import { watchPresence } from './presence.js';
import { applyMessageState, handleFrame } from './events.js';
import * as outbox from './outbox.js';

export function openConversation(id) {
  const target = id ? `#/c/${encodeURIComponent(id)}` : '#/';
  if (location.hash !== target) location.hash = target;
  else selectConversation(id);
}

/** Follows the URL: makes id the active conversation and loads its history if needed. */
export function selectConversation(id) {
  setActive(id || null);
  if (!id || !state.conversations.has(id)) return;
  const tl = timeline(id);
  if (!tl.loaded && !tl.loadingLatest) loadLatest(id, handleFrame);
}

export function sendMessage(convId, content, replyTo) {
  state.composerErrors.delete(convId);
  emit('composer-error', convId);
  return outbox.enqueue(convId, content, replyTo);
}

export async function editMessage(convId, messageId, content) {
  const message = await api.editMessage(convId, messageId, content);
  if (message) applyMessageState(message);
  return message;
}

export async function deleteMessage(convId, messageId) {
  await api.deleteMessage(convId, messageId);
  applyMessageState({ id: messageId, conversation_id: convId, deleted: true });
}

export async function createChannel({ name, topic, visibility }) {
  const conv = await api.createChannel({ name, topic: topic || undefined, visibility });
  upsertConversation(conv, { full: true });
  openConversation(conv.id);
  return conv;
}

export async function joinChannel(id) {
  const conv = await api.joinChannel(id);
  upsertConversation(conv, { full: true });
  openConversation(conv.id);
  return conv;
}

export async function leaveChannel(id) {
  await api.leaveChannel(id);
  removeConversation(id);
  openConversation(null);
}

export async function deleteChannel(id) {
  await api.deleteChannel(id);
  removeConversation(id);
  openConversation(null);
}

export async function updateChannel(id, patch) {
  const conv = await api.updateChannel(id, patch);
  upsertConversation(conv, { full: false });
  return conv;
}

export async function loadMembers(convId, { more = false } = {}) {
  let roster = state.members.get(convId);
  if (!roster || !more) {
    roster = { ids: [], nextCursor: null, loading: false, loaded: false, error: null };
    state.members.set(convId, roster);
  }
  if (roster.loading) return;
  roster.loading = true;
  emit('members', convId);
  try {
    const res = await api.members(convId, { cursor: more ? roster.nextCursor : undefined, limit: 100 });
    for (const user of res?.members || []) {
      upsertUser(user);
      if (!roster.ids.includes(user.id)) roster.ids.push(user.id);
    }
    roster.nextCursor = res?.next_cursor || null;
    roster.loaded = true;
    roster.error = null;
    watchPresence(roster.ids.filter((id) => !isMe(id)));
  } catch (e) {
    roster.error = e;
  } finally {
    roster.loading = false;
    emit('members', convId);
  }
}

/** Looks the username up, then adds that user. Throws ApiError (404 if there is no such user). */
export async function addMember(convId, username) {
  const user = await api.userByName(username);
  upsertUser(user);
  await api.addMember(convId, user.id);
  const roster = state.members.get(convId);
  const conv = state.conversations.get(convId);
  if (roster && !roster.ids.includes(user.id)) {
    roster.ids.push(user.id);
    if (conv) conv.member_count = (Number(conv.member_count) || 0) + 1;
  }
  watchPresence([user.id]);
  emit('members', convId);
  emit('conversations', convId);
  return user;
}

export async function removeMember(convId, userId) {
  await api.removeMember(convId, userId);
  const roster = state.members.get(convId);
  const conv = state.conversations.get(convId);
  const idx = roster ? roster.ids.indexOf(userId) : -1;
  if (idx >= 0) {
    roster.ids.splice(idx, 1);
    if (conv) conv.member_count = Math.max(0, (Number(conv.member_count) || 1) - 1);
  }
  emit('members', convId);
  emit('conversations', convId);
}

export async function openDm(username) {
  const conv = await api.openDm(username);
  upsertConversation(conv, { full: true });
  if (conv.peer) watchPresence([conv.peer.id]);
  openConversation(conv.id);
  return conv;
}

export async function updateProfile(patch) {
  const user = await api.updateMe(patch);
  upsertUser(user);
  return user;
}
