// "X is typing…" under the message list, for ~6 s after each TYPING_START.

import { h } from '../dom.js';
import { state, on, typingUsers } from '../store.js';
import { displayName } from '../format.js';

export function mountTyping(convId) {
  const el = h('div', { class: 'typing', testid: 'typing-indicator', 'aria-live': 'polite' });
  let timer = null;

  function render() {
    clearTimeout(timer);
    const ids = typingUsers(convId);
    const names = ids.map((id) => displayName(state.users.get(id)));
    let text = '';
    if (names.length === 1) text = `${names[0]} is typing…`;
    else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
    else if (names.length > 2) text = 'Several people are typing…';
    el.replaceChildren(text ? h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')) : '', text);
    el.classList.toggle('active', !!text);
    if (ids.length) {
      const map = state.typing.get(convId);
      const next = Math.min(...ids.map((id) => map.get(id))) - Date.now();
      timer = setTimeout(render, Math.max(50, next + 20));
    }
  }

  const offs = [
    on('typing', (id) => { if (id === convId) render(); }),
    on('users', render),
  ];
  render();
  return { el, destroy() { clearTimeout(timer); offs.forEach((off) => off()); } };
}
