// Bots: accounts a user owns for services, each with named API tokens (the secret is shown once).

import { h } from '../dom.js';
import { api } from '../api.js';
import { displayName, fullTime, shortTime } from '../format.js';
import { openDialog, confirmDialog, showError } from './dialog.js';

function field(label, input) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input);
}

export function openBots() {
  openDialog({
    title: 'Bots',
    testid: 'bots-dialog',
    wide: true,
    body: () => {
      const list = h('ul', { class: 'session-list', testid: 'bot-list' });
      const error = h('p', { class: 'form-error', testid: 'bots-error', role: 'alert', hidden: true });
      const secretSlot = h('div', { testid: 'token-secret-slot' });

      const username = h('input', { class: 'input', testid: 'bot-username', placeholder: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 32 });
      const botName = h('input', { class: 'input', testid: 'bot-display-name', placeholder: 'Display name (optional)', maxlength: 64 });
      const create = h('button', { type: 'submit', class: 'button button-primary', testid: 'bot-create' }, 'Create bot');
      const createForm = h('form', {
        class: 'form', testid: 'bot-form', novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          create.disabled = true;
          showError(error, null);
          try {
            const body = { username: username.value.trim() };
            if (botName.value.trim()) body.display_name = botName.value.trim();
            await api.createBot(body);
            username.value = '';
            botName.value = '';
            await load();
          } catch (err) {
            showError(error, err);
          } finally {
            create.disabled = false;
          }
        },
      }, h('div', { class: 'form-grid' }, username, botName), create);

      function showSecret(bot, made) {
        secretSlot.replaceChildren(h('div', { class: 'notice', testid: 'token-secret-notice' },
          h('p', null, `Token “${made.name}” for ${displayName(bot)}. Copy it now: it is not shown again.`),
          h('p', { class: 'secret', testid: 'token-secret' }, made.token)));
      }

      function tokenForm(bot, tokensList) {
        const name = h('input', { class: 'input', testid: 'token-name', placeholder: 'Token name', maxlength: 64 });
        const scope = h('select', { testid: 'token-scope', 'aria-label': 'What the token may do' },
          h('option', { value: 'read_send' }, 'Read and send'),
          h('option', { value: 'read' }, 'Read only'));
        const conversations = h('input', { class: 'input', testid: 'token-conversations', placeholder: 'Conversation ids, comma-separated (optional: all)' });
        const add = h('button', { type: 'submit', class: 'button button-small', testid: 'token-create' }, 'New token');
        return h('form', {
          class: 'form', novalidate: true,
          onsubmit: async (e) => {
            e.preventDefault();
            showError(error, null);
            const body = { name: name.value.trim(), scope: scope.value };
            const ids = conversations.value.split(',').map((s) => s.trim()).filter(Boolean);
            if (ids.length) body.conversation_ids = ids;
            try {
              const made = await api.createBotToken(bot.id, body);
              name.value = '';
              conversations.value = '';
              showSecret(bot, made);
              await loadTokens(bot, tokensList);
            } catch (err) {
              showError(error, err);
            }
          },
        }, h('div', { class: 'form-grid' }, name, scope), conversations, add);
      }

      async function loadTokens(bot, tokensList) {
        const res = await api.botTokens(bot.id);
        tokensList.replaceChildren(...(res?.tokens || []).map((t) => h('li', { class: 'session-item', testid: 'token-item' },
          h('div', { class: 'session-text' },
            h('div', { class: 'session-name' }, t.name,
              h('span', { class: 'pill pill-muted' }, t.scope === 'read' ? 'read' : 'read & send')),
            h('div', { class: 'muted small' },
              h('span', { title: fullTime(t.created_at) }, `Made ${shortTime(t.created_at)}`),
              t.conversation_ids ? ` · only ${t.conversation_ids.length} conversation(s)` : ' · every conversation')),
          h('button', {
            type: 'button', class: 'button button-small button-danger-outline', testid: 'token-revoke',
            onclick: async () => {
              try {
                await api.revokeBotToken(bot.id, t.id);
                await loadTokens(bot, tokensList);
              } catch (err) {
                showError(error, err);
              }
            },
          }, 'Revoke'))));
      }

      function row(bot) {
        const tokensList = h('ul', { class: 'session-list', testid: 'token-list' });
        loadTokens(bot, tokensList).catch((err) => showError(error, err));
        return h('li', { class: 'form', testid: 'bot-item', dataset: { userId: bot.id } },
          h('div', { class: 'session-item' },
            h('div', { class: 'session-text' },
              h('div', { class: 'session-name' }, displayName(bot), h('span', { class: 'pill pill-bot' }, 'BOT')),
              h('div', { class: 'muted small' }, `@${bot.username} · id ${bot.id}`)),
            h('button', {
              type: 'button', class: 'button button-small button-danger-outline', testid: 'bot-delete',
              onclick: async () => {
                if (!await confirmDialog({ title: 'Delete bot?', message: `Delete ${displayName(bot)} and its tokens? Its messages stay.`, confirmLabel: 'Delete bot' })) return;
                try {
                  await api.deleteBot(bot.id);
                  await load();
                } catch (err) {
                  showError(error, err);
                }
              },
            }, 'Delete')),
          tokensList,
          tokenForm(bot, tokensList));
      }

      async function load() {
        try {
          const res = await api.bots();
          const bots = res?.bots || [];
          list.replaceChildren(...bots.map(row));
          if (!bots.length) list.replaceChildren(h('li', { class: 'muted' }, 'No bots yet.'));
        } catch (err) {
          showError(error, err);
        }
      }
      load();
      return h('div', { class: 'form' },
        h('p', { class: 'muted' }, 'A bot posts through API tokens (Authorization: Bearer …) on REST and the gateway. A channel owner adds it like anyone.'),
        createForm, error, secretSlot, list);
    },
  });
}
