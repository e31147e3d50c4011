package dev.parley.testkit;

import dev.parley.core.presence.LocalPresenceStore;
import dev.parley.core.presence.PresenceStore;

class LocalPresenceStoreContractTest extends PresenceStoreContract {
    @Override
    protected PresenceStore newStore() {
        return new LocalPresenceStore();
    }
}
