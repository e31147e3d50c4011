package dev.parley.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * A Netty handler in front of a gateway socket's WebSocket frame decoder that reads each frame's header as it
 * arrives and refuses, before any payload is buffered, what the gateway will not take: a message (all its
 * fragments together) over the socket's current budget (small until IDENTIFY, the hard limit after), binary data,
 * reserved bits or opcodes (no extension is ever negotiated, so a compressed frame is one), unmasked frames,
 * fragmented or oversized control frames, and fragments out of order.
 *
 * <p>A refused frame's bytes, and every data frame after it, are skipped as they arrive, so neither the decoder
 * nor anything behind it sees them and no memory grows; control frames still pass, so the close handshake that the
 * refusal starts ({@link Refusal}) completes. Until then the bytes of accepted frames pass through unchanged.
 *
 * <p>Threading: the socket's event loop only, like every Netty handler; {@code budget} may read state written by
 * other threads.
 */
final class FrameGate extends ChannelInboundHandlerAdapter {
    static final String NAME = "parley-frame-gate";


    /** Told once, on the event loop, when the gate refuses: close the socket with this code. */
    interface Refusal {
        void refuse(short code, String reason);
    }

    private final IntSupplier budget;
    private final Refusal refusal;
    private final byte[] header = new byte[14];
    private int headerRead;
    private long payloadLeft;
    private boolean passing;
    private boolean inMessage;
    private long messageBytes;
    private boolean refused;

    /** @param budget the most bytes one message may carry now (its fragments together) */
    FrameGate(IntSupplier budget, Refusal refusal) {
        this.budget = budget;
        this.refusal = refusal;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable()) {
                if (payloadLeft > 0) {
                    int n = (int) Math.min(payloadLeft, in.readableBytes());
                    if (passing) {
                        ctx.fireChannelRead(in.readRetainedSlice(n));
                    } else {
                        in.skipBytes(n);
                    }
                    payloadLeft -= n;
                } else {
                    header[headerRead++] = in.readByte();
                    if (headerRead >= 2 && headerRead == headerLength()) {
                        admit(ctx);
                    }
                }
            }
        } finally {
            in.release();
        }
    }

    private int headerLength() {
        int len1 = header[1] & 0x7f;
        return 2 + (len1 == 126 ? 2 : len1 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
    }

    /** Why a frame is refused, and the close code that says so. */
    private record Problem(short closeCode, String reason) {
        static Problem protocol(String reason) {
            return new Problem(CloseCodes.PROTOCOL_ERROR, reason);
        }
    }

    /** A whole header has arrived: let the frame through, or skip it (and refuse the socket once). */
    private void admit(ChannelHandlerContext ctx) {
        int opcode = header[0] & 0x0f;
        boolean fin = (header[0] & 0x80) != 0;
        long length = payloadLength();
        boolean control = opcode >= 8;
        Problem problem = control ? controlProblem(opcode, fin, length) : dataProblem(opcode, length);
        if (problem != null && !refused) {
            refused = true;
            refusal.refuse(problem.closeCode(), problem.reason());
        }
        passing = problem == null && (control || !refused);
        if (passing && !control) {
            inMessage = !fin;
            messageBytes = fin ? 0 : messageBytes + length;
        }
        if (passing) {
            ctx.fireChannelRead(Unpooled.wrappedBuffer(Arrays.copyOf(header, headerRead)));
        }
        payloadLeft = length;
        headerRead = 0;
    }

    private long payloadLength() {
        int len1 = header[1] & 0x7f;
        if (len1 == 126) {
            return ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        }
        if (len1 == 127) {
            long length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xff);
            }
            return length < 0 ? Long.MAX_VALUE : length;
        }
        return len1;
    }

    private Problem commonProblem(int opcode) {
        if ((header[0] & 0x70) != 0) {
            return Problem.protocol("reserved bits set: no extension (compression included) was negotiated");
        }
        if ((header[1] & 0x80) == 0) {
            return Problem.protocol("client frames must be masked");
        }
        if ((opcode > 2 && opcode < 8) || opcode > 10) {
            return Problem.protocol("reserved opcode " + opcode);
        }
        return null;
    }

    private Problem controlProblem(int opcode, boolean fin, long length) {
        Problem common = commonProblem(opcode);
        if (common != null) {
            return common;
        }
        return !fin || length > 125 ? Problem.protocol("control frames are single frames of at most 125 bytes") : null;
    }

    private Problem dataProblem(int opcode, long length) {
        Problem common = commonProblem(opcode);
        if (common != null) {
            return common;
        }
        if (opcode == 2) {
            return new Problem(CloseCodes.MALFORMED_FRAME, "frames must be JSON text, not binary");
        }
        if ((opcode == 0) != inMessage) {
            return Problem.protocol(opcode == 0 ? "a continuation frame outside a fragmented message"
                    : "a new message inside a fragmented one");
        }
        long room = budget.getAsInt() - (opcode == 0 ? messageBytes : 0);
        return length > room ? new Problem(CloseCodes.TOO_BIG, "a message may carry at most " + budget.getAsInt() + " bytes now") : null;
    }
}
