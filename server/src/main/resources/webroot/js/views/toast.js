// Short-lived notices in the corner.

import { h } from '../dom.js';

let host = null;

function ensureHost() {
  if (host && host.isConnected) return host;
  host = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  document.body.append(host);
  return host;
}

export function toast(message, kind = 'info', ms = 5000) {
  const el = h('div', { class: `toast toast-${kind}`, testid: 'toast' }, message);
  ensureHost().append(el);
  setTimeout(() => el.remove(), ms);
}
