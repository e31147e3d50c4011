// One message (or one not-yet-acknowledged send) as DOM. Authors come from the live user map,
// so a changed name or avatar re-renders old messages too.

import { h } from '../dom.js';
import { state, isMe, mentionsMe } from '../store.js';
import { displayName, shortTime, fullTime, preview, MAX_MESSAGE_CHARS, charCount } from '../format.js';
import { renderMarkdown } from '../markdown.js';
import { avatar } from './avatar.js';
import { icon } from './icons.js';

function author(id) {
  return state.users.get(id) || null;
}

export function canDelete(m, conv) {
  return isMe(m.author_id) || (conv?.kind === 'channel' && isMe(conv.owner_id));
}

function quoted(m, tl) {
  if (!m.reply_to) return null;
  const target = tl.byId.get(m.reply_to);
  if (!target) return { state: 'missing' };
  if (target.deleted) return { state: 'deleted' };
  const u = author(target.author_id);
  return { state: 'ok', id: target.id, name: displayName(u), user: u, text: preview(target.content, 120) };
}

/** Everything the rendering depends on; the element is rebuilt only when this changes. */
export function messageSig(m, ctx) {
  // While the message is being edited its node is kept as it is: rebuilding it would reset the edit box
  // (and what was typed in it) whenever the author's profile or the conversation changed meanwhile.
  if (ctx.editing) return JSON.stringify(['editing', m.id, m.deleted]);
  const u = author(m.author_id);
  const q = quoted(m, ctx.tl);
  return JSON.stringify([
    m.content, m.edited_at || null, u?.display_name, u?.username, u?.avatar_url,
    q && [q.state, q.name, q.text, q.user?.avatar_url], canDelete(m, ctx.conv), ctx.editing, !!ctx.grouped, !!ctx.selected,
    mentionNames(m),
  ]);
}

function quoteBlock(m, ctx) {
  const q = quoted(m, ctx.tl);
  if (!q) return null;
  const body = q.state === 'ok'
    ? [avatar(q.user, 16, null), h('span', { class: 'quote-author' }, q.name), h('span', { class: 'quote-text' }, q.text || '…')]
    : [h('span', { class: 'quote-text muted' }, q.state === 'deleted' ? 'Original message was deleted' : 'Original message not loaded')];
  return h('button', {
    type: 'button',
    class: 'msg-quote',
    testid: 'message-reply-quote',
    dataset: { replyTo: m.reply_to },
    title: 'Jump to the original message',
    onclick: () => ctx.onQuoteClick(m.reply_to),
  }, icon('reply', 14), ...body);
}

