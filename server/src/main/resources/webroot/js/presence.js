// Presence of the users on screen: queried once over REST, then kept fresh by
// SUBSCRIBE_PRESENCE + PRESENCE_UPDATE. Subscriptions are renewed on every new connection.

import { api } from './api.js';
import { connection } from './connection.js';
import { state, setPresence, emit } from './store.js';
import { prefs } from './session.js';

const watched = new Set();
const CHUNK = 100;

function chunks(list) {
  const out = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

async function query(ids) {
  for (const part of chunks(ids)) {
    try {
      const res = await api.presence(part);
      for (const p of res?.presence || []) setPresence(p.user_id, p.status);
    } catch { /* presence is cosmetic; the next update will fix it */ }
  }
}

function subscribe(ids) {
  for (const part of chunks(ids)) connection.send('SUBSCRIBE_PRESENCE', { user_ids: part });
}

export function watchPresence(ids) {
  const fresh = [...new Set(ids)].filter((id) => id && !watched.has(id));
  if (!fresh.length) return;
  for (const id of fresh) watched.add(id);
  subscribe(fresh);
  query(fresh);
}

/** After READY: the new socket knows nothing of our subscriptions. */
export function renewPresence() {
  const ids = [...watched];
  if (!ids.length) return;
  subscribe(ids);
  query(ids);
}

export function forgetPresence() {
  watched.clear();
}

// ---- my own status

export const STATUSES = ['auto', 'online', 'idle', 'dnd', 'invisible'];

export function myChosenStatus() {
  const s = prefs.get('status', 'auto');
  return STATUSES.includes(s) ? s : 'auto';
}

export async function setMyStatus(status) {
  prefs.set('status', status);
  emit('me');
  try {
    await api.setPresence(status);
  } catch (e) {
    if (!connection.send('SET_STATUS', { status })) throw e;
  }
}

/** Re-applies a non-default status on a fresh connection, in case the server forgot it. */
export function reapplyMyStatus() {
  const status = myChosenStatus();
  if (status !== 'auto') connection.send('SET_STATUS', { status });
}

/** The dot shown for myself: what I chose, or online/offline from the connection. */
export function myDisplayedStatus() {
  const chosen = myChosenStatus();
  if (chosen === 'invisible') return 'offline';
  if (chosen !== 'auto') return chosen;
  return state.connection.status === 'live' ? 'online' : 'offline';
}
