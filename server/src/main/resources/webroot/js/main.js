// Entry point: chooses between the login screen and the app, follows the URL hash
// (#/c/<conversation id>) and tears everything down on logout.

import { api } from './api.js';
import { session } from './session.js';
import { state, resetState, clearListeners, setMe, upsertConversation, setServerOrder, emit } from './store.js';
import { connection } from './connection.js';
import { selectConversation } from './actions.js';
import { forgetPresence, watchPresence } from './presence.js';
import * as outbox from './outbox.js';
import * as notifications from './notifications.js';
import { renderAuth } from './views/auth.js';
import { mountShell } from './views/shell.js';

const root = document.getElementById('root');

/** #/c/<conversation id>, or #/c/<conversation id>/m/<seq>: a link to a message. */
function conversationFromHash() {
  const m = /^#\/c\/([^/]+)(?:\/m\/(\d+))?$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

function messageFromHash() {
  const m = /^#\/c\/([^/]+)\/m\/(\d+)$/.exec(location.hash);
  return m ? { convId: decodeURIComponent(m[1]), seq: Number(m[2]) } : null;
}

/** Follows the URL: the conversation, and the message a link points at once it is on screen. */
function followHash() {
  selectConversation(conversationFromHash());
  const target = messageFromHash();
  if (target) emit('jump', target);
}

function showAuth(notice) {
  document.title = 'Parley';
  root.replaceChildren(renderAuth({
    notice,
    onAuthenticated: (res) => {
      session.save(res.token);
      startApp(res.user);
    },
  }));
}

function closeDialogs() {
  for (const d of document.querySelectorAll('dialog')) {
    if (d.open) d.close();
    d.remove();
  }
}

/** Forgets everything about the signed-in user on this tab. */
function endSession(notice) {
  connection.stop();
  session.clear();
  closeDialogs();
  clearListeners();
  resetState();
  forgetPresence();
  showAuth(notice);
}

async function logout() {
  await notifications.unregisterPush();
  try { await api.logout(); } catch { /* the token is dropped locally either way */ }
  outbox.clearAll();
  endSession('You have logged out.');
}

function startApp(user) {
  clearListeners();
  resetState();
  if (user) setMe(user);
  root.replaceChildren(mountShell({ onLogout: logout }));
  followHash();
  connection.start();
  notifications.start();

  api.me().then((me) => {
    setMe(me);
    outbox.restore(me.id);
  }).catch(() => { /* offline: READY will tell us who we are */ });

  api.conversations().then((res) => {
    if (state.readySeen) return;
    const list = res?.conversations || [];
    setServerOrder(list);
    for (const c of list) upsertConversation(c, { full: true });
    state.listLoaded = true;
    watchPresence(list.filter((c) => c.kind === 'dm' && c.peer).map((c) => c.peer.id));
    emit('conversations');
    followHash();
  }).catch(() => { /* READY will bring the list */ });
}

session.onExpire((reason) => endSession(reason));
window.addEventListener('hashchange', () => {
  if (session.token) followHash();
});

if (session.token) startApp(null);
else showAuth();
