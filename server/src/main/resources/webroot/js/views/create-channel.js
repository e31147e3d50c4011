// "Create channel" dialog: name, topic, public or private.

import { h } from '../dom.js';
import { createChannel } from '../actions.js';
import { openDialog, showError } from './dialog.js';

export function openCreateChannel() {
  openDialog({
    title: 'Create a channel',
    testid: 'create-channel-dialog',
    body: ({ close }) => {
      const name = h('input', { class: 'input', testid: 'channel-name-input', required: true, maxlength: 100, placeholder: 'e.g. general', autofocus: true });
      const topic = h('input', { class: 'input', testid: 'channel-topic-input', maxlength: 1024, placeholder: 'What is it about? (optional)' });
      const visibility = h('select', { class: 'input', testid: 'channel-visibility-select' },
        h('option', { value: 'public' }, 'Public: listed, anyone may join'),
        h('option', { value: 'private' }, 'Private: only people you add'));
      const error = h('p', { class: 'form-error', testid: 'channel-create-error', role: 'alert', hidden: true });
      const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'channel-create-submit' }, 'Create channel');
      return h('form', {
        class: 'form', testid: 'create-channel-form', novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          if (!name.value.trim()) {
            showError(error, { message: 'Give the channel a name.' });
            return;
          }
          submit.disabled = true;
          showError(error, null);
          try {
            await createChannel({ name: name.value.trim(), topic: topic.value.trim(), visibility: visibility.value });
            close();
          } catch (err) {
            showError(error, err);
            submit.disabled = false;
          }
        },
      },
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Name'), name),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Topic'), topic),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Visibility'), visibility),
      error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Cancel'),
        submit));
    },
  });
}
