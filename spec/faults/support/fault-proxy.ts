/**
 * A fault-injecting TCP proxy on 127.0.0.1, between a client and a node (the simulator), for the
 * fault specs. It reads the request head of every connection (its target names the stream), then
 * forwards the client's bytes unchanged and parses the node's answer: the HTTP response head,
 * then, for a websocket (`101 Switching Protocols`), the server-to-client frames (RFC 6455:
 * unmasked, 7-, 16- or 64-bit lengths), so that it can act at frame boundaries. Plain HTTP
 * (the REST full-book GET) is forwarded as it comes.
 *
 * Faults, on the open connections a scope selects and, with `newConnections`, on the ones opened
 * later (until {@link FaultProxy.heal}):
 * - `drop`: end both sides (FIN), as a node that goes away without a close frame;
 * - `reset`: `resetAndDestroy()` both sides (RST);
 * - `stall`: forward nothing more in either direction and close nothing (a half-open path): the
 *   client's pings are swallowed, and so is the node's data. Once the client gives up and closes,
 *   the node's side is let go too (a real dead path would leave it to the node's own timeout);
 * - `delay(ms)`: hold each frame a random 0..ms milliseconds, order kept;
 * - `fragment`: write each frame in 2 to 4 pieces, cut at random offsets (inside the header too),
 *   with an event-loop turn between pieces so that the reader sees them apart: transparent to a
 *   correct client;
 * - `cutFrame`: forward a strict prefix of the next frame, then drop (FIN): the client must see a
 *   dropped connection, not a bad frame.
 *
 * Randomness (delays, cut points) comes from one seeded generator. Every connection is recorded
 * with its target and what happened to it, so a spec can count reconnects per stream.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { seededRandom } from '../../../lib/testing/index.js';

/** A fault the proxy can inject. */
export type FaultKind = 'drop' | 'reset' | 'stall' | 'delay' | 'fragment' | 'cutFrame';

/** One client connection through the proxy. */
export interface ProxiedConnection {
  /** 1, 2, … in order of arrival. */
  readonly id: number;
  /** The request target, e.g. `/api/v2/stream/orders?partyIds=…`. */
  readonly target: string;
  /** The target's path, without the query string. */
  readonly path: string;
  /** True for a websocket upgrade request. */
  readonly websocket: boolean;
  /** `performance.now()` when its request head was read. */
  readonly openedAt: number;
  /** `performance.now()` when the client's socket closed, if it has. */
  closedAt: number | undefined;
  /** The faults applied to it, in order. */
  readonly faults: FaultKind[];
  /** Server-to-client websocket frames read from the node (the last one may have been cut). */
  framesFromNode: number;
  /** Of those, frames written in several pieces. */
  fragmentedFrames: number;
  /** Of those, frames held back by a delay. */
  delayedFrames: number;
  /** Writes to the client socket (the response head, frames, pieces of frames). */
  writesToClient: number;
  /** Ping frames of the client swallowed by a stall. */
  pingsSwallowed: number;
  /** The frame a `cutFrame` cut: its size and the bytes of it forwarded before the drop. */
  cut: { readonly frameBytes: number; readonly forwarded: number } | undefined;
}

/** Which connections a fault applies to. */
export interface FaultScope {
  /**
   * A string selects the connections whose path is that string or ends with it (`/orders`,
   * `/markets/depth/updates`); a RegExp is tested on the whole target (path and query); a
   * function decides. Every connection when left out.
   */
  readonly match?: string | RegExp | ((connection: ProxiedConnection) => boolean);
  /** Apply to the connections open now (default true). */
  readonly existing?: boolean;
  /**
   * Also apply to connections opened later, until heal(): `drop` and `reset` then refuse them
   * as soon as their request is read, `stall` lets the upgrade answer through and then stalls,
   * `cutFrame` cuts each one's first frame, `delay` and `fragment` act on all of their frames.
   */
  readonly newConnections?: boolean;
}

interface Rule {
  readonly kind: FaultKind;
  readonly delayMs: number;
  readonly matches: (connection: ProxiedConnection) => boolean;
}

/** A chunk waiting to be written to the client, or the drop that ends a cut frame. */
interface Pending {
  readonly bytes: Buffer | undefined;
  readonly due: number;
  /** Let the client read what was written before (two event-loop turns) before writing this. */
  readonly apart: boolean;
}

