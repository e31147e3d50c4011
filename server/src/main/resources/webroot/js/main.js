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
import { deviceName } from './format.js';
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

/** The sign-in links' part of the fragment: #invite=CODE, #reset=SECRET, #oidc=CODE or #oidc_error=…&message=… */
function authLink() {
  const m = /^#(invite|reset|oidc|oidc_error)=(.*)$/.exec(location.hash);
  if (!m) return null;
  const params = new URLSearchParams(location.hash.slice(1));
  return { kind: m[1], value: params.get(m[1]), message: params.get('message') };
}

function showAuth(notice, extra = {}) {
  document.title = 'Parley';
  root.replaceChildren(renderAuth({
    notice,
    ...extra,
    onAuthenticated: (res) => {
      session.save(res.token);
      if (authLink()) history.replaceState(null, '', '#/');
      startApp(res.user);
    },
  }));
}

/** Follows a sign-in link once: the secret leaves the address bar at once. */
async function followAuthLink(link) {
  history.replaceState(null, '', '#/');
  if (link.kind === 'invite') { showAuth(null, { invite: link.value }); return; }
  if (link.kind === 'reset') { showAuth(null, { reset: link.value }); return; }
  if (link.kind === 'oidc_error') { showAuth(null, { error: link.message || 'Single sign-on did not work.' }); return; }
  try {
    const res = await api.oidcExchange(link.value, deviceName());
    session.save(res.token);
    startApp(res.user);
  } catch (e) {
    showAuth(null, { error: e.message });
  }
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

const link = authLink();
if (link && link.kind !== 'oidc' && link.kind !== 'oidc_error' && session.token) {
  // someone signed in here opened an invite or reset link: it is for another account, so sign out first
  api.logout().catch(() => { /* the token is dropped locally either way */ });
  session.clear();
}
if (link) followAuthLink(link);
else if (session.token) startApp(null);
else showAuth();
