package dev.parley.state.redis;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay between the nodes of a cluster, on Redis pub/sub: a channel per topic ({@code PREFIX:c:ID} for a
 * conversation, {@code PREFIX:u:ID} for a user, {@code PREFIX:all}), each event as {@link RelayCodec} JSON. Plain
 * {@code PUBLISH}/{@code SUBSCRIBE}, not sharded pub/sub: on one Redis server they are the same, and this adapter
 * (like the other Redis adapters, whose scripts take several keys) is for one Redis primary, not Redis Cluster.
 *
 * <p>Across nodes: an event published to a topic reaches every node subscribed to it at that moment, at most once,
 * and a node's events reach each subscriber in the order that node published them. {@link #subscribe} completes
 * once Redis confirmed the subscription; subscriptions and unsubscriptions of this node reach Redis in the order
 * they were asked for. An event of a topic no longer subscribed is not handed to the listener.
 *
 * <p>On a lost connection: publishing goes on without blocking, and what cannot be sent is dropped (the log is the
 * truth). The subscriptions' connection reconnects by itself; subscribing and unsubscribing meanwhile wait, in order,
 * for it. Once it is back and every subscribed topic is confirmed again, {@link RelayListener#onResync} is called,
 * once per reconnect, since anything published meanwhile was lost.
 *
 * <p>Threading: every method may be called from any thread. The listener is called on this relay's connection's
 * I/O thread, one event at a time, so it must hand work off quickly; if it throws, the error is logged and the next
 * event is delivered as usual.
 */
public final class RedisEventRelay implements EventRelay {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventRelay.class);

    /** A topic this node wants, and whether Redis confirmed it. */
    private record Subscription(Topic topic, CompletableFuture<Void> confirmed) {
    }

    private final RedisConnections redis;
    private final String channelPrefix;
    private final RelayCodec codec = new RelayCodec();
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    /** By channel; changed, and the matching command sent, only while holding {@link #order}. */
    private final ConcurrentHashMap<String, Subscription> wanted = new ConcurrentHashMap<>();
    private final Object order = new Object();
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private volatile RelayListener listener;
    private volatile boolean disconnected;

    /** A relay on its own subscriptions' connection; {@code redis} stays open when it closes. */
    public RedisEventRelay(RedisConnections redis, String prefix) {
        this.redis = redis;
        this.channelPrefix = prefix + ":";
        this.subscriber = redis.newSubscriber();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                deliver(channel, message);
            }
        });
        subscriber.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                disconnected = true;
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (disconnected) {
                    disconnected = false;
                    resubscribe();
                }
            }
        });
    }

    private String channel(Topic topic) {
        return switch (topic.kind()) {
            case CONVERSATION -> channelPrefix + "c:" + topic.id();
            case USER -> channelPrefix + "u:" + topic.id();
            case ALL -> channelPrefix + "all";
        };
    }

    @Override
    public void publish(Topic topic, RelayEvent event) {
        try {
            redis.async().publish(channel(topic), codec.encode(event)).whenComplete((receivers, failure) -> {
                if (failure == null) {
                    if (publishFailing.getAndSet(false)) {
                        LOG.info("publishing to Redis works again");
                    }
                } else if (!publishFailing.getAndSet(true)) {
                    LOG.warn("cannot publish to Redis, events are dropped until it answers again: {}", failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.error("could not publish {}", event, e);
        }
    }

    @Override
    public void listen(RelayListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Void> subscribe(Topic topic) {
        String channel = channel(topic);
        synchronized (order) {
            Subscription s = wanted.get(channel);
            if (s == null) {
                s = new Subscription(topic, subscriber.async().subscribe(channel).toCompletableFuture());
                wanted.put(channel, s);
            }
            return s.confirmed().copy();
        }
    }

    @Override
    public void unsubscribe(Topic topic) {
        String channel = channel(topic);
        synchronized (order) {
            if (wanted.remove(channel) != null) {
                subscriber.async().unsubscribe(channel);
            }
        }
    }

    private void deliver(String channel, String message) {
        Subscription s = wanted.get(channel);
        RelayListener l = listener;
        if (s == null || l == null) {
            return;
        }
        RelayEvent event;
        try {
            event = codec.decode(message);
        } catch (IllegalArgumentException e) {
            LOG.warn("dropped a message on {} that is no relay event: {}", channel, e.getMessage());
            return;
        }
        try {
            l.onEvent(s.topic(), event);
        } catch (RuntimeException e) {
            LOG.error("the relay listener failed on {}", event, e);
        }
    }

    /**
     * After a reconnect Lettuce has already sent {@code SUBSCRIBE} for the channels it knew, then whatever was asked
     * meanwhile; one more {@code SUBSCRIBE} of every wanted channel makes sure of them, and its answer, which comes
     * after all of those, is the moment the relay is whole again.
     */
    private void resubscribe() {
        CompletionStage<Void> confirmed;
        synchronized (order) {
            String[] channels = wanted.keySet().toArray(String[]::new);
            confirmed = channels.length == 0 ? CompletableFuture.completedFuture(null) : subscriber.async().subscribe(channels);
        }
        confirmed.whenComplete((v, failure) -> {
            if (failure != null) {
                LOG.warn("could not subscribe again after a reconnect: {}", failure.toString());
            }
            RelayListener l = listener;
            if (l != null) {
                try {
                    l.onResync();
                } catch (RuntimeException e) {
                    LOG.error("the relay listener failed to resync", e);
                }
            }
        });
    }

    /** Ends this relay's subscriptions and their connection. */
    @Override
    public void close() {
        synchronized (order) {
            wanted.clear();
        }
        subscriber.close();
    }
}
