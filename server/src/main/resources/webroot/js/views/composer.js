// The message box: Enter sends, Shift+Enter breaks the line, a counter near the 10,000 limit,
// replies, typing notifications (at most one TYPING every 3 s) and the last refusal shown.

import { h, coalesce } from '../dom.js';
import { state, on, emit, conversationTitle, findMessage, isMe } from '../store.js';
import { connection } from '../connection.js';
import { sendMessage, loadMembers } from '../actions.js';
import { charCount, displayName, preview, MAX_MESSAGE_CHARS, COUNTER_FROM_CHARS } from '../format.js';
import { icon } from './icons.js';

const TYPING_EVERY_MS = 3000;
const drafts = new Map();
const MAX_SUGGESTIONS = 8;
/** "@prefix" just before the caret, not inside a word or an address. */
const MENTION_AT_CARET = /(?:^|[^\p{L}\p{N}_.@])@([A-Za-z0-9_.]{0,32})$/u;

/** Who can be mentioned in the conversation: its members (the roster, or a DM's pair), and everyone where allowed. */
function mentionCandidates(conv) {
  if (!conv) return [];
  const people = [];
  if (conv.kind === 'dm') {
    const peer = conv.peer && (state.users.get(conv.peer.id) || conv.peer);
    if (peer) people.push(peer);
  } else {
    const roster = state.members.get(conv.id);
    if (!roster && conv.kind === 'channel') loadMembers(conv.id);
    for (const id of roster?.ids || []) {
      const u = state.users.get(id);
      if (u && !isMe(u.id)) people.push(u);
    }
  }
  const out = people.map((u) => ({ name: u.username, label: displayName(u), user: u }));
  if (conv.kind === 'channel' && (isMe(conv.owner_id) || conv.members_may_mention_all)) {
    out.push({ name: 'here', label: 'Everyone online here' }, { name: 'channel', label: 'Every member of the channel' });
  }
  return out;
}

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
  const suggestions = h('ul', { class: 'mention-suggestions', testid: 'mention-suggestions', role: 'listbox', 'aria-label': 'People to mention', hidden: true });
  let suggested = [];
  let chosen = 0;

  function mentionQuery() {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const m = MENTION_AT_CARET.exec(before);
    return m ? { prefix: m[1].toLowerCase(), start: before.length - m[1].length - 1 } : null;
  }

  function renderSuggestions() {
    const q = mentionQuery();
    const conv = state.conversations.get(convId);
    suggested = !q ? [] : mentionCandidates(conv)
      .filter((c) => c.name.startsWith(q.prefix) || c.label.toLowerCase().startsWith(q.prefix))
      .slice(0, MAX_SUGGESTIONS);
    chosen = Math.min(chosen, Math.max(0, suggested.length - 1));
    suggestions.hidden = suggested.length === 0;
    textarea.setAttribute('aria-expanded', String(!suggestions.hidden));
    suggestions.replaceChildren(...suggested.map((c, i) => h('li', {
      class: `mention-option${i === chosen ? ' active' : ''}`,
      testid: 'mention-option',
      role: 'option',
      'aria-selected': String(i === chosen),
      dataset: { username: c.name },
      onmousedown: (e) => { e.preventDefault(); accept(i); },
    }, h('strong', null, `@${c.name}`), h('span', { class: 'muted' }, c.label))));
  }

  function accept(i) {
    const q = mentionQuery();
    const c = suggested[i];
    if (!q || !c) return;
    const caret = textarea.selectionStart;
    const insert = `@${c.name} `;
    textarea.value = textarea.value.slice(0, q.start) + insert + textarea.value.slice(caret);
    const at = q.start + insert.length;
    textarea.setSelectionRange(at, at);
    drafts.set(convId, textarea.value);
    suggested = [];
    suggestions.hidden = true;
    textarea.focus();
  }

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
    if (!suggestions.hidden && suggested.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        chosen = (chosen + (e.key === 'ArrowDown' ? 1 : suggested.length - 1)) % suggested.length;
        renderSuggestions();
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.isComposing) {
        e.preventDefault();
        accept(chosen);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        suggestions.hidden = true;
        suggested = [];
        return;
      }
    }
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
  textarea.addEventListener('blur', () => { suggestions.hidden = true; });
  textarea.addEventListener('click', renderSuggestions);
  textarea.addEventListener('input', () => {
    chosen = 0;
    renderSuggestions();
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
  suggestions,
  replyBar,
  h('div', { class: 'composer-row' }, textarea, send),
  h('div', { class: 'composer-meta' }, error, counter));

  disposers.push(
    on('composer-error', (id) => { if (id === convId) renderError(); }),
    on('conversations', coalesce(renderPlaceholder)),
    on('timeline', (id) => { if (id === convId && replyTo) renderReply(); }),
    on('members', (id) => { if (id === convId && document.activeElement === textarea) renderSuggestions(); }),
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
