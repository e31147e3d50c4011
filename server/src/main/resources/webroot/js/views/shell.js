// The signed-in layout: sidebar | conversation | members, the reconnect banner, and the
// phone-width behaviour (sidebar and members slide over the conversation).

import { h } from '../dom.js';
import { state, on } from '../store.js';
import { prefs } from '../session.js';
import { mountSidebar } from './sidebar.js';
import { mountChat } from './chat.js';
import { mountMembers } from './members.js';
import { mountBanner } from './banner.js';

const NARROW = window.matchMedia('(max-width: 699px)');
const WIDE = window.matchMedia('(min-width: 1100px)');

export function mountShell({ onLogout }) {
  const app = h('div', { class: 'app', testid: 'app' });
  const members = mountMembers({
    onClose: () => {
      if (NARROW.matches) app.classList.remove('members-overlay');
      else {
        membersPref = false;
        prefs.set('membersOpen', false);
      }
      applyMembers();
    },
  });
  let membersPref = prefs.get('membersOpen', null);

  function membersVisible() {
    if (NARROW.matches) return app.classList.contains('members-overlay');
    return membersPref ?? WIDE.matches;
  }

  function applyMembers() {
    const show = !!state.activeId && state.conversations.has(state.activeId) && membersVisible();
    app.classList.toggle('members-open', show);
  }

  function setNav(open) {
    app.classList.toggle('nav-open', open);
    if (open) app.querySelector('.sidebar .conv-item, .sidebar input')?.focus();
  }

  const chat = mountChat({
    onMenu: () => setNav(!app.classList.contains('nav-open')),
    onToggleMembers: () => {
      const open = !app.classList.contains('members-open');
      if (NARROW.matches) {
        app.classList.toggle('members-overlay', open);
      } else {
        membersPref = open;
        prefs.set('membersOpen', open);
      }
      applyMembers();
      if (open) members.refresh();
    },
  });

  const scrim = h('div', {
    class: 'scrim',
    onclick: () => {
      setNav(false);
      if (app.classList.contains('members-overlay')) {
        app.classList.remove('members-overlay');
        applyMembers();
      }
    },
  });

  app.append(mountSidebar({ onLogout }), h('div', { class: 'main-column' }, mountBanner(), chat), members.el, scrim);
  app.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && app.classList.contains('nav-open')) setNav(false);
  });
  on('active', () => {
    // The conversation went away (left, removed, deleted): stop pointing the URL at it.
    if (!state.activeId && /^#\/c\//.test(location.hash)) history.replaceState(null, '', '#/');
    setNav(false);
    app.classList.remove('members-overlay');
    applyMembers();
  });
  on('conversations', applyMembers);
  NARROW.addEventListener('change', applyMembers);
  WIDE.addEventListener('change', applyMembers);
  applyMembers();
  if (NARROW.matches && !state.activeId) app.classList.add('nav-open');
  return app;
}
