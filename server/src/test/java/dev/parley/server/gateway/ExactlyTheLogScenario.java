package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many senders and an owner changing members and topics at once, over several channels, with listening sockets:
 * every socket must end with exactly the log of each of its channels after the point it joined, in seq order,
 * nothing missing and nothing twice — whatever the relay underneath does (see the subclasses).
 */
abstract class ExactlyTheLogScenario {
    private static final int SENDERS = 20;
    private static final int LISTENERS = 10;
    private static final int CHANNELS = 3;
    private static final int ACTIONS_PER_SENDER = 12;
    private static final int OWNER_ACTIONS = 15;

    protected abstract TestNode node();

    /** One event of a channel's log as a client sees it. */
    private record Seen(long seq, String op) {
    }

    @Test
    void everySocketEndsWithExactlyTheLogInSeqOrderWithoutRepeats() throws Exception {
        Api api = node().api();
        Account owner = api.register("owner");
        List<Account> listeners = new ArrayList<>();
        List<Account> senders = new ArrayList<>();
        List<Account> extras = new ArrayList<>();
        for (int i = 0; i < LISTENERS; i++) {
            listeners.add(api.register("listener"));
        }
        for (int i = 0; i < SENDERS; i++) {
            senders.add(api.register("sender"));
        }
        for (int i = 0; i < 5; i++) {
            extras.add(api.register("extra"));
        }
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            String channel = api.channel(owner, "room " + c, "private");
            channels.add(channel);
            listeners.forEach(l -> api.addMember(owner, channel, l));
            senders.forEach(s -> api.addMember(owner, channel, s));
        }

        List<Ws> sockets = new ArrayList<>();
        List<Map<String, Long>> joinedAt = new ArrayList<>();
        try {
            for (Account listener : listeners) {
                Ws ws = Ws.connect(node().baseUrl(), listener.token());
                sockets.add(ws);
                Map<String, Long> at = new HashMap<>();
                JsonNode ready = ws.drainAll().stream().filter(Gw.op("READY")).findFirst().orElseThrow();
                ready.path("d").path("conversations").forEach(c -> at.put(c.path("id").asText(), c.path("last_seq").asLong()));
                joinedAt.add(at);
            }

            act(api, owner, senders, extras, channels);

            for (String channel : channels) {
                List<Seen> log = log(api, owner, channel);
                long last = log.get(log.size() - 1).seq();
                for (int i = 0; i < sockets.size(); i++) {
                    Ws ws = sockets.get(i);
                    long from = joinedAt.get(i).get(channel);
                    awaitSeq(ws, channel, last);
                    List<Seen> received = ws.drainAll().stream()
                            .filter(f -> f.has("seq") && channel.equals(f.path("conversation_id").asText()))
                            .map(f -> new Seen(f.path("seq").asLong(), f.path("op").asText()))
                            .toList();
                    assertThat(received).as("socket %d, channel %s", i, channel)
                            .containsExactlyElementsOf(log.stream().filter(e -> e.seq() > from).toList());
                }
            }
        } finally {
            sockets.forEach(Ws::close);
        }
    }

    /** Runs every sender and the owner at once, each with its own seeded choices; each call must succeed. */
    private static void act(Api api, Account owner, List<Account> senders, List<Account> extras, List<String> channels)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                Account sender = senders.get(s);
                Random random = new Random(1_000 + s);
                running.add(pool.submit(() -> {
                    start.await();
                    List<String[]> mine = new ArrayList<>();
                    for (int a = 0; a < ACTIONS_PER_SENDER; a++) {
                        double r = random.nextDouble();
                        if (r < 0.2 && !mine.isEmpty()) {
                            String[] m = mine.get(random.nextInt(mine.size()));
                            assertThat(api.patch(messages(m[0]) + "/" + m[1], sender.token(), Api.obj("content", "edited " + a))
                                    .status()).isEqualTo(200);
                        } else if (r < 0.3 && !mine.isEmpty()) {
                            String[] m = mine.remove(random.nextInt(mine.size()));
                            assertThat(api.delete(messages(m[0]) + "/" + m[1], sender.token()).status()).isEqualTo(204);
                        } else {
                            String channel = channels.get(random.nextInt(channels.size()));
                            Api.Reply sent = api.send(sender, channel, "message " + a + " from " + sender.username());
                            assertThat(sent.status()).isEqualTo(201);
                            mine.add(new String[] {channel, sent.json().path("id").asText()});
                        }
                    }
                    return null;
                }));
            }
            running.add(pool.submit(() -> {
                start.await();
                Random random = new Random(7);
                for (int a = 0; a < OWNER_ACTIONS; a++) {
                    String channel = channels.get(random.nextInt(channels.size()));
                    Account extra = extras.get(random.nextInt(extras.size()));
                    String member = "/api/v1/channels/" + channel + "/members/" + extra.id();
                    int status = switch (a % 3) {
                        case 0 -> api.put(member, owner.token()).status();
                        case 1 -> api.delete(member, owner.token()).status();
                        default -> api.patch("/api/v1/channels/" + channel, owner.token(), Api.obj("topic", "topic " + a)).status();
                    };
                    assertThat(status).isIn(200, 204);
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String messages(String channel) {
        return "/api/v1/conversations/" + channel + "/messages";
    }

    /** The channel's whole log, read through the events endpoint page by page. */
    private static List<Seen> log(Api api, Account reader, String channel) {
        List<Seen> log = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            Api.Reply page = api.get("/api/v1/conversations/" + channel + "/events?after_seq=" + after, reader.token());
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode e : page.json().path("events")) {
                log.add(new Seen(e.path("seq").asLong(), e.path("op").asText()));
                after = e.path("seq").asLong();
            }
            more = page.json().path("has_more").asBoolean();
        }
        return log;
    }

    private static void awaitSeq(Ws ws, String channel, long seq) {
        java.util.function.Predicate<JsonNode> it = f -> f.path("seq").asLong() == seq
                && channel.equals(f.path("conversation_id").asText());
        if (ws.drainAll().stream().noneMatch(it)) {
            ws.next(it, "seq " + seq + " of " + channel);
        }
    }
}
