// Read markers: advanced locally at once, sent to the server (READ op, or REST offline)
// at most every few hundred milliseconds per conversation.

import { api } from './api.js';
import { connection } from './connection.js';
import { state, emit, seqOf, recomputeUnread } from './store.js';

const pending = new Map();
const timers = new Map();

export function markRead(convId, seq) {
  const conv = state.conversations.get(convId);
  if (!conv || seqOf(seq) <= seqOf(conv.last_read_seq)) return;
  conv.last_read_seq = seqOf(seq);
  recomputeUnread(convId);
  emit('conversations', convId);
  pending.set(convId, seqOf(seq));
  if (!timers.has(convId)) timers.set(convId, setTimeout(() => send(convId), 300));
}

function send(convId) {
  timers.delete(convId);
  const seq = pending.get(convId);
  pending.delete(convId);
  if (!seq || !state.conversations.has(convId)) return;
  if (!connection.send('READ', { conversation_id: convId, seq })) {
    api.markRead(convId, seq).catch(() => {});
  }
}