/** Bytes of a request or response head read at most. */
const MAX_HEAD_BYTES = 64 * 1024;

/** See the module comment. Start with {@link FaultProxy.start}; {@link FaultProxy.stop} when done. */
export class FaultProxy {
  /** Every connection, in order of arrival. */
  readonly connections: ProxiedConnection[] = [];
  private readonly links = new Set<Link>();
  private rules: Rule[] = [];
  private nextId = 1;
  private stopped = false;
  /** The seeded source of every random choice (cut points, pieces, delays). */
  private readonly random: () => number;

  private constructor(
    private readonly server: Server,
    private readonly upstreamPort: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** Start a proxy to `upstream` (`ws://127.0.0.1:PORT`) on a free port of 127.0.0.1. */
  static async start(upstream: string, options: { seed?: number } = {}): Promise<FaultProxy> {
    const server = createServer({ noDelay: true });
    const proxy = new FaultProxy(server, Number(new URL(upstream).port), options.seed ?? 1);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `ws://127.0.0.1:PORT`: give it to `createClient({ nodes: [proxy.url] })`. */
  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Connections through the proxy whose sockets are still open (either side). */
  get openConnections(): number {
    return this.links.size;
  }

  /** The connections a scope's `match` selects (all of them by default). */
  matching(match?: FaultScope['match']): ProxiedConnection[] {
    const matches = matcher(match);
    return this.connections.filter(matches);
  }

  /** How many connections (websockets and plain HTTP) each request path has had. */
  countsByPath(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.connections) counts.set(c.path, (counts.get(c.path) ?? 0) + 1);
    return counts;
  }

  /** How many websocket connections each target (path and query) has had. */
  websocketCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.connections) if (c.websocket) counts.set(c.target, (counts.get(c.target) ?? 0) + 1);
    return counts;
  }

  /** End both sides of the selected connections (FIN). Returns how many open ones it hit. */
  drop(scope: FaultScope = {}): number {
    return this.apply('drop', 0, scope);
  }

  /** Reset both sides of the selected connections (RST). */
  reset(scope: FaultScope = {}): number {
    return this.apply('reset', 0, scope);
  }

  /** Stop forwarding on the selected connections, both ways, without closing them. */
  stall(scope: FaultScope = {}): number {
    return this.apply('stall', 0, scope);
  }

  /** Hold each frame of the selected connections a random 0..ms milliseconds (order kept). */
  delay(ms: number, scope: FaultScope = {}): number {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`delay: ms must be >= 0, got ${ms}`);
    return this.apply('delay', ms, scope);
  }

  /** Write each frame of the selected connections in several pieces. */
  fragment(scope: FaultScope = {}): number {
    return this.apply('fragment', 0, scope);
  }

  /** Forward only part of the next frame of the selected connections, then drop them. */
  cutFrame(scope: FaultScope = {}): number {
    return this.apply('cutFrame', 0, scope);
  }

  /**
   * Stop injecting: forget the rules for new connections, and stop delaying and fragmenting the
   * open ones (frames already held still go out in order). Stalled connections stay stalled, and
   * a cut still pending is cancelled.
   */
  heal(): void {
    this.rules = [];
    for (const link of this.links) link.heal();
  }

  /** Close the listening socket and destroy every connection; resolves once closed. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.rules = [];
    for (const link of [...this.links]) link.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private apply(kind: FaultKind, delayMs: number, scope: FaultScope): number {
    const matches = matcher(scope.match);
    if (scope.newConnections) this.rules.push({ kind, delayMs, matches });
    if (scope.existing === false) return 0;
    let hit = 0;
    for (const link of [...this.links]) {
      if (link.record === undefined || !matches(link.record) || link.finished) continue;
      link.inject(kind, delayMs);
      hit++;
    }
    return hit;
  }

  private accept(client: Socket): void {
    if (this.stopped) {
      client.destroy();
      return;
    }
    const link = new Link(client, this.upstreamPort, this.random, (record) => {
      this.connections.push(record);
      return this.rules.filter((rule) => rule.matches(record));
    }, () => this.nextId++);
    this.links.add(link);
    link.onGone = () => this.links.delete(link);
  }
}

/** The matcher of a scope. */
function matcher(match: FaultScope['match']): (connection: ProxiedConnection) => boolean {
  if (match === undefined) return () => true;
  if (typeof match === 'string') return (c) => c.path === match || c.path.endsWith(match);
  if (match instanceof RegExp) return (c) => match.test(c.target);
  return match;
}

