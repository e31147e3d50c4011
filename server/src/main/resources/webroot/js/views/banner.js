// "Reconnecting…" banner: shown only while the gateway is down after having been up
// (or after a failed first attempt), with the time of the next try and a retry button.

import { h } from '../dom.js';
import { state, on } from '../store.js';
import { connection } from '../connection.js';

export function mountBanner() {
  const text = h('span', { class: 'banner-text', testid: 'connection-status' });
  const retry = h('button', { type: 'button', class: 'link-button', testid: 'connection-retry', onclick: () => connection.retryNow() }, 'Retry now');
  const el = h('div', { class: 'banner', testid: 'connection-banner', role: 'status', hidden: true },
    h('span', { class: 'banner-spinner', 'aria-hidden': 'true' }), text, retry);
  let timer = null;

  function render() {
    clearTimeout(timer);
    const c = state.connection;
    const down = c.status !== 'live' && c.status !== 'stopped' && (c.everLive || c.failures > 0);
    el.hidden = !down;
    if (!down) return;
    let detail = '';
    if (c.status === 'waiting' && c.retryAt) {
      const secs = Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000));
      detail = secs > 0 ? ` Trying again in ${secs} s.` : '';
      timer = setTimeout(render, 500);
    } else if (c.status === 'catching_up') {
      detail = ' Catching up…';
    }
    text.textContent = `Reconnecting…${detail}`;
    text.title = 'Messages you send will be delivered once connected.';
    retry.hidden = c.status !== 'waiting';
  }

  on('connection', render);
  render();
  return el;
}