function editForm(m, ctx) {
  const input = h('textarea', { class: 'input msg-edit-input', testid: 'message-edit-input', rows: 2, 'aria-label': 'Edit message', value: m.content });
  const error = h('p', { class: 'form-error', testid: 'message-edit-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'button button-primary button-small', testid: 'message-edit-save' }, 'Save');
  const form = h('form', {
    class: 'msg-edit',
    testid: 'message-edit-form',
    onsubmit: (e) => {
      e.preventDefault();
      const content = input.value.trim();
      if (!content) {
        error.textContent = 'A message cannot be empty. Delete it instead.';
        error.hidden = false;
        return;
      }
      if (charCount(content) > MAX_MESSAGE_CHARS) {
        error.textContent = `Too long: ${charCount(content)} characters (the limit is ${MAX_MESSAGE_CHARS.toLocaleString()}).`;
        error.hidden = false;
        return;
      }
      ctx.onSaveEdit(m, content, { error, save });
    },
  },
  input,
  h('div', { class: 'msg-edit-bar' },
    h('span', { class: 'muted small' }, 'Enter to save · Esc to cancel'),
    h('button', { type: 'button', class: 'button button-small', testid: 'message-edit-cancel', onclick: () => ctx.onCancelEdit() }, 'Cancel'),
    save),
  error);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      ctx.onCancelEdit();
    }
  });
  setTimeout(() => {
    // only for a box nobody has reached yet: moving the caret of a focused box would put what is being
    // typed (or pasted over a selection) at the end instead
    if (!input.isConnected || document.activeElement === input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, 0);
  return form;
}

/** The @names the message's content may show highlighted: those it mentions, and here / channel if it used them. */
function mentionNames(m) {
  const names = [];
  for (const id of m.mentions || []) {
    const u = state.users.get(id);
    if (u) names.push(u.username);
  }
  if (m.mentions_here) names.push('here');
  if (m.mentions_channel) names.push('channel');
  return names;
}

export function renderMessage(m, ctx) {
  const u = author(m.author_id);
  const own = isMe(m.author_id);
  const actions = [
    h('button', { type: 'button', class: 'icon-button', testid: 'message-reply', title: 'Reply', 'aria-label': 'Reply', onclick: () => ctx.onReply(m) }, icon('reply', 16)),
    h('button', { type: 'button', class: 'icon-button', testid: 'message-copy-link', title: 'Copy link to message', 'aria-label': 'Copy link', onclick: () => ctx.onCopyLink(m) }, icon('link', 16)),
  ];
  if (own) actions.push(h('button', { type: 'button', class: 'icon-button', testid: 'message-edit', title: 'Edit', 'aria-label': 'Edit', onclick: () => ctx.onStartEdit(m) }, icon('edit', 16)));
  if (canDelete(m, ctx.conv)) {
    actions.push(h('button', {
      type: 'button', class: 'icon-button danger', testid: 'message-delete', title: 'Delete (Shift-click skips the question)', 'aria-label': 'Delete',
      onclick: (e) => ctx.onDelete(m, e),
    }, icon('trash', 16)));
  }
  const classes = ['msg'];
  if (own) classes.push('msg-own');
  if (m.reply_to) classes.push('msg-has-reply');
  if (ctx.grouped) classes.push('msg-grouped');
  if (ctx.selected) classes.push('msg-selected');
  if (!own && mentionsMe(m)) classes.push('msg-mentions-me');
  const time = h('time', { class: 'msg-time', testid: 'message-time', datetime: m.created_at, title: fullTime(m.created_at) }, shortTime(m.created_at));
  const edited = m.edited_at ? h('span', { class: 'msg-edited', testid: 'message-edited', title: `Edited ${fullTime(m.edited_at)}` }, '(edited)') : null;
  return h('article', {
    class: classes.join(' '),
    testid: 'message',
    dataset: { messageId: m.id, seq: m.seq, authorId: m.author_id },
    tabindex: '-1',
  },
  quoteBlock(m, ctx),
  h('div', { class: 'msg-main' },
    ctx.grouped
      ? h('div', { class: 'msg-gutter' }, time)
      : h('div', { class: 'msg-avatar' }, avatar(u, 40, m.author_id)),
    h('div', { class: 'msg-body' },
      ctx.grouped
        ? (edited ? h('div', { class: 'msg-head' }, edited) : null)
        : h('div', { class: 'msg-head' },
          h('span', { class: 'msg-author', testid: 'message-author' }, displayName(u)),
          u?.bot ? h('span', { class: 'pill pill-bot', testid: 'bot-tag', title: 'A bot, driven by a service' }, 'BOT') : null,
          time,
          edited),
      ctx.editing
        ? editForm(m, ctx)
        : h('div', { class: 'msg-content', testid: 'message-content' }, renderMarkdown(m.content, { mentions: mentionNames(m), me: state.me?.username })))),
  ctx.editing ? null : h('div', { class: 'msg-actions', role: 'toolbar', 'aria-label': 'Message actions' }, actions));
}

const PENDING_LABELS = {
  queued: 'Waiting for connection…',
  sending: 'Sending…',
  waiting: 'Sending again shortly…',
  failed: 'Not sent',
};

export function pendingSig(item) {
  const me = state.me;
  return JSON.stringify([item.status, item.error?.message, me?.display_name, me?.avatar_url]);
}

export function renderPending(item, ctx) {
  const me = state.me;
  const failed = item.status === 'failed';
  return h('article', {
    class: `msg msg-own msg-pending${failed ? ' msg-failed' : ''}`,
    testid: 'message-pending',
    dataset: { nonce: item.nonce, status: item.status },
  },
  h('div', { class: 'msg-main' },
    h('div', { class: 'msg-avatar' }, avatar(me, 40)),
    h('div', { class: 'msg-body' },
      h('div', { class: 'msg-head' },
        h('span', { class: 'msg-author' }, displayName(me)),
        h('span', { class: 'msg-time', testid: 'message-pending-status' }, PENDING_LABELS[item.status] || '')),
      h('div', { class: 'msg-content' }, renderMarkdown(item.content)),
      item.error ? h('p', { class: 'form-error', testid: 'message-error', dataset: { errorCode: item.error.code } }, item.error.message) : null,
      failed ? h('div', { class: 'msg-pending-actions' },
        h('button', { type: 'button', class: 'button button-small', testid: 'message-retry', onclick: () => ctx.onRetry(item) }, 'Retry'),
        h('button', { type: 'button', class: 'button button-small', testid: 'message-discard', onclick: () => ctx.onDiscard(item) }, 'Discard')) : null)));
}
