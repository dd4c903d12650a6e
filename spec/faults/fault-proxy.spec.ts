import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Subscription } from 'rxjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { ConnectionError, StaleStreamError } from '../../lib/errors/index.js';
import { socketFrames, type RawFrame } from '../../lib/socket/index.js';
import { expectNoNewResources, resourceSnapshot, type ResourceSnapshot } from '../support/handles.js';
import { until } from '../support/wait.js';
import { FaultProxy, frameSize } from './support/fault-proxy.js';

/** Text messages of every length class: 7-bit, 16-bit and 64-bit payload lengths. */
const MESSAGES = ['a', 'x'.repeat(125), 'y'.repeat(126), 'z'.repeat(300), 'w'.repeat(65_535), 'v'.repeat(70_000), '{"end":true}'];

/** Messages in short (a failed comparison of 70 000 characters is unreadable): length and first character. */
const brief = (messages: readonly string[]) => messages.map((m) => `${m.length}:${m.slice(0, 1)}`);

/** A plain websocket and HTTP server: `/echo` sends MESSAGES on open; `/quiet` sends nothing; GET answers "ok". */
class Upstream {
  readonly sockets = new Set<WebSocket>();
  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(): Promise<Upstream> {
    const http = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end('ok'));
    const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
    const upstream = new Upstream(http, wss);
    wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      upstream.sockets.add(socket);
      socket.on('close', () => upstream.sockets.delete(socket));
      socket.on('error', () => socket.terminate());
      if (request.url?.startsWith('/echo')) for (const message of MESSAGES) socket.send(message);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** Send one more message to every open socket. */
  send(message: string): void {
    for (const socket of this.sockets) socket.send(message);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

/** What a socketFrames subscription saw. */
interface Seen {
  readonly frames: string[];
  error: unknown;
  readonly subscription: Subscription;
}

function watch(url: string, options: { pingIntervalMs?: number; pongTimeoutMs?: number } = {}): Seen {
  const seen: { frames: string[]; error: unknown; subscription?: Subscription } = { frames: [], error: undefined };
  seen.subscription = socketFrames(url, { pingIntervalMs: 0, ...options }).subscribe({
    next: (frame: RawFrame) => seen.frames.push(typeof frame === 'string' ? frame : `<binary ${frame.length}>`),
    error: (error: unknown) => (seen.error = error),
  });
  return seen as Seen;
}

/**
 * A raw client: the upgrade by hand, then every TCP read recorded, so that a spec can see how
 * the bytes were cut up on their way.
 */
async function rawWebsocket(url: string, path: string): Promise<{ reads: Buffer[]; socket: Socket; frames: () => string[] }> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  const reads: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => reads.push(chunk));
  socket.on('error', () => socket.destroy());
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  /** The text frames read so far (after the response head). */
  const frames = (): string[] => {
    let bytes = Buffer.concat(reads);
    bytes = bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
    const texts: string[] = [];
    for (;;) {
      const size = frameSize(bytes);
      if (size === undefined || bytes.length < size) return texts;
      const short = bytes[1]! & 0x7f;
      const length = size - (short < 126 ? 2 : short === 126 ? 4 : 10);
      texts.push(bytes.subarray(size - length, size).toString('utf8'));
      bytes = bytes.subarray(size);
    }
  };
  return { reads, socket, frames };
}