/** One client connection and its upstream connection. */
class Link {
  record: ProxiedConnection | undefined;
  /** Called once both sockets are closed. */
  onGone: () => void = () => undefined;
  private upstream: Socket | undefined;
  /** The request head while it is read. */
  private requestHead: Buffer | undefined = Buffer.alloc(0);
  /** The response head while it is read; undefined once passed on. */
  private responseHead: Buffer | undefined = Buffer.alloc(0);
  /** True once the response was a websocket upgrade: the node's bytes are frames. */
  private framed = false;
  /** Node bytes not yet making a whole frame. */
  private partial: Buffer = Buffer.alloc(0);
  /** Client bytes not yet making a whole frame (to count pings during a stall). */
  private clientPartial: Buffer = Buffer.alloc(0);
  private stalled = false;
  /** Stall once the response head is through (a stall rule for new connections). */
  private stallAfterHead = false;
  private delayMs = 0;
  private fragmenting = false;
  private cutNext = false;
  /** Set once the link ends (drop, reset, cut, close): later bytes are discarded. */
  finished = false;
  private readonly queue: Pending[] = [];
  private lastDue = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  /** True once the event-loop turns before a piece written apart have passed. */
  private turned = false;
  /** Set once a cut frame is queued: the node's later bytes are discarded. */
  private cut = false;
  private clientClosed = false;
  private upstreamClosed = true;
  /** Set when the node's side failed with an error (a reset): the client is reset too. */
  private upstreamFailed = false;

  constructor(
    private readonly client: Socket,
    private readonly upstreamPort: number,
    private readonly random: () => number,
    private readonly register: (record: ProxiedConnection) => Rule[],
    private readonly nextId: () => number,
  ) {
    client.setNoDelay(true);
    client.on('error', () => client.destroy());
    client.on('close', () => this.onClientClose());
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
  }

  /** Inject a fault now. */
  inject(kind: FaultKind, delayMs: number): void {
    const record = this.record;
    if (record === undefined || this.finished) return;
    record.faults.push(kind);
    switch (kind) {
      case 'drop':
        return this.drop();
      case 'reset':
        return this.reset();
      case 'stall':
        return this.stall();
      case 'delay':
        this.delayMs = delayMs;
        return;
      case 'fragment':
        this.fragmenting = true;
        return;
      case 'cutFrame':
        this.cutNext = true;
        return;
    }
  }

  heal(): void {
    this.delayMs = 0;
    this.fragmenting = false;
    this.cutNext = false;
    this.stallAfterHead = false;
  }

  /** Destroy both sockets at once (the proxy stops). */
  destroy(): void {
    this.finish();
    this.client.destroy();
    this.upstream?.destroy();
  }

