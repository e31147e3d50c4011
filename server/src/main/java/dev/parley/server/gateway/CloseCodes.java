package dev.parley.server.gateway;

/** The gateway's close codes (api.md). */
final class CloseCodes {
    static final short BAD_TOKEN = 4001;
    static final short MALFORMED_FRAME = 4002;
    static final short NOT_IDENTIFIED = 4003;
    static final short HEARTBEAT_TIMEOUT = 4004;
    static final short TOO_SLOW = 4005;
    static final short RATE_LIMITED = 4008;
    static final short GOING_AWAY = 1001;
    static final short PROTOCOL_ERROR = 1002;
    static final short TOO_BIG = 1009;

    private CloseCodes() {
    }
}
