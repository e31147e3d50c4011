// Parley's service worker: shows a notification for each Web Push the server sends (to users with no open
// tab), and opens the message when it is clicked. The push's decrypted payload is
// {conversation_id, message_id, seq, title, body}.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const hash = data.conversation_id ? `#/c/${encodeURIComponent(data.conversation_id)}/m/${Number(data.seq) || 0}` : '#/';
  event.waitUntil(self.registration.showNotification(data.title || 'Parley', {
    body: data.body || 'New message',
    tag: data.conversation_id ? `c:${data.conversation_id}` : 'parley',
    icon: '/favicon.svg',
    data: { hash },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const hash = event.notification.data?.hash || '#/';
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin === self.location.origin) {
        client.postMessage({ type: 'open', hash });
        return client.focus();
      }
    }
    return self.clients.openWindow(`/${hash}`);
  })());
});
