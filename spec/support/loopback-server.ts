/**
 * A real websocket server on 127.0.0.1 (random port) for integration specs: it records what
 * clients did (upgrade requests, frames, close codes, pings) and can misbehave on demand
 * (hold, defer or reject the handshake, ignore pings).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { until } from './wait.js';

/** What the server does with an upgrade request. */
export type HandshakeMode =
  /** Complete the websocket handshake. */
  | 'accept'
  /** Never answer: the client stays CONNECTING (the TCP socket is kept in `held`). */
  | 'hold'
  /**
   * Keep the upgrade request pending (the client stays CONNECTING) until the spec calls
   * {@link LoopbackServer.acceptDeferred}, which completes it like `'accept'`. A deferred TCP
   * socket is not read, so a client that gives up meanwhile may only be noticed on accept (or
   * stop): use `'hold'` to watch a handshake being aborted.
   */
  | 'defer'
  /** Answer `400 Bad Request` and close. */
  | 'reject'
  /**
   * Complete the handshake by hand, then ignore every frame: no pongs, no answer to a close
   * frame (a peer on a dead path). The TCP socket is kept in `held` until the client drops it.
   */
  | 'mute';

/** How the server behaves. */
export interface LoopbackServerOptions {
  /** What to do with upgrade requests. Default `'accept'`. */
  handshake?: HandshakeMode;
  /** Answer client pings (ws default). Set false to simulate a dead path. Default true. */
  autoPong?: boolean;
  /** Called for each accepted connection, e.g. to send frames. */
  onConnection?: (socket: WebSocket, request: IncomingMessage) => void;
}

/** A close the server received from a client. */
export interface ReceivedClose {
  /** The close code (1005 when the frame had none, 1006 when the TCP connection just ended). */
  readonly code: number;
  /** The close reason. */
  readonly reason: string;
}

/** A websocket server on 127.0.0.1 for one spec; call {@link LoopbackServer.stop} when done. */
export class LoopbackServer {
  /** Every upgrade request received, in order (headers can be inspected). */
  readonly requests: IncomingMessage[] = [];
  /** Accepted connections that are still open. */
  readonly open = new Set<WebSocket>();
  /** TCP sockets of `hold` and `mute` connections that are still open. */
  readonly held = new Set<Duplex>();
  /** Upgrade requests of `defer` mode not yet accepted, by TCP socket. */
  readonly deferred = new Map<Duplex, () => void>();
  /** Closes received, in order. */
  readonly closes: ReceivedClose[] = [];
  /** Text frames received from clients, in order. */
  readonly received: string[] = [];
  /** How many accepted connections there were in total. */
  accepted = 0;
  /** How many pings clients sent. */
  pings = 0;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    /** The base URL, `ws://127.0.0.1:<port>`. */
    readonly url: string,
  ) {}

  /** Start a server on 127.0.0.1 with a free port. */
  static async start(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
    const http = createServer((_request, response) => response.writeHead(404).end());
    const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const server = new LoopbackServer(http, wss, `ws://127.0.0.1:${port}`);
    http.on('upgrade', (request: IncomingMessage, tcp: Duplex, head: Buffer) =>
      server.upgrade(request, tcp, head, options),
    );
    return server;
  }

  /** Connections the server still has: open websockets plus held and deferred handshakes. */
  get connectionCount(): number {
    return this.open.size + this.held.size + this.deferred.size;
  }

  /** Complete every deferred upgrade now (`defer` mode); returns how many there were. */
  acceptDeferred(): number {
    const pending = [...this.deferred.values()];
    this.deferred.clear();
    for (const accept of pending) accept();
    return pending.length;
  }

  /** The URL of a path on this server, e.g. `urlFor('/api/v2/stream/trades')`. */
  urlFor(path: string): string {
    return `${this.url}${path}`;
  }

  /** Resolve when `condition` holds (checked every 2 ms); reject after `timeoutMs`. */
  waitFor(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
    return until(condition, what, timeoutMs);
  }

  /** Resolve when the server has no connection left (open or held). */
  waitForNoConnections(timeoutMs = 2000): Promise<void> {
    return this.waitFor(() => this.connectionCount === 0, 'the server to have no connections', timeoutMs);
  }

  /** Drop every connection and stop listening. */
  async stop(): Promise<void> {
    for (const socket of this.open) socket.terminate();
    for (const tcp of this.held) tcp.destroy();
    for (const tcp of this.deferred.keys()) tcp.destroy();
    this.deferred.clear();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private upgrade(request: IncomingMessage, tcp: Duplex, head: Buffer, options: LoopbackServerOptions): void {
    this.requests.push(request);
    const mode = options.handshake ?? 'accept';
    if (mode === 'hold' || mode === 'mute') {
      if (mode === 'mute') tcp.write(switchingProtocols(request));
      this.held.add(tcp);
      tcp.on('error', () => undefined);
      tcp.on('close', () => this.held.delete(tcp));
      // Read (and drop) so that the client's FIN is seen; the HTTP server allows half-open sockets.
      tcp.on('end', () => tcp.destroy());
      tcp.resume();
      return;
    }
    if (mode === 'defer') {
      tcp.on('error', () => undefined);
      tcp.on('close', () => this.deferred.delete(tcp));
      this.deferred.set(tcp, () => this.accept(request, tcp, head, options));
      return;
    }
    if (mode === 'reject') {
      tcp.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.accept(request, tcp, head, options);
  }

  private accept(request: IncomingMessage, tcp: Duplex, head: Buffer, options: LoopbackServerOptions): void {
    this.wss.handleUpgrade(request, tcp, head, (socket) => {
      this.accepted += 1;
      this.open.add(socket);
      socket.on('error', () => undefined);
      socket.on('ping', () => (this.pings += 1));
      socket.on('message', (data, isBinary) => {
        if (!isBinary) this.received.push(data.toString());
      });
      socket.on('close', (code, reason) => {
        this.open.delete(socket);
        this.closes.push({ code, reason: reason.toString() });
      });
      options.onConnection?.(socket, request);
    });
  }
}

/** The `101 Switching Protocols` answer to a websocket upgrade request (RFC 6455 section 4.2.2). */
function switchingProtocols(request: IncomingMessage): string {
  const key = request.headers['sec-websocket-key'] ?? '';
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`;
}
