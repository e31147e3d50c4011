package dev.parley.core.fakes;

import dev.parley.core.account.Invite;
import dev.parley.core.account.InviteStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Invites in a map. */
public final class InMemoryInviteStore implements InviteStore {
    private final Map<String, Invite> invites = new LinkedHashMap<>();

    @Override
    public synchronized void create(Invite invite) {
        invites.put(invite.code(), invite);
    }

    @Override
    public synchronized List<Invite> list() {
        List<Invite> out = new ArrayList<>(invites.values());
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public synchronized boolean delete(String code) {
        return invites.remove(code) != null;
    }

    @Override
    public synchronized Optional<Invite> use(String code, Instant now) {
        Invite i = invites.get(code);
        if (i == null || !i.usableAt(now)) {
            return Optional.empty();
        }
        invites.put(code, new Invite(i.code(), i.maxUses(), i.uses() + 1, i.expiresAt(), i.grantsAdmin(), i.createdBy(), i.createdAt()));
        return Optional.of(i);
    }

    @Override
    public synchronized void giveBack(String code) {
        invites.computeIfPresent(code, (c, i) -> new Invite(i.code(), i.maxUses(), Math.max(0, i.uses() - 1), i.expiresAt(),
                i.grantsAdmin(), i.createdBy(), i.createdAt()));
    }
}
