// "New DM" box: search users by username prefix and open (or create) the DM.

import { h, debounce } from '../dom.js';
import { api } from '../api.js';
import { state, upsertUser, presenceOf } from '../store.js';
import { displayName } from '../format.js';
import { openDm } from '../actions.js';
import { avatarWithPresence } from './avatar.js';
import { showError } from './dialog.js';

export function mountNewDm() {
  const input = h('input', {
    type: 'search',
    class: 'input',
    testid: 'new-dm-input',
    placeholder: 'Message a user…',
    'aria-label': 'Start a direct message: search by username',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const results = h('ul', { class: 'dm-results', testid: 'new-dm-results', hidden: true, 'aria-label': 'Matching users' });
  const error = h('p', { class: 'form-error', testid: 'new-dm-error', role: 'alert', hidden: true });
  let lastQuery = '';
  let users = [];

  async function start(username) {
    showError(error, null);
    try {
      await openDm(username);
      input.value = '';
      users = [];
      renderResults();
    } catch (e) {
      showError(error, e.status === 404 ? { message: `No user called “${username}”.` } : e);
    }
  }

  function renderResults() {
    results.replaceChildren(...users.map((u) => h('li', null,
      h('button', {
        type: 'button',
        class: 'user-result',
        testid: 'user-result',
        dataset: { userId: u.id, username: u.username },
        onclick: () => start(u.username),
        onkeydown: (e) => moveFocus(e),
      },
      avatarWithPresence(u, 24, presenceOf(u.id)),
      h('span', { class: 'user-result-name' }, displayName(u)),
      h('span', { class: 'muted' }, `@${u.username}`)))));
    results.hidden = users.length === 0;
  }

  function moveFocus(e) {
    const buttons = [...results.querySelectorAll('button')];
    const idx = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      (buttons[idx + 1] || buttons[0])?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (idx <= 0) input.focus();
      else buttons[idx - 1].focus();
    } else if (e.key === 'Escape') {
      input.focus();
      users = [];
      renderResults();
    }
  }

  const search = debounce(async (q) => {
    if (!q) {
      users = [];
      renderResults();
      return;
    }
    try {
      const res = await api.searchUsers(q, 10);
      if (q !== lastQuery) return;
      users = (res?.users || []).filter((u) => u.id !== state.me?.id);
      users.forEach((u) => upsertUser(u));
      renderResults();
    } catch (e) {
      if (q === lastQuery) showError(error, e);
    }
  }, 200);

  input.addEventListener('input', () => {
    lastQuery = input.value.trim();
    showError(error, null);
    search(lastQuery);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && users.length) {
      e.preventDefault();
      results.querySelector('button')?.focus();
    } else if (e.key === 'Escape') {
      input.value = '';
      lastQuery = '';
      users = [];
      renderResults();
    }
  });

  const form = h('form', {
    class: 'new-dm',
    testid: 'new-dm-form',
    role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      const q = input.value.trim();
      if (!q) return;
      const exact = users.find((u) => u.username.toLowerCase() === q.toLowerCase());
      start(exact ? exact.username : (users.length === 1 ? users[0].username : q));
    },
  }, input, results, error);
  return form;
}
