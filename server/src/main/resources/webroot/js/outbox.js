// Sends waiting for their SEND_ACK. Each keeps the nonce it was given when typed, so a resend
// after a reconnect can never create a second message. Kept in localStorage across reloads.

import { connection } from './connection.js';
import { state, emit } from './store.js';

const KEY = 'parley.outbox';
let items = [];

function newNonce() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function persist() {
  try {
    if (items.length) localStorage.setItem(KEY, JSON.stringify({ user_id: state.me?.id, items }));
    else localStorage.removeItem(KEY);
  } catch { /* storage full or unavailable: the queue lives in memory only */ }
}

function changed(convIds) {
  persist();
  for (const id of new Set(convIds)) emit('outbox', id);
}

/** Restores the queue saved for this user (another user's queue is dropped). */
export function restore(userId) {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (saved && saved.user_id === userId && Array.isArray(saved.items)) {
      const known = new Set(items.map((i) => i.nonce));
      for (const i of saved.items) {
        if (!known.has(i.nonce)) items.push({ ...i, status: i.status === 'failed' ? 'failed' : 'queued', autoRetries: 0 });
      }
    } else if (saved && saved.user_id && saved.user_id !== userId) {
      localStorage.removeItem(KEY);
    }
  } catch { /* unreadable: ignore */ }
  changed(items.map((i) => i.conversation_id));
  flush();
}

export function clearAll() {
  items = [];
  try { localStorage.removeItem(KEY); } catch { /* ignore */ }
}

export function pendingFor(convId) {
  return items.filter((i) => i.conversation_id === convId);
}

export function has(nonce) {
  return items.some((i) => i.nonce === nonce);
}

export function enqueue(convId, content, replyTo) {
  const item = {
    nonce: newNonce(),
    conversation_id: convId,
    content,
    reply_to: replyTo || null,
    status: 'queued',
    error: null,
    created_at: new Date().toISOString(),
  };
  items.push(item);
  changed([convId]);
  flush();
  return item;
}

/**
 * Sends what is queued, in order: in each conversation a message goes only once every earlier one is acknowledged
 * (one in flight at a time), so one refused by the rate limit and tried again later is never overtaken. Failed
 * ones (refused for good, waiting for the user) hold nothing up. Called when the gateway goes live, after each
 * enqueue and after each acknowledgement.
 */
export function flush() {
  if (!connection.isLive) return;
  const touched = [];
  const busy = new Set();
  for (const item of items) {
    if (item.status === 'sending' || item.status === 'waiting') busy.add(item.conversation_id);
  }
  for (const item of items) {
    if (item.status !== 'queued' || busy.has(item.conversation_id)) continue;
    busy.add(item.conversation_id);
    const d = { conversation_id: item.conversation_id, content: item.content, nonce: item.nonce };
    if (item.reply_to) d.reply_to = item.reply_to;
    if (!connection.send('SEND', d)) break;
    item.status = 'sending';
    touched.push(item.conversation_id);
  }
  if (touched.length) changed(touched);
}

/** The socket went away: anything unacknowledged is sent again (same nonce) once live. */
export function pause() {
  const touched = [];
  for (const item of items) {
    if (item.status === 'sending') {
      item.status = 'queued';
      touched.push(item.conversation_id);
    }
  }
  if (touched.length) changed(touched);
}

/**
 * Removes the item once the server has the message (SEND_ACK or our own MESSAGE_CREATE), clears a rate-limit
 * notice it left, and sends the next one of its conversation.
 */
export function settle(nonce) {
  const idx = items.findIndex((i) => i.nonce === nonce);
  if (idx < 0) return null;
  const [item] = items.splice(idx, 1);
  const notice = state.composerErrors.get(item.conversation_id);
  if (notice && isRateLimit(notice) && !items.some((i) => i.conversation_id === item.conversation_id && i.status === 'waiting')) {
    state.composerErrors.delete(item.conversation_id);
    emit('composer-error', item.conversation_id);
  }
  changed([item.conversation_id]);
  flush();
  return item;
}

function isRateLimit(error) {
  return /rate/.test(error?.code || '') || error?.retry_after_ms != null;
}

const MAX_AUTO_RETRIES = 5;

/**
 * A refused send. Rate-limited ones are tried again by themselves after retry_after_ms (a few
 * times); anything else waits for the user to retry or discard it.
 */
export function fail(nonce, error) {
  const item = items.find((i) => i.nonce === nonce);
  if (!item) return null;
  item.error = error || { code: 'unknown', message: 'The message could not be sent.' };
  const rateLimited = isRateLimit(item.error);
  if (rateLimited && (item.autoRetries || 0) < MAX_AUTO_RETRIES) {
    item.autoRetries = (item.autoRetries || 0) + 1;
    item.status = 'waiting';
    const delay = Math.max(250, Number(item.error.retry_after_ms) || 1000);
    setTimeout(() => {
      if (item.status !== 'waiting' || !items.includes(item)) return;
      item.status = 'queued';
      changed([item.conversation_id]);
      flush();
    }, delay);
  } else {
    item.status = 'failed';
  }
  changed([item.conversation_id]);
  if (item.status === 'failed') flush();
  return item;
}

export function retry(nonce) {
  const item = items.find((i) => i.nonce === nonce);
  if (!item) return;
  item.status = 'queued';
  item.error = null;
  changed([item.conversation_id]);
  flush();
}

export function discard(nonce) {
  settle(nonce);
}
