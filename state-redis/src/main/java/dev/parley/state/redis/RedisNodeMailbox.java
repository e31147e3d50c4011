package dev.parley.state.redis;

import dev.parley.core.cluster.NodeMailbox;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-to-node messages on Redis pub/sub: a box is the channel {@code PREFIX:box:NAME}, a message its bytes in Base64.
 * Plain {@code PUBLISH}: a message sent while its box is not subscribed, or while either side is disconnected, is lost
 * (which {@link NodeMailbox} allows). The boxes' subscriptions are on a connection of their own, which Lettuce
 * reconnects and subscribes again by itself.
 */
public final class RedisNodeMailbox implements NodeMailbox {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeMailbox.class);

    private final RedisConnections redis;
    private final String channelPrefix;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final Map<String, Consumer<byte[]>> boxes = new ConcurrentHashMap<>();

    /** A mailbox on its own subscriptions' connection; {@code redis} stays open when it closes. */
    public RedisNodeMailbox(RedisConnections redis, String prefix) {
        this.redis = redis;
        this.channelPrefix = prefix + ":box:";
        this.subscriber = redis.newSubscriber();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                deliver(channel, message);
            }
        });
    }

    @Override
    public void send(String box, byte[] message) {
        try {
            redis.async().publish(channelPrefix + box, Base64.getEncoder().encodeToString(message));
        } catch (RuntimeException e) {
            LOG.debug("a message to box {} was not sent: {}", box, e.toString());
        }
    }

    @Override
    public CompletableFuture<Void> open(String box, Consumer<byte[]> handler) {
        String channel = channelPrefix + box;
        boxes.put(channel, handler);
        return subscriber.async().subscribe(channel).toCompletableFuture();
    }

    private void deliver(String channel, String message) {
        Consumer<byte[]> handler = boxes.get(channel);
        if (handler == null) {
            return;
        }
        try {
            handler.accept(Base64.getDecoder().decode(message));
        } catch (RuntimeException e) {
            LOG.warn("dropped a message to {}: {}", channel, e.toString());
        }
    }

    @Override
    public void close() {
        boxes.clear();
        subscriber.close();
    }
}
