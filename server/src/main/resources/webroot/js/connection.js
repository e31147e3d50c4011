// The app's single gateway connection, wired to the store, the outbox and the event handlers.

import { api } from './api.js';
import { Gateway } from './gateway.js';
import { session } from './session.js';
import { state, emit } from './store.js';
import { handleFrame } from './events.js';
import * as outbox from './outbox.js';

let gateway = null;

function cursors() {
  const out = {};
  for (const [id, tl] of state.timelines) {
    if (tl.loaded && state.conversations.has(id)) out[id] = tl.cursor;
  }
  return out;
}

function onStatus(status, info) {
  const c = state.connection;
  c.status = status;
  c.retryAt = info.retryAt || 0;
  if (status === 'live') {
    c.everLive = true;
    c.failures = 0;
  } else if (status === 'waiting') {
    c.failures++;
  }
  emit('connection');
  if (status === 'live') outbox.flush();
  else outbox.pause();
}

export const connection = {
  start() {
    if (gateway) return;
    gateway = new Gateway({
      resolveUrl: async () => (await api.gateway())?.url,
      getToken: () => session.token,
      getCursors: cursors,
      onFrame: handleFrame,
      onStatus,
      onInvalidSession: () => session.expire('This device was logged out. Please log in again.'),
    });
    gateway.start();
  },
  stop() {
    if (!gateway) return;
    const g = gateway;
    gateway = null;
    g.stop();
  },
  send(op, d) {
    return !!gateway && gateway.send(op, d);
  },
  get isLive() {
    return !!gateway && gateway.isLive;
  },
  retryNow() {
    if (gateway) gateway.retryNow();
  },
};
