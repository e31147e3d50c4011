package dev.parley.server.cache;

import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;

/**
 * Keeps this node's caches in step with changes made on any node: every event the relay brings first drops the
 * cached entries it changes, then goes on to {@code next} (the gateway). When the relay may have lost events,
 * every cache is emptied.
 */
public final class CacheInvalidation implements RelayListener {
    private final CachingAccountStore accounts;
    private final CachingConversationStore conversations;
    private final RelayListener next;

    public CacheInvalidation(CachingAccountStore accounts, CachingConversationStore conversations, RelayListener next) {
        this.accounts = accounts;
        this.conversations = conversations;
        this.next = next;
    }

    @Override
    public void onEvent(Topic topic, RelayEvent event) {
        if (event instanceof LogEvent e) {
            conversations.changed(e);
        } else if (event instanceof Ephemeral.ProfileChanged p) {
            accounts.invalidate(p.user().id());
        }
        next.onEvent(topic, event);
    }

    @Override
    public void onResync() {
        accounts.invalidateAll();
        conversations.invalidateAll();
        next.onResync();
    }
}
