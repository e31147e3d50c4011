// The message box: Enter sends, Shift+Enter breaks the line, a counter near the 10,000 limit,
// replies, typing notifications (at most one TYPING every 3 s) and the last refusal shown.

import { h, coalesce } from '../dom.js';
import { state, on, emit, conversationTitle, findMessage } from '../store.js';
import { connection } from '../connection.js';
import { sendMessage } from '../actions.js';
import { charCount, displayName, preview, MAX_MESSAGE_CHARS, COUNTER_FROM_CHARS } from '../format.js';
import { icon } from './icons.js';

const TYPING_EVERY_MS = 3000;
const drafts = new Map();

function describeError(error) {
  const retry = Number(error.retry_after_ms ?? error.retryAfterMs);
  const wait = retry > 0 ? ` Try again in ${(retry / 1000).toFixed(retry < 10000 ? 1 : 0)} s.` : '';
  return `${error.message || 'The message was refused.'}${wait}`;
}

/**
 * @param {string} convId
 * @param {object} hooks  onSent(), onEditLast(): boolean
 */
export function mountComposer(convId, hooks) {
  let replyTo = null;
  let lastTypingAt = 0;
  const disposers = [];

  const textarea = h('textarea', {
    class: 'composer-input',
    testid: 'composer',
    rows: 1,
    'aria-label': 'Message',
    value: drafts.get(convId) || '',
  });
  const send = h('button', { type: 'submit', class: 'icon-button composer-send', testid: 'composer-send', title: 'Send (Enter)', 'aria-label': 'Send' }, icon('send'));
  const counter = h('span', { class: 'char-counter', testid: 'char-counter', 'aria-live': 'polite', hidden: true });
  const errorText = h('span', { class: 'composer-error-text' });
  const error = h('div', { class: 'composer-error', testid: 'composer-error', role: 'alert', hidden: true },
    errorText,
    h('button', { type: 'button', class: 'icon-button', testid: 'composer-error-dismiss', 'aria-label': 'Dismiss', onclick: () => setError(null) }, icon('x', 14)));
  const replyBar = h('div', { class: 'reply-preview', testid: 'reply-preview', hidden: true });

  function setError(err) {
    if (err) state.composerErrors.set(convId, err);
    else state.composerErrors.delete(convId);
    emit('composer-error', convId);
  }

  function renderError() {
    const err = state.composerErrors.get(convId);
    error.hidden = !err;
    errorText.textContent = err ? describeError(err) : '';
    if (err?.code) error.dataset.errorCode = err.code;
    else delete error.dataset.errorCode;
  }

  function renderCounter() {
    const n = charCount(textarea.value);
    counter.hidden = n < COUNTER_FROM_CHARS;
    counter.textContent = `${n.toLocaleString()} / ${MAX_MESSAGE_CHARS.toLocaleString()}`;
    counter.classList.toggle('over', n > MAX_MESSAGE_CHARS);
  }

  function renderPlaceholder() {
    const conv = state.conversations.get(convId);
    const name = conversationTitle(conv);
    textarea.placeholder = conv?.kind === 'dm' ? `Message @${name}` : `Message #${name}`;
  }

  function renderReply() {
    if (!replyTo) {
      replyBar.hidden = true;
      replyBar.replaceChildren();
      return;
    }
    const m = findMessage(convId, replyTo) || {};
    const author = state.users.get(m.author_id);
    replyBar.hidden = false;
    replyBar.dataset.replyTo = replyTo;
    replyBar.replaceChildren(
      icon('reply', 14),
      h('span', null, 'Replying to ', h('strong', null, displayName(author))),
      h('span', { class: 'muted reply-snippet' }, preview(m.content, 80)),
      h('button', { type: 'button', class: 'icon-button', testid: 'reply-cancel', 'aria-label': 'Cancel reply', onclick: () => setReply(null) }, icon('x', 14)));
  }

  function autosize() {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, Math.round(window.innerHeight * 0.4))}px`;
  }

  function setReply(messageId) {
    replyTo = messageId;
    renderReply();
    textarea.focus();
  }

  function submit() {
    const content = textarea.value.trim();
    if (!content) return;
    const n = charCount(content);
    if (n > MAX_MESSAGE_CHARS) {
      setError({ code: 'message_too_long', message: `Your message is ${n.toLocaleString()} characters long; the limit is ${MAX_MESSAGE_CHARS.toLocaleString()}.` });
      return;
    }
    sendMessage(convId, content, replyTo);
    textarea.value = '';
    drafts.delete(convId);
    lastTypingAt = 0;
    setReply(null);
    renderCounter();
    autosize();
    hooks.onSent?.();
  }

  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && replyTo) {
      e.preventDefault();
      setReply(null);
    } else if (e.key === 'ArrowUp' && textarea.value === '' && hooks.onEditLast) {
      if (hooks.onEditLast()) e.preventDefault();
    }
  });
  textarea.addEventListener('input', () => {
    drafts.set(convId, textarea.value);
    renderCounter();
    autosize();
    const now = Date.now();
    if (textarea.value.trim() && now - lastTypingAt >= TYPING_EVERY_MS) {
      if (connection.send('TYPING', { conversation_id: convId })) lastTypingAt = now;
    }
  });

  const form = h('form', {
    class: 'composer',
    testid: 'composer-form',
    onsubmit: (e) => { e.preventDefault(); submit(); },
  },
  replyBar,
  h('div', { class: 'composer-row' }, textarea, send),
  h('div', { class: 'composer-meta' }, error, counter));

  disposers.push(
    on('composer-error', (id) => { if (id === convId) renderError(); }),
    on('conversations', coalesce(renderPlaceholder)),
    on('timeline', (id) => { if (id === convId && replyTo) renderReply(); }),
  );
  renderError();
  renderCounter();
  renderPlaceholder();
  requestAnimationFrame(autosize);

  return {
    el: form,
    setReply,
    focus: () => textarea.focus(),
    destroy() { for (const off of disposers) off(); },
  };
}
