// Desktop notifications, Web Push registration, and the tab's title and favicon.
//
// Who is notified follows the server's rules (docs/api.md, "Mentions and notifications"): never for your own
// messages; nothing while a conversation is muted; "all" notifies of every message, "none" of nothing, "mentions"
// of messages naming you, @channel and @here. A notification is shown when the tab is hidden or another
// conversation is open. Permission is asked only when the user clicks "Enable" in the sidebar, never on load.

import { api } from './api.js';
import { state, emit, isMe, mentionsMe, conversationTitle, seqOf } from './store.js';
import { displayName, preview } from './format.js';

const DISMISSED_KEY = 'parley.notifications.dismissed';
const PUSH_KEY = 'parley.push.subscription';
const FRESH_MS = 2 * 60 * 1000;

export function supported() {
  return typeof window.Notification === 'function';
}

export function permission() {
  return supported() ? Notification.permission : 'denied';
}

/** Whether the sidebar should offer to turn notifications on. */
export function shouldOffer() {
  if (!supported() || permission() !== 'default') return false;
  try { return localStorage.getItem(DISMISSED_KEY) !== '1'; } catch { return true; }
}

export function dismissOffer() {
  try { localStorage.setItem(DISMISSED_KEY, '1'); } catch { /* ignore */ }
  emit('notifications');
}

/** Asks for permission (from a click) and, if granted, registers for push. */
export async function enable() {
  if (!supported()) return 'denied';
  const result = await Notification.requestPermission();
  emit('notifications');
  if (result === 'granted') registerPush();
  return result;
}

/** The level that applies: the member's choice, else mentions in channels over 25 members, else all. */
export function levelOf(conv) {
  if (conv?.notify) return conv.notify;
  return conv?.kind === 'channel' && Number(conv.member_count) > 25 ? 'mentions' : 'all';
}

export function isMuted(conv) {
  return !!conv?.muted_until && Date.parse(conv.muted_until) > Date.now();
}

/** Whether a new message notifies this user (who is online: @here counts). */
export function notifies(conv, m) {
  if (!conv || !m || m.deleted || isMe(m.author_id) || isMuted(conv)) return false;
  const level = levelOf(conv);
  if (level === 'all') return true;
  if (level === 'none') return false;
  return mentionsMe(m);
}

/** A live message arrived: shows a notification if the settings say so and the reader is not looking at it. */
export function onLiveMessage(m) {
  const conv = state.conversations.get(m?.conversation_id);
  if (!notifies(conv, m) || permission() !== 'granted') return;
  if (Date.now() - Date.parse(m.created_at) > FRESH_MS) return;
  if (document.visibilityState === 'visible' && state.activeId === conv.id) return;
  const author = state.users.get(m.author_id);
  const title = conv.kind === 'dm' ? displayName(author) : `#${conversationTitle(conv)}`;
  const body = conv.kind === 'dm' ? preview(m.content, 200) : `${displayName(author)}: ${preview(m.content, 200)}`;
  try {
    const n = new Notification(title, { body, tag: `c:${conv.id}`, icon: '/favicon.svg', data: { conversation_id: conv.id, seq: m.seq } });
    n.onclick = () => {
      window.focus();
      location.hash = messageHash(conv.id, m.seq);
      n.close();
    };
  } catch { /* some browsers allow notifications only from a service worker */ }
}

export function messageHash(convId, seq) {
  return `#/c/${encodeURIComponent(convId)}/m/${seqOf(seq)}`;
}

function applicationServerKey(base64url) {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/**
 * Registers the service worker and a push subscription with the server (idempotent: the server keeps one
 * subscription per endpoint). Quietly does nothing where push is unavailable or the server has it off.
 */
export async function registerPush() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || permission() !== 'granted') return;
  try {
    const registration = await navigator.serviceWorker.register('/sw.js');
    const { key } = await api.vapidKey();
    let sub = await registration.pushManager.getSubscription();
    if (!sub) {
      sub = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(key) });
    }
    const json = sub.toJSON();
    const res = await api.subscribePush({ endpoint: json.endpoint, keys: json.keys });
    localStorage.setItem(PUSH_KEY, res.id);
  } catch { /* no push service here, or the server has Web Push off */ }
}

/** On logout: this browser should no longer be pushed the user's messages. */
export async function unregisterPush() {
  try {
    const id = localStorage.getItem(PUSH_KEY);
    localStorage.removeItem(PUSH_KEY);
    if (id) await api.unsubscribePush(id);
  } catch { /* the session may already be gone */ }
}

/** Starts what needs no click: push registration if permission was given earlier, clicks from the service worker. */
export function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (e.data?.type === 'open' && typeof e.data.hash === 'string' && e.data.hash.startsWith('#/c/')) {
        window.focus();
        location.hash = e.data.hash;
      }
    });
  }
  if (permission() === 'granted') registerPush();
}

const FAVICON = '/favicon.svg';
const FAVICON_MENTION = '/favicon-mention.svg';

/** The tab's title and favicon: unread messages and unread mentions outside what is on screen. */
export function updateTitle() {
  let unread = 0;
  let mentions = 0;
  for (const c of state.conversations.values()) {
    const looking = c.id === state.activeId && document.visibilityState === 'visible';
    if (looking) continue;
    unread += Number(c.unread_count) || 0;
    mentions += Number(c.mention_count) || 0;
  }
  let title = 'Parley';
  if (unread) title = `(${unread}) ${title}`;
  if (mentions) title = `@${mentions} · ${title}`;
  if (document.title !== title) document.title = title;
  const link = document.querySelector('link[rel="icon"]');
  const href = mentions ? FAVICON_MENTION : FAVICON;
  if (link && link.getAttribute('href') !== href) link.setAttribute('href', href);
}
