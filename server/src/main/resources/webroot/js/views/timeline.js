// The scrolling message list of one conversation. Elements are keyed by message id and rebuilt
// only when what they show changes; the scroll position is kept across prepends (older pages)
// and pinned to the bottom while the reader is at the bottom. Read markers follow what is seen.

import { h, coalesce } from '../dom.js';
import { state, on, timeline, isMe, seqOf } from '../store.js';
import { dayKey, dayLabel } from '../format.js';
import { loadOlder, loadLatest } from '../history.js';
import { markRead } from '../readmarks.js';
import { editMessage, deleteMessage } from '../actions.js';
import * as outbox from '../outbox.js';
import { renderMessage, messageSig, renderPending, pendingSig } from './message.js';
import { confirmDialog } from './dialog.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

const NEAR_TOP_PX = 300;
const NEAR_BOTTOM_PX = 80;

/**
 * @param {string} convId
 * @param {object} hooks  onReply(message)
 * @returns {{el: HTMLElement, destroy(): void, scrollToBottom(): void, editLastOwn(): boolean}}
 */
export function mountTimeline(convId, hooks) {
  const top = h('div', { class: 'timeline-top', testid: 'history-status' });
  const items = h('div', { class: 'timeline-items' });
  const scroller = h('div', { class: 'timeline', testid: 'message-list', role: 'log', 'aria-label': 'Messages', tabindex: '0' }, top, items);
  const jump = h('button', { type: 'button', class: 'jump-bottom', testid: 'jump-to-bottom', hidden: true, onclick: () => scrollToBottom() }, icon('down', 16), 'Jump to latest');
  const el = h('div', { class: 'timeline-wrap' }, scroller, jump);

  const nodes = new Map();
  let editingId = null;
  let firstPaint = true;
  let forceBottom = false;
  const conv0 = state.conversations.get(convId);
  const unreadAfter = seqOf(conv0?.last_read_seq);
  const disposers = [];

  const ctx = {
    get conv() { return state.conversations.get(convId); },
    tl: timeline(convId),
    editing: false,
    onReply: (m) => hooks.onReply(m),
    onStartEdit: (m) => { editingId = m.id; render(); },
    onCancelEdit: () => { editingId = null; render(); hooks.focusComposer?.(); },
    onSaveEdit: async (m, content, { error, save }) => {
      if (content === m.content) { ctx.onCancelEdit(); return; }
      save.disabled = true;
      try {
        await editMessage(convId, m.id, content);
        editingId = null;
        render();
        hooks.focusComposer?.();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        save.disabled = false;
      }
    },
    onDelete: async (m, event) => {
      if (!event.shiftKey) {
        const ok = await confirmDialog({ title: 'Delete message?', message: 'This message will be removed for everyone.', confirmLabel: 'Delete' });
        if (!ok) return;
      }
      try {
        await deleteMessage(convId, m.id);
      } catch (e) {
        toast(e.message, 'error');
      }
    },
    onQuoteClick: (id) => {
      const node = nodes.get(`m:${id}`);
      if (!node) return;
      node.el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      node.el.classList.add('msg-flash');
      node.el.focus({ preventScroll: true });
      setTimeout(() => node.el.classList.remove('msg-flash'), 1600);
    },
    onRetry: (item) => outbox.retry(item.nonce),
    onDiscard: (item) => outbox.discard(item.nonce),
  };

  function renderTop(tl, conv) {
    let content;
    if (tl.error && !tl.loaded) {
      content = [h('span', { class: 'form-error' }, `Could not load messages: ${tl.error.message}`), ' ',
        h('button', { type: 'button', class: 'button button-small', testid: 'history-retry', onclick: () => loadLatest(convId) }, 'Retry')];
    } else if (!tl.loaded) {
      content = [h('span', { class: 'muted' }, 'Loading messages…')];
    } else if (tl.loadingOlder) {
      content = [h('span', { class: 'muted' }, 'Loading older messages…')];
    } else if (tl.hasMoreBefore) {
      content = [h('button', { type: 'button', class: 'button button-small', testid: 'load-older', onclick: () => loadOlder(convId) }, 'Load older messages')];
    } else {
      const what = conv?.kind === 'dm' ? 'your conversation' : `#${conv?.name ?? ''}`;
      content = [h('div', { class: 'history-start', testid: 'history-start' },
        h('strong', null, `This is the beginning of ${what}.`),
        conv?.kind === 'channel' && conv.topic ? h('div', { class: 'muted' }, conv.topic) : null)];
    }
    top.replaceChildren(...content);
  }

  function entries(tl) {
    const out = [];
    let lastDay = null;
    let dividerPlaced = false;
    for (const m of tl.sorted()) {
      if (m.deleted) continue;
      const day = dayKey(m.created_at);
      if (day !== lastDay) {
        const label = dayLabel(m.created_at);
        out.push({ key: `d:${day}`, sig: label, build: () => h('div', { class: 'day-divider', role: 'separator' }, h('span', null, label)) });
        lastDay = day;
      }
      if (!dividerPlaced && unreadAfter > 0 && seqOf(m.seq) > unreadAfter && !isMe(m.author_id)) {
        dividerPlaced = true;
        out.push({ key: 'unread', sig: 'u', build: () => h('div', { class: 'unread-divider', testid: 'unread-divider', role: 'separator' }, h('span', null, 'New')) });
      }
      const mctx = Object.create(ctx, { editing: { value: editingId === m.id } });
      out.push({ key: `m:${m.id}`, sig: messageSig(m, mctx), build: () => renderMessage(m, mctx) });
    }
    for (const item of outbox.pendingFor(convId)) {
      out.push({ key: `p:${item.nonce}`, sig: pendingSig(item), build: () => renderPending(item, ctx) });
    }
    return out;
  }

  function captureScroll() {
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom) return { atBottom };
    for (const child of items.children) {
      if (!child.dataset.seq) continue;
      if (child.offsetTop + child.offsetHeight > scroller.scrollTop) {
        return { atBottom, anchor: child, offset: child.offsetTop - scroller.scrollTop };
      }
    }
    return { atBottom };
  }

  function restoreScroll(before) {
    if (firstPaint || forceBottom || before.atBottom) {
      scroller.scrollTop = scroller.scrollHeight;
    } else if (before.anchor && before.anchor.isConnected) {
      scroller.scrollTop = before.anchor.offsetTop - before.offset;
    }
  }

  function render() {
    const tl = timeline(convId);
    ctx.tl = tl;
    const conv = state.conversations.get(convId);
    const before = captureScroll();
    renderTop(tl, conv);
    const list = entries(tl);
    const seen = new Set();
    let prev = null;
    for (const entry of list) {
      seen.add(entry.key);
      let node = nodes.get(entry.key);
      if (!node || node.sig !== entry.sig) {
        const fresh = entry.build();
        if (node) node.el.replaceWith(fresh);
        node = { el: fresh, sig: entry.sig };
        nodes.set(entry.key, node);
      }
      const expected = prev ? prev.nextSibling : items.firstChild;
      if (node.el !== expected) items.insertBefore(node.el, expected);
      prev = node.el;
    }
    for (const [key, node] of nodes) {
      if (!seen.has(key)) {
        node.el.remove();
        nodes.delete(key);
      }
    }
    restoreScroll(before);
    if (tl.loaded && scroller.isConnected && scroller.clientHeight > 0) firstPaint = false;
    forceBottom = false;
    afterLayout();
  }

  /** Loads more history while the top is in view; advances the read marker; toggles "jump". */
  function afterLayout() {
    const tl = timeline(convId);
    if (tl.loaded && tl.hasMoreBefore && !tl.loadingOlder && scroller.scrollTop < NEAR_TOP_PX) loadOlder(convId);
    const distance = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    jump.hidden = distance < 400;
    markSeen();
  }

  function markSeen() {
    if (document.visibilityState !== 'visible') return;
    const tl = timeline(convId);
    if (!tl.loaded) return;
    const bottom = scroller.scrollTop + scroller.clientHeight;
    const children = items.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (!child.dataset.seq) continue;
      if (child.offsetTop + Math.min(child.offsetHeight, 40) <= bottom + 1) {
        markRead(convId, seqOf(child.dataset.seq));
        return;
      }
    }
  }

  function scrollToBottom() {
    forceBottom = true;
    scroller.scrollTop = scroller.scrollHeight;
    schedule();
  }

  function editLastOwn() {
    const mine = timeline(convId).sorted().filter((m) => !m.deleted && isMe(m.author_id));
    const last = mine[mine.length - 1];
    if (!last) return false;
    editingId = last.id;
    render();
    return true;
  }

  const schedule = coalesce(render);
  const onScroll = coalesce(afterLayout);
  scroller.addEventListener('scroll', onScroll, { passive: true });
  const onVisible = () => markSeen();
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', onVisible);
  const resize = new ResizeObserver(() => {
    if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX * 2) scroller.scrollTop = scroller.scrollHeight;
  });
  resize.observe(scroller);
  scroller.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && editingId) ctx.onCancelEdit();
  });

  disposers.push(
    on('timeline', (id) => { if (id === convId) schedule(); }),
    on('outbox', (id) => { if (id === convId) schedule(); }),
    on('users', schedule),
    on('conversations', (id) => { if (id === convId || id === undefined) schedule(); }),
    () => document.removeEventListener('visibilitychange', onVisible),
    () => window.removeEventListener('focus', onVisible),
    () => resize.disconnect(),
  );
  const tl0 = timeline(convId);
  if (!tl0.loaded && !tl0.loadingLatest) loadLatest(convId);
  render();
  schedule();

  return {
    el,
    scrollToBottom,
    editLastOwn,
    destroy() { for (const off of disposers) off(); },
  };
}
