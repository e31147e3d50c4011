// A small, safe Markdown subset rendered straight to DOM nodes:
// ```code blocks```, `inline code`, **bold**, *italic* / _italic_, ~~strike~~,
// [text](https://…) and bare http(s) links. Everything else is plain text.

import { h } from './dom.js';
import { safeHttpUrl } from './format.js';

const FENCE = /```([\s\S]*?)```/g;
const INLINE = new RegExp([
  '`([^`\\n]+)`', // 1 inline code
  '\\[([^\\]\\n]+)\\]\\((https?:\\/\\/[^\\s)]+)\\)', // 2,3 link
  '(https?:\\/\\/[^\\s<>]*[^\\s<>.,:;"\')\\]!?])', // 4 bare URL
  '\\*\\*(?=\\S)([^\\n]+?)\\*\\*', // 5 bold
  '__(?=\\S)([^\\n]+?)__', // 6 bold
  '\\*(?=[^\\s*])([^*\\n]+?)\\*', // 7 italic
  '(?<![\\p{L}\\p{N}_])_(?=[^\\s_])([^_\\n]+?)_(?![\\p{L}\\p{N}_])', // 8 italic
  '~~(?=\\S)([^\\n]+?)~~', // 9 strike
].join('|'), 'gu');

const MENTION = /(?<![\p{L}\p{N}_.@])@([A-Za-z0-9_.]{2,32})/gu;

/**
 * @param {string} source
 * @param {object} [o]  mentions: the lower-case names (and "here", "channel") the message mentions, shown
 *                      highlighted; me: the reader's username, highlighted more
 */
export function renderMarkdown(source, o = {}) {
  const frag = document.createDocumentFragment();
  const text = String(source ?? '');
  const opts = { mentions: new Set((o.mentions || []).map((n) => n.toLowerCase())), me: (o.me || '').toLowerCase() };
  let last = 0;
  FENCE.lastIndex = 0;
  for (let m = FENCE.exec(text); m; m = FENCE.exec(text)) {
    if (m.index > last) frag.append(renderInline(text.slice(last, m.index), true, opts));
    frag.append(codeBlock(m[1]));
    last = FENCE.lastIndex;
  }
  if (last < text.length) frag.append(renderInline(text.slice(last), true, opts));
  return frag;
}

/** Plain text with the message's mentions as highlighted spans. */
function plain(text, opts) {
  if (!opts || !opts.mentions.size || !text.includes('@')) return document.createTextNode(text);
  const frag = document.createDocumentFragment();
  let last = 0;
  const re = new RegExp(MENTION.source, MENTION.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1].toLowerCase().replace(/\.+$/, '');
    if (!opts.mentions.has(name)) continue;
    const end = m.index + 1 + name.length;
    if (m.index > last) frag.append(text.slice(last, m.index));
    const mine = name === opts.me || name === 'here' || name === 'channel';
    frag.append(h('span', { class: `mention${mine ? ' mention-me' : ''}`, testid: 'mention' }, text.slice(m.index, end)));
    last = end;
    re.lastIndex = end;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}

function codeBlock(body) {
  let code = body;
  const nl = code.indexOf('\n');
  if (nl >= 0 && /^[\w+#.-]*$/.test(code.slice(0, nl))) code = code.slice(nl + 1);
  code = code.replace(/\n$/, '');
  return h('pre', { class: 'md-pre' }, h('code', null, code));
}

function link(href, children) {
  const safe = safeHttpUrl(href);
  if (!safe) return document.createTextNode(href);
  return h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'md-link' }, children);
}

function renderInline(text, allowLinks, opts) {
  const frag = document.createDocumentFragment();
  const re = new RegExp(INLINE.source, INLINE.flags);
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) frag.append(plain(text.slice(last, m.index), opts));
    if (m[1] != null) frag.append(h('code', { class: 'md-code' }, m[1]));
    else if (m[2] != null) frag.append(allowLinks ? link(m[3], renderInline(m[2], false, opts)) : renderInline(m[2], false, opts));
    else if (m[4] != null) frag.append(allowLinks ? link(m[4], m[4]) : m[4]);
    else if (m[5] != null || m[6] != null) frag.append(h('strong', null, renderInline(m[5] ?? m[6], allowLinks, opts)));
    else if (m[7] != null || m[8] != null) frag.append(h('em', null, renderInline(m[7] ?? m[8], allowLinks, opts)));
    else if (m[9] != null) frag.append(h('s', null, renderInline(m[9], allowLinks, opts)));
    last = re.lastIndex;
  }
  if (last < text.length) frag.append(plain(text.slice(last), opts));
  return frag;
}
