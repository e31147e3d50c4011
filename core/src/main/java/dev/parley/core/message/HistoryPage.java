package dev.parley.core.message;

import dev.parley.core.account.User;
import java.util.List;
import java.util.Map;

/** A page of history with the profiles of its authors, each once. */
public record HistoryPage(List<Message> messages, Map<Long, User> users, boolean hasMore) {
}