describe('FaultProxy (spec/faults/support/fault-proxy.ts)', function () {
  this.timeout(10_000);
  let before: ResourceSnapshot;
  let upstream: Upstream | undefined;
  let proxy: FaultProxy | undefined;
  const open: Seen[] = [];

  beforeEach(async () => {
    before = await resourceSnapshot();
    upstream = await Upstream.start();
    proxy = await FaultProxy.start(upstream.url, { seed: 11 });
  });

  afterEach(async () => {
    for (const seen of open.splice(0)) seen.subscription.unsubscribe();
    await proxy?.stop();
    await upstream?.stop();
    proxy = upstream = undefined;
  });

  const up = () => upstream as Upstream;
  const px = () => proxy as FaultProxy;

  it('is transparent without faults: frames of every length class, and plain HTTP', async () => {
    const seen = watch(`${px().url}/echo`);
    open.push(seen);
    await until(() => seen.frames.length === MESSAGES.length, 'every message');
    expect(brief(seen.frames)).to.deep.equal(brief(MESSAGES));
    expect(seen.frames.join('') === MESSAGES.join('')).to.equal(true);
    const response = await fetch(`${px().url.replace('ws:', 'http:')}/rest`, { headers: { connection: 'close' } });
    expect(await response.text()).to.equal('ok');
    expect(px().connections.map((c) => [c.path, c.websocket])).to.deep.equal([['/echo', true], ['/rest', false]]);
    expect(px().connections[0]?.framesFromNode).to.equal(MESSAGES.length);
    expect(px().websocketCounts()).to.deep.equal(new Map([['/echo', 1]]));
    expect(seen.error).to.equal(undefined);
  });

  it('fragments frames into pieces that reach the reader apart, and a client reassembles them', async () => {
    px().fragment({ newConnections: true });
    const raw = await rawWebsocket(px().url, '/echo');
    await until(() => raw.frames().length === MESSAGES.length, 'every message, raw');
    expect(brief(raw.frames())).to.deep.equal(brief(MESSAGES));
    expect(raw.frames().join('') === MESSAGES.join('')).to.equal(true);
    const record = px().connections[0]!;
    expect(record.fragmentedFrames).to.equal(MESSAGES.length);
    // Small frames fit in one read unless the proxy writes them apart: more reads than frames.
    expect(raw.reads.length).to.be.greaterThan(MESSAGES.length + 1);
    raw.socket.destroy();

    const seen = watch(`${px().url}/echo`);
    open.push(seen);
    await until(() => seen.frames.length === MESSAGES.length, 'every message, through socketFrames');
    expect(brief(seen.frames)).to.deep.equal(brief(MESSAGES));
    expect(seen.frames.join('') === MESSAGES.join('')).to.equal(true);
    expect(seen.error).to.equal(undefined);
  });

  it('delays frames in order', async () => {
    px().delay(40, { newConnections: true });
    const started = performance.now();
    const seen = watch(`${px().url}/quiet`);
    open.push(seen);
    await until(() => px().connections.length === 1 && up().sockets.size === 1, 'the connection');
    for (let i = 0; i < 20; i++) up().send(String(i));
    await until(() => seen.frames.length === 20, 'twenty frames');
    expect(seen.frames).to.deep.equal(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(px().connections[0]?.delayedFrames).to.equal(20);
    expect(performance.now() - started).to.be.greaterThan(10);
    expect(seen.error).to.equal(undefined);
  });

  it('cuts a frame in the middle and drops: the client sees a dropped connection, never a bad frame', async () => {
    for (let trial = 0; trial < 12; trial++) {
      const seen = watch(`${px().url}/quiet`);
      open.push(seen);
      await until(() => up().sockets.size === 1, 'the connection');
      up().send('first');
      await until(() => seen.frames.length === 1, 'the first frame');
      expect(px().cutFrame({ match: '/quiet' })).to.equal(1);
      up().send(MESSAGES[trial % MESSAGES.length] as string);
      await until(() => seen.error !== undefined, 'the error');
      expect(seen.frames).to.deep.equal(['first']);
      expect(seen.error).to.be.instanceOf(ConnectionError);
      expect((seen.error as ConnectionError).phase).to.equal('open');
      expect((seen.error as ConnectionError).code).to.equal(1006);
      await until(() => up().sockets.size === 0 && px().openConnections === 0, 'both sides closed');
    }
  });

  it('drops (FIN) and resets (RST) open connections, and refuses new ones while told to', async () => {
    const dropped = watch(`${px().url}/quiet`);
    const reset = watch(`${px().url}/quiet?b`);
    open.push(dropped, reset);
    await until(() => up().sockets.size === 2, 'two connections');
    up().send('open');
    await until(() => dropped.frames.length === 1 && reset.frames.length === 1, 'both open');
    expect(px().drop({ match: /^\/quiet$/ })).to.equal(1);
    expect(px().reset({ match: /\?b$/ })).to.equal(1);
    await until(() => dropped.error !== undefined && reset.error !== undefined, 'both errors');
    expect(dropped.error).to.be.instanceOf(ConnectionError);
    expect(dropped.error).to.include({ phase: 'open', code: 1006, detail: '' });
    expect(reset.error).to.be.instanceOf(ConnectionError);
    // `ws` reports a reset socket as a close without a close frame too: 1006, no detail.
    expect(reset.error).to.include({ phase: 'open', code: 1006 });

    px().drop({ newConnections: true });
    const refused = watch(`${px().url}/quiet`);
    open.push(refused);
    await until(() => refused.error !== undefined, 'the refusal');
    expect(refused.error).to.include({ phase: 'connecting' });
    px().heal();
    const fine = watch(`${px().url}/quiet`);
    open.push(fine);
    await until(() => up().sockets.size === 1, 'a connection again');
    up().send('hello');
    await until(() => fine.frames.length === 1, 'a frame');
    expect(px().connections.map((c) => c.faults)).to.deep.equal([['drop'], ['reset'], ['drop'], []]);
  });

  it('stalls both ways without closing: pings are swallowed and the pong check fires', async () => {
    const seen = watch(`${px().url}/quiet`, { pingIntervalMs: 50, pongTimeoutMs: 100 });
    open.push(seen);
    await until(() => up().sockets.size === 1, 'the connection');
    up().send('open');
    await until(() => seen.frames.length === 1, 'the socket open');
    expect(px().stall()).to.equal(1);
    up().send('never seen');
    await until(() => seen.error !== undefined, 'the stale check', 3_000);
    expect(seen.error).to.be.instanceOf(StaleStreamError);
    expect((seen.error as StaleStreamError).check).to.equal('pong-timeout');
    expect(seen.frames).to.deep.equal(['open']);
    expect(px().connections[0]?.pingsSwallowed).to.be.greaterThan(0);
    // The client gave up: the proxy lets the node's side go too.
    await until(() => up().sockets.size === 0 && px().openConnections === 0, 'both sides closed');
  });

  it('leaves no socket or timer behind once stopped, with faults under way', async () => {
    px().delay(500, { newConnections: true });
    const seen = watch(`${px().url}/echo`);
    await until(() => (px().connections[0]?.framesFromNode ?? 0) > 0, 'frames held back');
    seen.subscription.unsubscribe();
    await px().stop();
    await up().stop();
    proxy = upstream = undefined;
    await expectNoNewResources(before);
  });
});
