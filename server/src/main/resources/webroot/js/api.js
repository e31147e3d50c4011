// REST client for /api/v1. Every failure becomes an ApiError carrying the wire error's code.

import { session } from './session.js';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, retryAfterMs) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

async function request(method, path, { body, auth = true, query } = {}) {
  let url = BASE + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v != null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.token;
  if (auth && token) headers.Authorization = `Bearer ${token}`;

  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  }
  const text = res.status === 204 ? '' : await res.text().catch(() => '');
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    let retry = err.retry_after_ms;
    const header = res.headers.get('Retry-After');
    if (retry == null && header && !Number.isNaN(Number(header))) retry = Number(header) * 1000;
    const error = new ApiError(res.status, err.code || `http_${res.status}`,
      err.message || res.statusText || 'Request failed', retry);
    // a wrong password (changing it, deleting the account) is 401 too, but the session still stands
    if (res.status === 401 && auth && token && error.code !== 'invalid_credentials') {
      session.expire('Your session has ended. Please log in again.');
    }
    throw error;
  }
  return data;
}

const enc = encodeURIComponent;

export const api = {
  register: (body) => request('POST', '/auth/register', { body, auth: false }),
  login: (body) => request('POST', '/auth/login', { body, auth: false }),
  logout: () => request('POST', '/auth/logout'),
  sessions: () => request('GET', '/auth/sessions'),
  revokeSession: (id) => request('DELETE', `/auth/sessions/${enc(id)}`),

  me: () => request('GET', '/users/me'),
  updateMe: (patch) => request('PATCH', '/users/me', { body: patch }),
  user: (id) => request('GET', `/users/${enc(id)}`),
  userByName: (username) => request('GET', '/users', { query: { username } }),
  searchUsers: (q, limit = 20) => request('GET', '/users/search', { query: { q, limit } }),

  conversations: () => request('GET', '/conversations'),
  conversation: (id) => request('GET', `/conversations/${enc(id)}`),
  createChannel: (body) => request('POST', '/channels', { body }),
  publicChannels: ({ q, cursor, limit = 30 } = {}) => request('GET', '/channels/public', { query: { q, cursor, limit } }),
  updateChannel: (id, patch) => request('PATCH', `/channels/${enc(id)}`, { body: patch }),
  deleteChannel: (id) => request('DELETE', `/channels/${enc(id)}`),
  joinChannel: (id) => request('POST', `/channels/${enc(id)}/join`),
  leaveChannel: (id) => request('POST', `/channels/${enc(id)}/leave`),
  members: (id, { cursor, limit = 100 } = {}) => request('GET', `/channels/${enc(id)}/members`, { query: { cursor, limit } }),
  addMember: (id, userId) => request('PUT', `/channels/${enc(id)}/members/${enc(userId)}`),
  removeMember: (id, userId) => request('DELETE', `/channels/${enc(id)}/members/${enc(userId)}`),
  openDm: (username) => request('POST', '/dms', { body: { username } }),

  messages: (id, { before_seq, after_seq, around_seq, around_id, limit = 100 } = {}) =>
    request('GET', `/conversations/${enc(id)}/messages`, {
      query: { before_seq, after_seq, around_seq, around_id, limit, with_events: 'true' },
    }),
  events: (id, { after_seq, limit = 100 } = {}) =>
    request('GET', `/conversations/${enc(id)}/events`, { query: { after_seq, limit } }),
  sendMessage: (id, body) => request('POST', `/conversations/${enc(id)}/messages`, { body }),
  editMessage: (id, messageId, content) =>
    request('PATCH', `/conversations/${enc(id)}/messages/${enc(messageId)}`, { body: { content } }),
  deleteMessage: (id, messageId) => request('DELETE', `/conversations/${enc(id)}/messages/${enc(messageId)}`),
  markRead: (id, seq) => request('POST', `/conversations/${enc(id)}/read`, { body: { seq } }),
  setNotifications: (id, body) => request('PUT', `/conversations/${enc(id)}/notifications`, { body }),

  vapidKey: () => request('GET', '/push/vapid-public-key'),
  subscribePush: (body) => request('POST', '/push/subscriptions', { body }),
  unsubscribePush: (id) => request('DELETE', `/push/subscriptions/${enc(id)}`),

  presence: (ids) => request('GET', '/presence', { query: { user_ids: ids.join(',') } }),
  setPresence: (status) => request('PUT', '/presence', { body: { status } }),
  gateway: () => request('GET', '/gateway', { auth: false }),

  authConfig: () => request('GET', '/auth/config', { auth: false }),
  oidcExchange: (code, device_name) => request('POST', '/auth/oidc/exchange', { body: { code, device_name }, auth: false }),
  changePassword: (current_password, new_password) => request('POST', '/auth/password', { body: { current_password, new_password } }),
  resetPassword: (token, new_password) => request('POST', '/auth/password/reset', { body: { token, new_password }, auth: false }),
  deleteMe: (password) => request('DELETE', '/users/me', { body: { password } }),

  adminUsers: ({ q, cursor, limit = 50 } = {}) => request('GET', '/admin/users', { query: { q, cursor, limit } }),
  adminCreateUser: (username, password) => request('POST', '/admin/users', { body: { username, password } }),
  adminDeactivate: (id) => request('POST', `/admin/users/${enc(id)}/deactivate`),
  adminReactivate: (id) => request('POST', `/admin/users/${enc(id)}/reactivate`),
  adminSetAdmin: (id, admin) => request(admin ? 'PUT' : 'DELETE', `/admin/users/${enc(id)}/admin`),
  adminPasswordReset: (id) => request('POST', `/admin/users/${enc(id)}/password-reset`),
  adminInvites: () => request('GET', '/admin/invites'),
  adminCreateInvite: (body) => request('POST', '/admin/invites', { body }),
  adminRevokeInvite: (code) => request('DELETE', `/admin/invites/${enc(code)}`),

  bots: () => request('GET', '/bots'),
  createBot: (body) => request('POST', '/bots', { body }),
  deleteBot: (id) => request('DELETE', `/bots/${enc(id)}`),
  botTokens: (id) => request('GET', `/bots/${enc(id)}/tokens`),
  createBotToken: (id, body) => request('POST', `/bots/${enc(id)}/tokens`, { body }),
  revokeBotToken: (id, tokenId) => request('DELETE', `/bots/${enc(id)}/tokens/${enc(tokenId)}`),
};
