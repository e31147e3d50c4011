package dev.parley.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * A gateway socket on its Netty channel, once the WebSocket handshake is done: the last handler of the channel,
 * taking the place of Vert.x's WebSocket objects so that an idle socket holds no more than the channel itself and
 * a {@link Connection}. It passes text frames to a {@link Listener}, answers pings, completes the close handshake
 * and writes frames.
 *
 * <p>Threading: the channel's event loop calls every handler method; {@link #write} and {@link #flush} must be
 * called on it too ({@link #eventLoop}); {@link #close} may be called from any thread.
 */
final class GatewaySocket extends ChannelInboundHandlerAdapter {
    static final String NAME = "parley-gateway-socket";
    /** How long after our close frame the client has to answer with its own before the connection is cut. */
    private static final long CLOSING_TIMEOUT_MS = 5_000;

    /** What the socket tells its connection. Called on the event loop. */
    interface Listener {
        void text(ByteBuf data, boolean last);

        void writable();

        void closed();
    }

    private final Channel channel;
    private Listener listener;
    private boolean closeSent;

    GatewaySocket(Channel channel) {
        this.channel = channel;
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    /** The channel's event loop, to run writes on. */
    io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    boolean isOpen() {
        return channel.isActive() && !closeSent;
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    /** Writes one text frame without flushing; {@code utf8} is shared, never changed. Event loop only. */
    void write(byte[] utf8) {
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)), channel.voidPromise());
    }

    void flush() {
        channel.flush();
    }

    /** Starts the close handshake (any thread): our close frame now, the connection cut once the client answers. */
    void close(short code, String reason) {
        channel.eventLoop().execute(() -> {
            if (closeSent || !channel.isActive()) {
                return;
            }
            closeSent = true;
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, CLOSING_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case TextWebSocketFrame text -> data(text.content(), text.isFinalFragment());
                case ContinuationWebSocketFrame more -> data(more.content(), more.isFinalFragment());
                case PingWebSocketFrame ping -> {
                    if (!closeSent) {
                        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                    }
                }
                case CloseWebSocketFrame close -> {
                    if (closeSent) {
                        ctx.close();
                    } else {
                        closeSent = true;
                        ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
                    }
                }
                default -> {
                    // pongs, and anything the decoder lets through that is not a frame we take
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void data(ByteBuf content, boolean last) {
        if (!closeSent && listener != null) {
            listener.text(content, last);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && listener != null) {
            listener.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeSent = true;
        if (listener != null) {
            listener.closed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
