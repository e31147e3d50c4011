package dev.parley.server.gateway;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

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
    private Buffer message;
    private long size;

    TextMessages(Connection connection, Inbound inbound, int maxBytes) {
        this.connection = connection;
        this.inbound = inbound;
        this.maxBytes = maxBytes;
    }

    void frame(WebSocketFrame frame, long nowMs) {
        if (!frame.isText() && !frame.isContinuation()) {
            return;
        }
        Buffer data = frame.binaryData();
        size += data.length();
        if (size <= maxBytes) {
            message = message == null ? data.copy() : message.appendBuffer(data);
        }
        if (!frame.isFinal()) {
            return;
        }
        Buffer whole = message;
        long wholeSize = size;
        message = null;
        size = 0;
        if (wholeSize > maxBytes) {
            connection.sendDirect(Frames.error(new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "frames may be at most " + maxBytes + " bytes"), null));
            return;
        }
        inbound.onText(connection, whole == null ? new byte[0] : whole.getBytes(), nowMs);
    }
}
