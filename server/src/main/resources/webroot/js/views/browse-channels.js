// "Browse public channels": search, page through, join.

import { h, debounce } from '../dom.js';
import { api } from '../api.js';
import { state } from '../store.js';
import { joinChannel, openConversation } from '../actions.js';
import { openDialog, showError } from './dialog.js';
import { icon } from './icons.js';

export function openBrowseChannels() {
  openDialog({
    title: 'Public channels',
    testid: 'browse-dialog',
    wide: true,
    body: ({ close }) => {
      const search = h('input', { type: 'search', class: 'input', testid: 'browse-search', placeholder: 'Search channels', 'aria-label': 'Search public channels', autofocus: true });
      const list = h('ul', { class: 'browse-list', testid: 'browse-results' });
      const status = h('p', { class: 'muted browse-status', testid: 'browse-status' });
      const error = h('p', { class: 'form-error', testid: 'browse-error', role: 'alert', hidden: true });
      const more = h('button', { type: 'button', class: 'button', testid: 'browse-more', hidden: true, onclick: () => load(false) }, 'Load more');
      let cursor = null;
      let query = '';
      let generation = 0;

      function row(conv) {
        const member = state.conversations.has(conv.id);
        const action = member
          ? h('button', { type: 'button', class: 'button', testid: 'browse-open', onclick: () => { openConversation(conv.id); close(); } }, 'Open')
          : h('button', {
            type: 'button', class: 'button button-primary', testid: 'browse-join',
            onclick: async (e) => {
              e.currentTarget.disabled = true;
              try {
                await joinChannel(conv.id);
                close();
              } catch (err) {
                showError(error, err);
                e.currentTarget.disabled = false;
              }
            },
          }, 'Join');
        return h('li', { class: 'browse-item', testid: 'browse-channel-item', dataset: { conversationId: conv.id } },
          h('span', { class: 'conv-glyph' }, icon('hash')),
          h('div', { class: 'browse-text' },
            h('div', { class: 'browse-name', testid: 'browse-channel-name', title: conv.name }, conv.name),
            conv.topic ? h('div', { class: 'muted browse-topic', title: conv.topic }, conv.topic) : null,
            h('div', { class: 'muted small' }, `${conv.member_count ?? 0} member${Number(conv.member_count) === 1 ? '' : 's'}`)),
          action);
      }

      async function load(reset) {
        const mine = ++generation;
        if (reset) {
          cursor = null;
          list.replaceChildren();
        }
        status.textContent = 'Loading…';
        showError(error, null);
        try {
          const res = await api.publicChannels({ q: query || undefined, cursor: cursor || undefined, limit: 30 });
          if (mine !== generation) return;
          const channels = res?.channels || [];
          list.append(...channels.map(row));
          cursor = res?.next_cursor || null;
          more.hidden = !cursor;
          status.textContent = list.children.length ? '' : (query ? 'No public channel matches.' : 'There are no public channels yet.');
        } catch (err) {
          if (mine !== generation) return;
          status.textContent = '';
          showError(error, err);
        }
      }

      search.addEventListener('input', debounce(() => {
        query = search.value.trim();
        load(true);
      }, 250));
      load(true);
      return h('div', { class: 'browse' },
        h('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); query = search.value.trim(); load(true); } }, search),
        error, list, status, more);
    },
  });
}
