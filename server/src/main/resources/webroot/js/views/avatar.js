// Avatars (image when the URL is http/https, initials otherwise) and presence dots.

import { h } from '../dom.js';
import { safeHttpUrl, hueFor, initials, displayName } from '../format.js';

export function avatar(user, size = 40, userId) {
  const id = user?.id ?? userId;
  const fallback = h('span', {
    class: 'avatar avatar-initials',
    style: { '--size': `${size}px`, '--hue': hueFor(id) },
    'aria-hidden': 'true',
  }, initials(user));
  const url = safeHttpUrl(user?.avatar_url);
  if (!url) return fallback;
  const img = h('img', {
    class: 'avatar',
    src: url,
    alt: '',
    width: size,
    height: size,
    loading: 'lazy',
    referrerpolicy: 'no-referrer',
    style: { '--size': `${size}px` },
  });
  img.addEventListener('error', () => img.replaceWith(fallback), { once: true });
  return img;
}

const LABELS = { online: 'Online', idle: 'Idle', dnd: 'Do not disturb', offline: 'Offline' };

export function presenceDot(status) {
  const s = LABELS[status] ? status : 'offline';
  return h('span', {
    class: `presence-dot presence-${s}`,
    testid: 'presence-dot',
    dataset: { status: s },
    title: LABELS[s],
    role: 'img',
    'aria-label': LABELS[s],
  });
}

export function avatarWithPresence(user, size, status) {
  return h('span', { class: 'avatar-wrap', title: displayName(user) }, avatar(user, size), presenceDot(status));
}
