// One websocket that keeps itself connected: backoff with jitter, an application-level ping
// to notice dead lines (laptop sleep, Wi-Fi handover), and the browser's online/offline and
// visibility signals. The owner decides what `since` to resume from via urlFn().

const MIN_DELAY = 500;
const MAX_DELAY = 10000;
const PING_EVERY = 15000;
// A line that stays silent this long after our ping is dead even if the browser thinks not.
const PONG_WAIT = 8000;

export class LiveSocket {
  /**
   * @param {() => string} urlFn   builds the URL for each attempt (it carries since=)
   * @param {{message?: Function, state?: Function, closed?: Function}} on
   *   message(msg) for every parsed message but pong; state('connecting'|'online'|'offline');
   *   closed() whenever the current socket is gone (pending requests should give up).
   */
  constructor(urlFn, on = {}) {
    this.urlFn = urlFn;
    this.on = on;
    this.ws = null;
    this.state = 'connecting';
    this.delay = MIN_DELAY;
    this.retryTimer = 0;
    this.pingTimer = 0;
    this.pongTimer = 0;
    this.stopped = false;
    window.addEventListener('online', () => this.reconnectNow());
    window.addEventListener('offline', () => {
      this.drop();
      this.setState('offline');
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') return;
      // Back from sleep or a hidden tab: connect at once, or check the line is still alive.
      if (this.ws) this.ping();
      else this.reconnectNow();
    });
  }

  get online() {
    return this.state === 'online' && this.ws?.readyState === WebSocket.OPEN;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.drop();
  }

  /** Sends a message if the socket is open and greeted; false otherwise (caller queues). */
  send(msg) {
    if (!this.online) return false;
    try {
      this.ws.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  reconnectNow() {
    if (this.stopped) return;
    this.delay = MIN_DELAY;
    if (!this.ws) {
      clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  setState(s) {
    if (s === this.state) return;
    this.state = s;
    this.on.state?.(s);
  }

  connect() {
    if (this.ws || this.stopped) return;
    if (navigator.onLine === false) {
      this.setState('offline');
      this.scheduleRetry();
      return;
    }
    let ws;
    try {
      ws = new WebSocket(this.urlFn());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      clearTimeout(this.pongTimer);
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      if (msg.type === 'hello') {
        this.delay = MIN_DELAY;
        this.setState('online');
        this.startPings();
      }
      if (msg.type !== 'pong') this.on.message?.(msg);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.lost(e.code === 1001);
    };
  }

  /** The current socket is gone: tell the owner, show it calmly, try again later. */
  lost(serverRestart = false) {
    const wasOnline = this.state === 'online';
    this.detach();
    this.on.closed?.();
    if (navigator.onLine === false) this.setState('offline');
    // One quiet retry after a drop shows "connecting"; only a failed retry says "offline".
    else this.setState(wasOnline ? 'connecting' : 'offline');
    if (serverRestart) this.delay = MIN_DELAY;
    this.scheduleRetry();
  }

  detach() {
    const ws = this.ws;
    this.ws = null;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    if (!ws) return;
    ws.onmessage = null;
    ws.onclose = null;
    try {
      ws.close();
    } catch {
      // already closing
    }
  }

  /** Closes without waiting for the browser: a dead TCP line can take minutes to report. */
  drop() {
    if (!this.ws) return;
    this.detach();
    this.on.closed?.();
  }

  scheduleRetry() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    // Jitter spreads a room full of phones reconnecting after the same Wi-Fi blink.
    const wait = this.delay * (0.5 + Math.random() * 0.5);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  startPings() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.ping(), PING_EVERY);
  }

  ping() {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    try {
      ws.send('{"type":"ping"}');
    } catch {
      return;
    }
    clearTimeout(this.pongTimer);
    // Any message (not only pong) clears this timer in onmessage.
    this.pongTimer = setTimeout(() => {
      if (this.ws === ws) this.lost();
    }, PONG_WAIT);
  }
}
