// The WebSocket gateway connection: HELLO → IDENTIFY → READY → replay → CATCHUP_DONE → live,
// heartbeats, and reconnection with exponential backoff and full jitter.
//
// Status values reported through onStatus: connecting, identifying, catching_up, live,
// waiting (backoff before the next attempt), stopped.

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30000;
const HELLO_TIMEOUT_MS = 15000;
const CLOSE_INVALID_SESSION = 4001;
const CLOSE_RATE_LIMITED = 4008;

export function fallbackGatewayUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/gateway`;
}

/** Accepts ws(s)://, http(s):// or a path and returns a ws(s) URL. */
export function normaliseGatewayUrl(raw) {
  if (!raw) return null;
  try {
    const url = new URL(raw, location.href);
    if (url.protocol === 'http:') url.protocol = 'ws:';
    else if (url.protocol === 'https:') url.protocol = 'wss:';
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
    return url.href;
  } catch {
    return null;
  }
}

export class Gateway {
  /**
   * @param {object} o
   * @param {() => Promise<string|null>} o.resolveUrl  asks /api/v1/gateway for a node
   * @param {() => string|null} o.getToken
   * @param {() => object} o.getCursors  {conversation_id: last seen seq}
   * @param {(frame: object) => void} o.onFrame  every frame after HELLO
   * @param {(status: string, info: object) => void} o.onStatus
   * @param {() => void} o.onInvalidSession  close code 4001
   */
  constructor(o) {
    this.o = o;
    this.ws = null;
    this.status = 'stopped';
    this.attempt = 0;
    this.failuresWithoutHello = 0;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.helloTimer = null;
    this.awaitingAck = false;
    this.stopped = true;
    this.connectSeq = 0;
    this.onOnline = () => { if (this.status === 'waiting') this.retryNow(); };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.connectSeq++;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.drop(1000);
    this.setStatus('stopped');
  }

  get isLive() { return this.status === 'live'; }

  /** Sends a client op; true when it went onto an identified socket. */
  send(op, d = {}) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.status !== 'live' && this.status !== 'catching_up') return false;
    return this.raw(op, d);
  }

  retryNow() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  // ---- internals

  setStatus(status, info = {}) {
    this.status = status;
    this.o.onStatus(status, info);
  }

  raw(op, d) {
    try {
      this.ws.send(JSON.stringify({ op, d }));
      return true;
    } catch {
      return false;
    }
  }

  async connect() {
    if (this.stopped) return;
    const attempt = ++this.connectSeq;
    clearTimeout(this.retryTimer);
    this.drop(1000);
    this.setStatus('connecting');
    let url = null;
    // Alternate with the same-origin address in case the advertised node is unreachable.
    if (this.failuresWithoutHello % 2 === 0) {
      try { url = normaliseGatewayUrl(await this.o.resolveUrl()); } catch { url = null; }
    }
    if (this.stopped || attempt !== this.connectSeq) return;
    url = url || fallbackGatewayUrl();

    let ws;
    try {
      ws = new WebSocket(url);
    } catch {
      this.failuresWithoutHello++;
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.gotHello = false;
    ws.onmessage = (e) => { if (ws === this.ws) this.onMessage(e); };
    ws.onclose = (e) => { if (ws === this.ws) this.onClose(e); };
    ws.onerror = () => {};
    clearTimeout(this.helloTimer);
    this.helloTimer = setTimeout(() => {
      if (ws === this.ws && !this.gotHello) this.abandon();
    }, HELLO_TIMEOUT_MS);
  }

  onMessage(event) {
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    if (!frame || typeof frame.op !== 'string') return;
    const d = frame.d || {};
    switch (frame.op) {
      case 'HELLO':
        this.gotHello = true;
        this.failuresWithoutHello = 0;
        clearTimeout(this.helloTimer);
        this.startHeartbeat(Number(d.heartbeat_interval_ms) || 15000);
        this.setStatus('identifying');
        this.raw('IDENTIFY', { token: this.o.getToken(), cursors: this.o.getCursors() });
        return;
      case 'HEARTBEAT_ACK':
        this.awaitingAck = false;
        return;
      case 'HEARTBEAT':
        this.raw('HEARTBEAT', {});
        return;
      case 'RECONNECT':
        // The node is draining: go through /api/v1/gateway again, promptly but not all at once.
        this.attempt = 0;
        this.abandon(Math.random() * 1000);
        return;
      case 'READY':
        this.attempt = 0;
        this.setStatus('catching_up');
        this.o.onFrame(frame);
        return;
      case 'CATCHUP_DONE':
        this.o.onFrame(frame);
        this.setStatus('live');
        return;
      default:
        this.o.onFrame(frame);
    }
  }

  onClose(event) {
    this.cleanupSocket();
    if (!this.gotHello) this.failuresWithoutHello++;
    if (this.stopped) return;
    if (event.code === CLOSE_INVALID_SESSION) {
      this.stopped = true;
      this.setStatus('stopped');
      this.o.onInvalidSession();
      return;
    }
    // 4004 heartbeat timeout, 4005 too slow, 4003, 1006 and the rest: reconnect with backoff.
    this.scheduleReconnect(event.code === CLOSE_RATE_LIMITED ? 10000 : 0);
  }

  startHeartbeat(interval) {
    clearInterval(this.heartbeatTimer);
    this.awaitingAck = false;
    this.heartbeatTimer = setInterval(() => {
      if (this.awaitingAck) {
        // No ACK for a whole interval: the connection is a zombie.
        this.abandon();
        return;
      }
      this.awaitingAck = true;
      this.raw('HEARTBEAT', {});
    }, interval);
  }

  /** Gives up on the current socket without waiting for its close handshake. */
  abandon(delayMs) {
    this.drop(4000);
    if (this.stopped) return;
    if (delayMs != null) this.scheduleIn(delayMs);
    else this.scheduleReconnect();
  }

  drop(code) {
    const ws = this.ws;
    this.cleanupSocket();
    if (!ws) return;
    ws.onmessage = null;
    ws.onclose = null;
    try { ws.close(code); } catch { /* already closed */ }
  }

  cleanupSocket() {
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.helloTimer);
    this.heartbeatTimer = null;
    this.ws = null;
  }

  scheduleReconnect(minDelayMs = 0) {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = Math.max(minDelayMs, ceiling / 2 + Math.random() * (ceiling / 2));
    this.attempt = Math.min(this.attempt + 1, 16);
    this.scheduleIn(delay);
  }

  scheduleIn(delay) {
    clearTimeout(this.retryTimer);
    this.setStatus('waiting', { retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
