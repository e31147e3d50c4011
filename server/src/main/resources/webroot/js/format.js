// Pure formatting helpers: names, times, URLs, lengths.

export const MAX_MESSAGE_CHARS = 10000;
export const COUNTER_FROM_CHARS = 9000;

export function displayName(user) {
  if (!user) return 'Unknown user';
  return user.display_name || user.username || 'Unknown user';
}

/** Returns the normalised URL when it is an absolute http(s) URL, otherwise null. */
export function safeHttpUrl(raw) {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Length in Unicode code points, as the server counts characters. */
export function charCount(text) {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

function toDate(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function shortTime(iso) {
  const d = toDate(iso);
  if (!d) return '';
  const now = new Date();
  if (sameDay(d, now)) return timeFmt.format(d);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return `Yesterday ${timeFmt.format(d)}`;
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

export function fullTime(iso) {
  const d = toDate(iso);
  return d ? fullFmt.format(d) : '';
}

export function dayKey(iso) {
  const d = toDate(iso);
  return d ? `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}` : '';
}

export function dayLabel(iso) {
  const d = toDate(iso);
  if (!d) return '';
  const now = new Date();
  if (sameDay(d, now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return 'Yesterday';
  return dayFmt.format(d);
}

export function timestamp(iso) {
  const d = toDate(iso);
  return d ? d.getTime() : 0;
}

/** First line of a message, squashed for previews. */
export function preview(text, max = 80) {
  const flat = String(text || '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A stable hue for a user's fallback avatar. */
export function hueFor(id) {
  let hash = 0x811c9dc5;
  for (const ch of String(id || '')) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return Math.round((hash % 1000) * 137.508) % 360;
}

export function initials(user) {
  const name = displayName(user).trim();
  const first = [...name][0] || '?';
  return first.toUpperCase();
}

export function deviceName() {
  const ua = navigator.userAgent || '';
  const browser = /Edg\//.test(ua) ? 'Edge'
    : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrome\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Android/.test(ua) ? 'Android'
    : /iPhone|iPad/.test(ua) ? 'iOS'
    : /Windows/.test(ua) ? 'Windows'
    : /Mac OS X/.test(ua) ? 'macOS'
    : /Linux/.test(ua) ? 'Linux' : 'unknown OS';
  return `${browser} on ${os}`;
}
