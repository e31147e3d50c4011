package dev.parley.testkit;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LocalEventRelay;

class LocalEventRelayContractTest extends EventRelayContract {
    @Override
    protected EventRelay newRelay() {
        return new LocalEventRelay();
    }
}
