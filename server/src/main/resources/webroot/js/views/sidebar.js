// Left column: brand and channel actions, the new-DM box, the conversation list, the user panel.

import { h } from '../dom.js';
import { state, on } from '../store.js';
import { openAdmin } from './admin.js';
import { openAccount } from './account.js';
import { mountConversationList } from './conversation-list.js';
import { mountNewDm } from './new-dm.js';
import { mountUserPanel } from './user-panel.js';
import { openCreateChannel } from './create-channel.js';
import { openBrowseChannels } from './browse-channels.js';
import { openProfile } from './profile.js';
import { openSessions } from './sessions.js';
import { icon } from './icons.js';
import { on } from '../store.js';
import * as notifications from '../notifications.js';

/** Offers desktop notifications once the user is in the app; permission is asked only when they click. */
function mountNotificationOffer() {
  const el = h('div', { class: 'notify-offer', testid: 'notifications-offer', role: 'region', 'aria-label': 'Notifications' },
    h('span', { class: 'notify-offer-text' }, icon('bell', 16), 'Get notified of new messages and mentions.'),
    h('span', { class: 'notify-offer-actions' },
      h('button', { type: 'button', class: 'button button-primary button-small', testid: 'notifications-enable', onclick: () => notifications.enable() }, 'Enable'),
      h('button', { type: 'button', class: 'link-button', testid: 'notifications-dismiss', onclick: () => notifications.dismissOffer() }, 'Not now')));
  const render = () => { el.hidden = !notifications.shouldOffer(); };
  on('notifications', render);
  render();
  return el;
}

export function mountSidebar({ onLogout }) {
  const admin = h('button', { type: 'button', class: 'icon-button', testid: 'admin-button', title: 'Administration', 'aria-label': 'Administration', hidden: true, onclick: openAdmin }, icon('shield'));
  const showAdmin = () => { admin.hidden = !state.me?.admin; };
  on('me', showAdmin);
  showAdmin();
  return h('aside', { class: 'sidebar', id: 'sidebar', testid: 'sidebar', 'aria-label': 'Navigation' },
    h('header', { class: 'sidebar-head' },
      h('span', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parley'),
      h('div', { class: 'sidebar-tools' },
        admin,
        h('button', { type: 'button', class: 'icon-button', testid: 'browse-channels-button', title: 'Browse public channels', 'aria-label': 'Browse public channels', onclick: openBrowseChannels }, icon('compass')),
        h('button', { type: 'button', class: 'icon-button', testid: 'new-channel-button', title: 'Create a channel', 'aria-label': 'Create a channel', onclick: openCreateChannel }, icon('plus')))),
    mountNewDm(),
    mountNotificationOffer(),
    mountConversationList(),
    mountUserPanel({ onProfile: openProfile, onSessions: openSessions, onAccount: openAccount, onLogout }));
}
