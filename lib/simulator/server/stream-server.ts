import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ParamSpec } from '../../wire/index.js';
import { goJson } from '../../codecs/runtime/index.js';
import { LIMITS, type FrameSink } from './frame-sink.js';
import { GatewayQueryError, parseGatewayQuery, type GatewayRequest } from './gateway-query.js';
import { NdjsonSink } from './ndjson-sink.js';
import { API_ERRORS, GRPC, gatewayErrorFrame, plainErrorFrame, MAX_SUBSCRIPTIONS_MESSAGE, streamErrorFrame } from './node-errors.js';
import { WebSocketSink } from './websocket-sink.js';

/** A stream route the server serves over websocket and plain HTTP GET. */
export interface ServedStream {
  /** e.g. `/api/v2/stream/trades`. */
  readonly path: string;
  /** The request fields the gateway parses from the query string (none for the event bus). */
  readonly params: readonly ParamSpec[];
  /** Start streaming to the sink; stop when the sink closes (`sink.onClose`). */
  readonly open: (request: GatewayRequest, sink: FrameSink) => void;
}

/** A REST route: GET only. */
export interface ServedRest {
  /** The path parameters when the path matches, else undefined. */
  readonly match: (path: string) => Readonly<Record<string, string>> | undefined;
  /** The response: status and JSON body (already in REST encoding). */
  readonly get: (params: Readonly<Record<string, string>>, query: URLSearchParams) => { status: number; body: unknown };
}

/** One live subscription, for the control surface. */
export interface Subscription {
  /** Increasing id, from 1. */
  readonly id: number;
  /** The route path. */
  readonly path: string;
  /** The raw query string. */
  readonly query: string;
  /** `websocket` or `http` (a GET streaming NDJSON). */
  readonly transport: 'websocket' | 'http';
  /** Where its frames go (drop, stall, fail it from here). */
  readonly sink: FrameSink;
}

/** Options of the stream server: the Simulator starts it with its route tables and limits. */
export interface StreamServerOptions {
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 (default) picks a free one. */
  readonly port?: number;
  /** The stream routes, served over websocket and as NDJSON to a plain GET. */
  readonly streams: readonly ServedStream[];
  /** The REST routes (GET only); a path no route matches gets the gateway's 404. */
  readonly rest?: readonly ServedRest[];
  /** Subscriptions allowed at once across all clients; default 250, as the real node. */
  readonly maxSubscriptions?: number;
  /** Frames of this many bytes or more drop the connection; default 64 KiB, as the real node's proxy. */
  readonly maxFrameBytes?: number;
  /** Bytes queued for a client beyond which it is dropped as a slow consumer; default 4 MiB. */
  readonly slowConsumerBytes?: number;
}

const NOT_FOUND = gatewayErrorFrame(GRPC.NotFound, 'Not Found');

/** Largest client frame read (only event-bus requests are read; the node's are tiny). */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/**
 * The path and query string of a request target, without trusting it to be a valid URL (a raw
 * `GET //[` must not throw): an absolute-form target loses its scheme and host.
 */
export function splitTarget(target: string): { path: string; search: string } {
  const relative = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, '');
  const q = relative.indexOf('?');
  return q < 0 ? { path: relative, search: '' } : { path: relative.slice(0, q), search: relative.slice(q) };
}

/**
 * The HTTP and websocket front of the simulated data node, behaving as the real node's gateway
 * and websocket proxy do: every upgrade is accepted (no subprotocol is ever echoed) before
 * routing, so an unknown route or a bad query value gets its bare `{"code","message"}` frame
 * after `101 Switching Protocols`; errors are followed by a dropped TCP connection with no close
 * frame; at most 250 subscriptions at once by default (the next gets the code 8
 * frame); frames of 64 KiB or more drop the connection; a client that does not keep up gets the
 * code 13 "channel closed" frame and is dropped. A plain GET on a stream route streams NDJSON.
 */
