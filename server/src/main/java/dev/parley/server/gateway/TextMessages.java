package dev.parley.server.gateway;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import io.netty.buffer.ByteBuf;

/**
 * Joins one socket's text frames into whole messages (a message may come in fragments) and hands each to
 * {@link Inbound}. Only the first {@code maxBytes} of a message are kept: a longer one is answered
 * {@code payload_too_large} once its last fragment has come, and the socket stays open. (What reaches this class
 * is already bounded by the {@link FrameGate}; binary, control and malformed frames never get here as data.)
 *
 * <p>Threading: the socket's event loop only.
 */
final class TextMessages {
    private final Connection connection;
    private final Inbound inbound;
    private final int maxBytes;
    private byte[] message;
    private int kept;
    private long size;

    TextMessages(Connection connection, Inbound inbound, int maxBytes) {
        this.connection = connection;
        this.inbound = inbound;
        this.maxBytes = maxBytes;
    }

    /** One text frame or continuation; {@code data} stays the caller's. */
    void frame(ByteBuf data, boolean last, long nowMs) {
        int length = data.readableBytes();
        size += length;
        if (size <= maxBytes) {
            if (message == null) {
                message = new byte[last ? length : Math.max(length, 256)];
            } else if (kept + length > message.length) {
                message = java.util.Arrays.copyOf(message, Math.min(maxBytes, Math.max(kept + length, message.length * 2)));
            }
            data.getBytes(data.readerIndex(), message, kept, length);
            kept += length;
        }
        if (!last) {
            return;
        }
        byte[] whole = message == null ? new byte[0] : kept == message.length ? message : java.util.Arrays.copyOf(message, kept);
        long wholeSize = size;
        message = null;
        kept = 0;
        size = 0;
        if (wholeSize > maxBytes) {
            connection.sendDirect(Frames.error(new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "frames may be at most " + maxBytes + " bytes"), null));
            return;
        }
        inbound.onText(connection, whole, nowMs);
    }
}
