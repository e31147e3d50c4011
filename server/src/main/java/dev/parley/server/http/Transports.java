package dev.parley.server.http;

import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which network transport the node's event loops use ({@code http.transport}): {@code auto} takes Netty's io_uring
 * where the kernel allows it, else epoll, else Java's NIO, which is always there; {@code io_uring}, {@code epoll}
 * or {@code nio} insist (a native one that cannot load falls back to NIO, with a warning, rather than not start).
 */
public final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    public static Transport choose(String setting) {
        List<Transport> wanted = switch (setting.toLowerCase(Locale.ROOT)) {
            case "auto" -> List.of(Transport.IO_URING, Transport.EPOLL);
            case "io_uring" -> List.of(Transport.IO_URING);
            case "epoll" -> List.of(Transport.EPOLL);
            case "nio" -> List.of();
            default -> throw new IllegalArgumentException("http.transport must be auto, io_uring, epoll or nio, not " + setting);
        };
        for (Transport t : wanted) {
            if (t.available()) {
                return t;
            }
            LOG.info("the {} transport is not available here ({}); trying the next", t.name(),
                    t.unavailabilityCause() == null ? "no reason given" : t.unavailabilityCause().toString());
        }
        if (!wanted.isEmpty() && !setting.equalsIgnoreCase("auto")) {
            LOG.warn("http.transport={} is not available here: using NIO", setting);
        }
        return Transport.NIO;
    }
}
