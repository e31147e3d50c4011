// Fetches profiles the client has not seen yet (authors of live messages, typing users).

import { api } from './api.js';
import { state, upsertUser } from './store.js';

const inflight = new Set();
const missing = new Set();

export function ensureUser(id) {
  if (!id || state.users.has(id) || inflight.has(id) || missing.has(id)) return;
  inflight.add(id);
  api.user(id)
    .then((user) => upsertUser(user))
    .catch((e) => { if (e.status === 404) missing.add(id); })
    .finally(() => inflight.delete(id));
}

export function ensureUsers(ids) {
  for (const id of ids) ensureUser(id);
}