export class StreamServer {
  /** Live subscriptions, by id. */
  readonly subscriptions = new Map<number, Subscription>();
  private nextId = 1;
  private readonly streams: ReadonlyMap<string, ServedStream>;
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: () => false,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
  });

  private constructor(
    private readonly http: Server,
    private readonly options: StreamServerOptions,
  ) {
    this.streams = new Map(options.streams.map((s) => [s.path, s]));
  }

  /** Start listening; resolves once bound. */
  static async start(options: StreamServerOptions): Promise<StreamServer> {
    const http = createServer();
    const server = new StreamServer(http, options);
    http.on('request', (request: IncomingMessage, response: ServerResponse) => server.request(request, response));
    http.on('upgrade', (request: IncomingMessage, tcp: Duplex, head: Buffer) => server.upgrade(request, tcp, head));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  /** The port it listens on. */
  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** `ws://host:port`, the base URL clients connect to. */
  get url(): string {
    return `ws://${this.hostForUrl()}:${this.port}`;
  }

  /** `http://host:port`, for REST and curl. */
  get httpUrl(): string {
    return `http://${this.hostForUrl()}:${this.port}`;
  }

  /** Drop every subscription (or those `which` selects) without a frame or a close frame. */
  drop(which: (subscription: Subscription) => boolean = () => true): number {
    const chosen = [...this.subscriptions.values()].filter(which);
    for (const subscription of chosen) subscription.sink.drop();
    return chosen.length;
  }

  /** Stop: drop every connection and close the listening socket. */
  async stop(): Promise<void> {
    this.drop();
    // Also sockets whose subscription already ended but whose last error frame is still queued.
    for (const socket of this.wss.clients) socket.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private hostForUrl(): string {
    const host = this.options.host ?? '127.0.0.1';
    return host.includes(':') ? `[${host}]` : host;
  }

  private upgrade(request: IncomingMessage, tcp: Duplex, head: Buffer): void {
    tcp.on('error', () => tcp.destroy());
    this.wss.handleUpgrade(request, tcp, head, (socket) => {
      const sink = new WebSocketSink(socket, tcp, this.sinkLimits());
      this.route(request.url ?? '/', sink, 'websocket');
    });
  }

  private request(request: IncomingMessage, response: ServerResponse): void {
    const { path, search } = splitTarget(request.url ?? '/');
    const rest = this.restRoute(path);
    const known = this.streams.has(path) || rest !== undefined;
    if (known && request.method !== 'GET') {
      response.writeHead(405, { 'Content-Type': 'application/json' }).end(goJson(gatewayErrorFrame({ code: 12, goName: 'Unimplemented' }, 'Method Not Allowed')));
      return;
    }
    if (this.streams.has(path)) {
      this.route(request.url ?? '/', new NdjsonSink(response, this.sinkLimits()), 'http');
      return;
    }
    if (rest) {
      const { status, body } = rest.route.get(rest.params, new URLSearchParams(search));
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(goJson(body));
      return;
    }
    response.writeHead(404, { 'Content-Type': 'application/json' }).end(goJson(NOT_FOUND));
  }

  private restRoute(path: string): { route: ServedRest; params: Readonly<Record<string, string>> } | undefined {
    for (const route of this.options.rest ?? []) {
      const params = route.match(path);
      if (params) return { route, params };
    }
    return undefined;
  }

  private sinkLimits(): { maxFrameBytes: number; slowConsumerBytes: number; slowConsumerFrame: object } {
    return {
      maxFrameBytes: this.options.maxFrameBytes ?? LIMITS.maxFrameBytes,
      slowConsumerBytes: this.options.slowConsumerBytes ?? LIMITS.slowConsumerBytes,
      slowConsumerFrame: streamErrorFrame(GRPC.Internal, API_ERRORS.streamInternal, [API_ERRORS.channelClosed.message]),
    };
  }

  /** Route one new stream connection: 404 frame, gateway error, limit, or the route's handler. */
  private route(rawUrl: string, sink: FrameSink, transport: Subscription['transport']): void {
    const url = splitTarget(rawUrl);
    const stream = this.streams.get(url.path);
    if (!stream) {
      sink.fail(NOT_FOUND);
      return;
    }
    let request: GatewayRequest;
    try {
      request = parseGatewayQuery(url.search, stream.params);
    } catch (error) {
      if (!(error instanceof GatewayQueryError)) throw error;
      sink.fail(gatewayErrorFrame(GRPC.InvalidArgument, error.message));
      return;
    }
    if (this.subscriptions.size >= (this.options.maxSubscriptions ?? LIMITS.maxSubscriptions)) {
      sink.fail(plainErrorFrame(GRPC.ResourceExhausted, MAX_SUBSCRIPTIONS_MESSAGE));
      return;
    }
    const subscription: Subscription = { id: this.nextId++, path: url.path, query: url.search, transport, sink };
    this.subscriptions.set(subscription.id, subscription);
    sink.onClose(() => this.subscriptions.delete(subscription.id));
    try {
      stream.open(request, sink);
    } catch (error) {
      // A fault in a route handler ends that subscription as the node ends a failed stream; it never takes the server down.
      sink.fail(streamErrorFrame(GRPC.Internal, API_ERRORS.streamInternal, [(error as Error).message ?? String(error)]));
    }
  }
}
