// Channel settings: rename and change the topic (owner), delete (owner), leave (anyone).

import { h } from '../dom.js';
import { state, isMe } from '../store.js';
import { updateChannel, deleteChannel, leaveChannel } from '../actions.js';
import { openDialog, confirmDialog, showError } from './dialog.js';
import { fullTime } from '../format.js';
import { toast } from './toast.js';

export function openChannelSettings(convId) {
  const conv = state.conversations.get(convId);
  if (!conv || conv.kind !== 'channel') return;
  const owner = isMe(conv.owner_id);
  openDialog({
    title: `#${conv.name}`,
    testid: 'channel-settings-dialog',
    body: ({ close }) => {
      const error = h('p', { class: 'form-error', testid: 'channel-settings-error', role: 'alert', hidden: true });
      const parts = [];
      if (owner) {
        const name = h('input', { class: 'input', testid: 'channel-settings-name', value: conv.name || '', maxlength: 100, autofocus: true });
        const topic = h('input', { class: 'input', testid: 'channel-settings-topic', value: conv.topic || '', maxlength: 1024 });
        const mentionAll = h('input', { type: 'checkbox', testid: 'channel-settings-mention-all', checked: !!conv.members_may_mention_all });
        const save = h('button', { type: 'submit', class: 'button button-primary', testid: 'channel-settings-save' }, 'Save changes');
        parts.push(h('form', {
          class: 'form', testid: 'channel-settings-form', novalidate: true,
          onsubmit: async (e) => {
            e.preventDefault();
            const patch = {};
            if (name.value.trim() !== (conv.name || '')) patch.name = name.value.trim();
            if (topic.value.trim() !== (conv.topic || '')) patch.topic = topic.value.trim();
            if (mentionAll.checked !== !!conv.members_may_mention_all) patch.members_may_mention_all = mentionAll.checked;
            if (!Object.keys(patch).length) { close(); return; }
            if (patch.name === '') { showError(error, { message: 'A channel needs a name.' }); return; }
            save.disabled = true;
            showError(error, null);
            try {
              await updateChannel(convId, patch);
              close();
            } catch (err) {
              showError(error, err);
              save.disabled = false;
            }
          },
        },
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Name'), name),
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Topic'), topic),
        h('label', { class: 'check' }, mentionAll, 'Members may notify everyone with @here and @channel'),
        h('div', { class: 'dialog-actions' }, save)));
      } else {
        parts.push(h('p', { class: 'channel-about' }, conv.topic || 'No topic.'));
      }
      parts.push(h('p', { class: 'muted small' },
        `${conv.visibility === 'private' ? 'Private' : 'Public'} channel · ${conv.member_count ?? '?'} members`,
        conv.created_at ? ` · created ${fullTime(conv.created_at)}` : ''));
      parts.push(error);

      const leave = h('button', {
        type: 'button', class: 'button button-danger-outline', testid: 'channel-leave',
        onclick: async () => {
          const ok = await confirmDialog({
            title: 'Leave channel?',
            message: owner ? `You own #${conv.name}. If you leave, ownership passes to the longest-standing member.` : `Leave #${conv.name}?`,
            confirmLabel: 'Leave',
          });
          if (!ok) return;
          try {
            await leaveChannel(convId);
            close();
            toast(`You left #${conv.name}.`);
          } catch (err) {
            showError(error, err);
          }
        },
      }, 'Leave channel');
      const actions = [leave];
      if (owner) {
        actions.push(h('button', {
          type: 'button', class: 'button button-danger', testid: 'channel-delete',
          onclick: async () => {
            const ok = await confirmDialog({
              title: 'Delete channel?',
              message: `Delete #${conv.name} and all of its messages for everyone? This cannot be undone.`,
              confirmLabel: 'Delete channel',
            });
            if (!ok) return;
            try {
              await deleteChannel(convId);
              close();
              toast(`#${conv.name} was deleted.`);
            } catch (err) {
              showError(error, err);
            }
          },
        }, 'Delete channel'));
      }
      parts.push(h('div', { class: 'danger-zone' }, ...actions));
      return h('div', null, ...parts);
    },
  });
}
