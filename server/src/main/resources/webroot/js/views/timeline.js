// The scrolling message list of one conversation. Elements are keyed by message id and rebuilt
// only when what they show changes; the scroll position is kept across prepends (older pages)
// and pinned to the bottom while the reader is at the bottom. Read markers follow what is seen.

import { h, coalesce } from '../dom.js';
import { state, on, timeline, isMe, seqOf } from '../store.js';
import { dayKey, dayLabel, displayName, timestamp } from '../format.js';
import { loadOlder, loadLatest, loadAround, loadNewer, reloadLatest } from '../history.js';
import { handleFrame } from '../events.js';
import { messageHash } from '../notifications.js';
import { markRead } from '../readmarks.js';
import { editMessage, deleteMessage } from '../actions.js';
import * as outbox from '../outbox.js';
import { renderMessage, messageSig, renderPending, pendingSig } from './message.js';
import { confirmDialog } from './dialog.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

const NEAR_TOP_PX = 300;
const NEAR_BOTTOM_PX = 80;
const COARSE = window.matchMedia('(hover: none) and (pointer: coarse)');
/** Messages of one author this close together show as one group (one avatar and name). */
const GROUP_MS = 5 * 60 * 1000;

/** The text of a membership or channel line, from the event and the conversation as it was before. */
function systemText(line) {
  const who = line.user ? displayName(state.users.get(line.user.id) || line.user) : 'Someone';
  if (line.op === 'MEMBER_ADD') return `${who} joined the channel.`;
  if (line.op === 'MEMBER_REMOVE') return `${who} is no longer in the channel.`;
  const c = line.conversation || {};
  const b = line.before;
  const parts = [];
  if (b && c.owner_id && b.owner_id && c.owner_id !== b.owner_id) {
    const owner = state.users.get(c.owner_id);
    parts.push(`${owner ? displayName(owner) : 'Another member'} is now the channel's owner.`);
  }
  if (!b || (c.name && c.name !== b.name)) parts.push(`The channel is now called #${c.name}.`);
  if (b && (c.topic ?? '') !== (b.topic ?? '')) parts.push(c.topic ? `Topic changed to “${c.topic}”.` : 'The topic was cleared.');
  if (!parts.length && b && c.members_may_mention_all != null) {
    parts.push(c.members_may_mention_all ? 'Members may now use @here and @channel.' : 'Only the owner may use @here and @channel now.');
  }
  return parts.join(' ') || 'The channel was changed.';
}

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
  let selectedId = null;
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
    onQuoteClick: (id) => jumpTo({ id }),
    onCopyLink: async (m) => {
      const url = `${location.origin}/${messageHash(convId, m.seq)}`;
      try {
        await navigator.clipboard.writeText(url);
        toast('Link copied.');
      } catch {
        toast(url);
      }
    },
    onRetry: (item) => outbox.retry(item.nonce),
    onDiscard: (item) => outbox.discard(item.nonce),
  };

  function renderTop(tl, conv) {
    let content;
    if (tl.error && !tl.loaded) {
      content = [h('span', { class: 'form-error' }, `Could not load messages: ${tl.error.message}`), ' ',
        h('button', { type: 'button', class: 'button button-small', testid: 'history-retry', onclick: () => loadLatest(convId, handleFrame) }, 'Retry')];
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

  /** Messages and system lines in seq order; lines outside the loaded messages' range wait until it reaches them. */
  function timelineItems(tl) {
    const list = tl.sorted().filter((m) => !m.deleted).map((m) => ({ seq: seqOf(m.seq), m }));
    if (tl.system.size) {
      const lo = tl.hasMoreBefore && list.length ? list[0].seq : 0;
      const hi = tl.hasMoreAfter && list.length ? list[list.length - 1].seq : Infinity;
      for (const line of tl.system.values()) if (line.seq > lo && line.seq < hi) list.push({ seq: line.seq, line });
      list.sort((a, b) => a.seq - b.seq);
    }
    return list;
  }

  function entries(tl) {
    const out = [];
    let lastDay = null;
    let dividerPlaced = false;
    let prev = null;
    for (const item of timelineItems(tl)) {
      if (item.line) {
        const text = systemText(item.line);
        out.push({ key: `s:${item.seq}`, sig: text, build: () => h('div', { class: 'system-line', testid: 'system-line', dataset: { seq: item.seq, op: item.line.op }, role: 'note' }, text) });
        prev = null;
        continue;
      }
      const m = item.m;
      const day = dayKey(m.created_at);
      if (day !== lastDay) {
        const label = dayLabel(m.created_at);
        out.push({ key: `d:${day}`, sig: label, build: () => h('div', { class: 'day-divider', role: 'separator' }, h('span', null, label)) });
        lastDay = day;
        prev = null;
      }
      if (!dividerPlaced && unreadAfter > 0 && seqOf(m.seq) > unreadAfter && !isMe(m.author_id)) {
        dividerPlaced = true;
        out.push({ key: 'unread', sig: 'u', build: () => h('div', { class: 'unread-divider', testid: 'unread-divider', role: 'separator' }, h('span', null, 'New')) });
        prev = null;
      }
      const grouped = !!prev && prev.author_id === m.author_id && !m.reply_to
        && timestamp(m.created_at) - timestamp(prev.created_at) < GROUP_MS;
      const mctx = Object.create(ctx, { editing: { value: editingId === m.id }, grouped: { value: grouped }, selected: { value: selectedId === m.id } });
      out.push({ key: `m:${m.id}`, sig: messageSig(m, mctx), build: () => renderMessage(m, mctx) });
      prev = m;
    }
    for (const item of outbox.pendingFor(convId)) {
      out.push({ key: `p:${item.nonce}`, sig: pendingSig(item), build: () => renderPending(item, ctx) });
    }
    if (tl.hasMoreAfter) {
      out.push({ key: 'newer', sig: String(!!tl.loadingNewer), build: () => h('div', { class: 'timeline-bottom', testid: 'history-newer' },
        tl.loadingNewer ? h('span', { class: 'muted' }, 'Loading newer messages…')
          : h('button', { type: 'button', class: 'button button-small', testid: 'load-newer', onclick: () => loadNewer(convId, handleFrame) }, 'Load newer messages')) });
    }
    return out;
  }

  /** Scrolls to a message and flashes it, loading the history around it first if it is not loaded. {id} or {seq}. */
  async function jumpTo(target) {
    const loading = timeline(convId).loadingLatest;
    if (loading) await loading;
    const find = () => {
      const tl = timeline(convId);
      const m = target.id ? tl.byId.get(target.id) : tl.sorted().find((x) => seqOf(x.seq) === seqOf(target.seq));
      return m && !m.deleted ? nodes.get(`m:${m.id}`) : null;
    };
    let node = find();
    if (!node) {
      try {
        await loadAround(convId, target.id ? { id: target.id } : { seq: target.seq });
      } catch (e) {
        toast(e.status === 404 ? 'That message is no longer there.' : e.message, 'error');
        return;
      }
      render();
      node = find();
      if (!node) {
        toast('That message is no longer there.', 'error');
        return;
      }
    }
    node.el.scrollIntoView({ block: 'center' });
    node.el.focus({ preventScroll: true });
    node.el.classList.add('msg-flash');
    setTimeout(() => node.el.classList.remove('msg-flash'), 1600);
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

  /** Loads more history while the top (or, in a window, the bottom) is in view; advances the read marker; toggles "jump". */
  function afterLayout() {
    const tl = timeline(convId);
    if (tl.loaded && tl.hasMoreBefore && !tl.loadingOlder && scroller.scrollTop < NEAR_TOP_PX) loadOlder(convId);
    const distance = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    if (tl.loaded && tl.hasMoreAfter && !tl.loadingNewer && distance < NEAR_TOP_PX) loadNewer(convId, handleFrame);
    jump.hidden = distance < 400 && !tl.hasMoreAfter;
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
    if (timeline(convId).hasMoreAfter) {
      forceBottom = true;
      reloadLatest(convId, undefined, handleFrame);
      return;
    }
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
  // On a touch screen a message's actions appear when it is tapped (and go when another is, or it is tapped again).
  items.addEventListener('click', (e) => {
    if (!COARSE.matches || e.target.closest('button, a, textarea, input, form')) return;
    const article = e.target.closest('.msg[data-message-id]');
    selectedId = article && article.dataset.messageId !== selectedId ? article.dataset.messageId : null;
    render();
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
  if (!tl0.loaded && !tl0.loadingLatest) loadLatest(convId, handleFrame);
  render();
  schedule();

  return {
    el,
    scrollToBottom,
    editLastOwn,
    jumpTo,
    destroy() { for (const off of disposers) off(); },
  };
}