  private fromClient(chunk: Buffer): void {
    if (this.finished) return;
    if (this.requestHead !== undefined) {
      this.requestHead = Buffer.concat([this.requestHead, chunk]);
      const end = this.requestHead.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.requestHead.length > MAX_HEAD_BYTES) this.destroy();
        return;
      }
      const head = this.requestHead;
      this.requestHead = undefined;
      this.route(head);
      return;
    }
    if (this.stalled) {
      if (this.framed) this.countPings(chunk);
      return;
    }
    this.upstream?.write(chunk);
  }

  /** The request head is in: record the connection, apply the rules for new ones, connect upstream. */
  private route(head: Buffer): void {
    const end = head.indexOf('\r\n\r\n') + 4;
    const text = head.subarray(0, end).toString('latin1');
    const target = text.split('\r\n')[0]?.split(' ')[1] ?? '';
    const q = target.indexOf('?');
    const record: ProxiedConnection = {
      id: this.nextId(),
      target,
      path: q < 0 ? target : target.slice(0, q),
      websocket: /^upgrade:\s*websocket\s*$/im.test(text),
      openedAt: performance.now(),
      closedAt: undefined,
      faults: [],
      framesFromNode: 0,
      fragmentedFrames: 0,
      delayedFrames: 0,
      writesToClient: 0,
      pingsSwallowed: 0,
      cut: undefined,
    };
    this.record = record;
    for (const rule of this.register(record)) {
      if (rule.kind === 'stall') {
        record.faults.push('stall');
        this.stallAfterHead = true;
      } else {
        this.inject(rule.kind, rule.delayMs);
      }
      if (this.finished) return; // refused (drop, reset)
    }
    const upstream = connect({ port: this.upstreamPort, host: '127.0.0.1', noDelay: true });
    this.upstream = upstream;
    this.upstreamClosed = false;
    upstream.on('error', () => {
      this.upstreamFailed = true;
      upstream.destroy();
    });
    upstream.on('close', () => this.onUpstreamClose());
    upstream.on('data', (data: Buffer) => this.fromNode(data));
    upstream.write(head);
  }

  private fromNode(chunk: Buffer): void {
    if (this.finished || this.stalled || this.cut) return;
    if (this.responseHead !== undefined) {
      this.responseHead = Buffer.concat([this.responseHead, chunk]);
      const end = this.responseHead.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.responseHead.length > MAX_HEAD_BYTES) this.destroy();
        return;
      }
      const head = this.responseHead.subarray(0, end + 4);
      const rest = this.responseHead.subarray(end + 4);
      this.responseHead = undefined;
      this.framed = (this.record?.websocket ?? false) && /^HTTP\/1\.1 101 /.test(head.toString('latin1'));
      this.write(head);
      if (this.stallAfterHead) {
        this.stall();
        return;
      }
      chunk = rest;
      if (chunk.length === 0) return;
    }
    if (!this.framed) {
      this.write(chunk);
      return;
    }
    this.partial = this.partial.length === 0 ? chunk : Buffer.concat([this.partial, chunk]);
    const whole: Buffer[] = [];
    for (;;) {
      const size = frameSize(this.partial);
      if (size === undefined || this.partial.length < size) break;
      whole.push(this.partial.subarray(0, size));
      this.partial = this.partial.subarray(size);
    }
    if (this.partial.length > 0) this.partial = Buffer.from(this.partial); // do not pin the big chunk
    if (whole.length === 0) return;
    const record = this.record as ProxiedConnection;
    record.framesFromNode += whole.length;
    if (!this.cutNext && this.delayMs === 0 && !this.fragmenting && this.queue.length === 0) {
      this.write(whole.length === 1 ? (whole[0] as Buffer) : Buffer.concat(whole));
      return;
    }
    for (const frame of whole) {
      if (this.finished || this.cut) return;
      this.frame(frame, record);
    }
  }

  /** One whole frame of the node, while a fault acts on frames (or earlier frames still wait). */
  private frame(frame: Buffer, record: ProxiedConnection): void {
    const now = performance.now();
    if (this.cutNext) {
      this.cutNext = false;
      const cut = 1 + Math.floor(this.random() * (frame.length - 1)); // 1 .. length-1: a strict prefix
      record.cut = { frameBytes: frame.length, forwarded: cut };
      this.enqueue({ bytes: frame.subarray(0, cut), due: this.lastDue, apart: false });
      this.enqueue({ bytes: undefined, due: this.lastDue, apart: false }); // then the drop
      this.cut = true;
      this.partial = Buffer.alloc(0);
      return;
    }
    let due = Math.max(this.lastDue, now);
    if (this.delayMs > 0) {
      due = Math.max(this.lastDue, now + this.random() * this.delayMs);
      record.delayedFrames++;
    }
    this.lastDue = due;
    if (this.fragmenting && frame.length >= 2) {
      record.fragmentedFrames++;
      const pieces = Math.min(frame.length, 2 + Math.floor(this.random() * 3));
      const cuts = new Set<number>();
      while (cuts.size < pieces - 1) cuts.add(1 + Math.floor(this.random() * (frame.length - 1)));
      let start = 0;
      for (const cut of [...cuts].sort((a, b) => a - b)) {
        this.enqueue({ bytes: frame.subarray(start, cut), due, apart: start > 0 });
        start = cut;
      }
      this.enqueue({ bytes: frame.subarray(start), due, apart: true });
    } else {
      this.enqueue({ bytes: frame, due, apart: false });
    }
  }

  private enqueue(item: Pending): void {
    this.queue.push(item);
    this.pump();
  }

  /** Write what is due, in order; wait for a delay, or for the client to read a piece first. */
  private readonly pump = (): void => {
    if (this.timer !== undefined || this.immediate !== undefined) return;
    while (this.queue.length > 0 && !this.finished) {
      const item = this.queue[0] as Pending;
      const wait = item.due - performance.now();
      if (wait > 0.5) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(wait));
        return;
      }
      if (item.apart && !this.turned) {
        // An Immediate queued from an Immediate runs after the next poll phase, where the
        // client (in this process or not) reads what was written before: the pieces arrive apart.
        this.immediate = setImmediate(() => {
          this.immediate = setImmediate(() => {
            this.immediate = undefined;
            this.turned = true;
            this.pump();
          });
        });
        return;
      }
      this.turned = false;
      this.queue.shift();
      if (item.bytes === undefined) {
        this.drop();
        return;
      }
      this.write(item.bytes);
    }
  };

  private write(bytes: Buffer): void {
    if (this.finished || bytes.length === 0) return;
    (this.record as ProxiedConnection).writesToClient++;
    this.client.write(bytes);
  }

  /** End both sides (FIN), without waiting for what is queued. */
  private drop(): void {
    this.finish();
    if (!this.clientClosed) this.client.end();
    if (this.upstream !== undefined && !this.upstreamClosed) {
      if (this.upstream.connecting) this.upstream.destroy();
      else this.upstream.end();
    }
  }

  /** Reset both sides (RST). */
  private reset(): void {
    this.finish();
    resetSocket(this.client);
    if (this.upstream !== undefined) resetSocket(this.upstream);
  }

  private stall(): void {
    this.stalled = true;
    this.stallAfterHead = false;
    this.queue.length = 0;
    this.cancelTimers();
  }

  /** Stop forwarding for good: cancel every pending write and timer. */
  private finish(): void {
    this.finished = true;
    this.queue.length = 0;
    this.cancelTimers();
  }

  private cancelTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    this.turned = false;
  }

  /** Count the client's ping frames (masked, any length) in bytes a stall swallows. */
  private countPings(chunk: Buffer): void {
    this.clientPartial = Buffer.concat([this.clientPartial, chunk]);
    for (;;) {
      const size = frameSize(this.clientPartial);
      if (size === undefined || this.clientPartial.length < size) return;
      if (((this.clientPartial[0] as number) & 0x0f) === 0x9) (this.record as ProxiedConnection).pingsSwallowed++;
      this.clientPartial = this.clientPartial.subarray(size);
    }
  }

  private onClientClose(): void {
    this.clientClosed = true;
    if (this.record !== undefined) this.record.closedAt = performance.now();
    this.finish();
    // The client is gone: let the node's side go (after what it already has), even when stalled.
    if (this.upstream !== undefined && !this.upstreamClosed) {
      if (this.stalled) this.upstream.destroy();
      else this.upstream.end();
    }
    this.gone();
  }

  private onUpstreamClose(): void {
    this.upstreamClosed = true;
    // A stalled path does not carry the node's close either: the client must find out by itself.
    if (!this.stalled && !this.clientClosed && !this.finished) {
      if (this.upstreamFailed) {
        this.reset(); // reset (or failed) upstream: reset the client too
      } else if (this.queue.length === 0) {
        this.drop();
      } else {
        this.enqueue({ bytes: undefined, due: this.lastDue, apart: false }); // FIN after the frames still held
      }
    }
    this.gone();
  }

  private gone(): void {
    if (this.clientClosed && this.upstreamClosed) {
      this.finish();
      this.onGone();
    }
  }
}

/** RST where the socket can, else destroy. */
function resetSocket(socket: Socket): void {
  try {
    if (socket.connecting || socket.destroyed) socket.destroy();
    else socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/**
 * The byte size of the websocket frame at the start of `bytes` (header, mask key and payload),
 * or undefined while its header is incomplete.
 */
export function frameSize(bytes: Buffer): number | undefined {
  if (bytes.length < 2) return undefined;
  const second = bytes[1] as number;
  const mask = (second & 0x80) !== 0 ? 4 : 0;
  const length = second & 0x7f;
  if (length < 126) return 2 + mask + length;
  if (length === 126) return bytes.length < 4 ? undefined : 4 + mask + bytes.readUInt16BE(2);
  if (bytes.length < 10) return undefined;
  const big = bytes.readBigUInt64BE(2);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`websocket frame of ${big} bytes`);
  return 10 + mask + Number(big);
}
