import { expect } from 'chai';
import { get, request } from 'node:http';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { AccountType } from '../../../lib/codecs/index.js';
import { ConnectionError, StaleStreamError } from '../../../lib/errors/index.js';
import { socketFrames } from '../../../lib/socket/index.js';
import type { FrameSink } from '../../../lib/simulator/server/frame-sink.js';
import { StreamServer, type ServedStream } from '../../../lib/simulator/server/stream-server.js';
import { expectNoNewResources, resourceSnapshot } from '../../support/handles.js';
import { record } from '../../support/recorder.js';

/** What a raw ws client saw: text frames, then the close code. */
function rawClient(url: string, protocols?: string): Promise<{ frames: string[]; code: number; error?: string }> {
  return new Promise((resolve) => {
    const frames: string[] = [];
    let error: string | undefined;
    const socket = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
    socket.on('message', (data) => frames.push(data.toString()));
    socket.on('error', (e) => (error = e.message));
    socket.on('close', (code) => resolve({ frames, code, ...(error !== undefined && { error }) }));
  });
}

/** Lines of a plain GET, until `count` lines came (then the request is aborted) or the body ended. */
function getLines(url: string, count: number): Promise<{ status: number; type: string; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      let buffer = '';
      const lines: string[] = [];
      const done = () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), lines });
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          lines.push(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
        }
        if (lines.length >= count) {
          request.destroy();
          done();
        }
      });
      response.on('end', () => {
        if (buffer) lines.push(buffer);
        done();
      });
      response.on('error', () => done());
    });
    request.on('error', reject);
  });
}

describe('simulator server: the stream transport', () => {
  let server: StreamServer;
  let sinks: FrameSink[];
  const ticker: ServedStream = {
    path: '/api/v2/stream/test',
    params: [{ name: 'type', kind: 'enum', enumType: { values: AccountType, name: 'vega.AccountType' } }, { name: 'size', kind: 'id' }],
    open: (request, sink) => {
      sinks.push(sink);
      const size = Number(request['size'] ?? '0');
      let n = 0;
      const timer = setInterval(() => sink.send({ result: { n: n++, pad: 'x'.repeat(size) } }), 2);
      sink.onClose(() => clearInterval(timer));
    },
  };

  async function start(options: Partial<Parameters<typeof StreamServer.start>[0]> = {}): Promise<void> {
    server = await StreamServer.start({ streams: [ticker], ...options });
  }

  beforeEach(() => {
    sinks = [];
  });

  afterEach(async () => {
    await server.stop();
  });

  it('streams a route over websocket, one JSON text frame per message, and cleans up on close', async () => {
    await start();
    const before = await resourceSnapshot();
    const recording = record(socketFrames(`${server.url}/api/v2/stream/test?type=ACCOUNT_TYPE_GENERAL`, { pingIntervalMs: 0 }));
    const frames = await recording.received(3);
    expect(frames.map((f) => JSON.parse(f as string).result.n)).to.deep.equal([0, 1, 2]);
    expect(server.subscriptions.size).to.equal(1);
    recording.subscription.unsubscribe();
    await new Promise((resolve) => sinks[0]!.onClose(() => resolve(undefined)));
    expect(server.subscriptions.size).to.equal(0);
    await expectNoNewResources(before);
  });

  it('answers an unknown route after the upgrade with the bare NotFound frame, then drops the connection', async () => {
    await start();
    const seen = await rawClient(`${server.url}/api/v2/stream/nope`);
    expect(seen.frames).to.deep.equal(['{"code":5,"message":"Not Found"}']);
    expect(seen.code).to.equal(1006);
  });

  it('answers a bad query value with the gateway\'s bare InvalidArgument frame, then drops the connection', async () => {
    await start();
    const seen = await rawClient(`${server.url}/api/v2/stream/test?type=FOO`);
    expect(seen.frames).to.deep.equal(['{"code":3,"message":"parsing field \\"type\\": \\"FOO\\" is not a valid value"}']);
    expect(seen.code).to.equal(1006);
    expect(server.subscriptions.size).to.equal(0);
  });

  it('never echoes a subprotocol, so a client that asks for one fails its handshake', async () => {
    await start();
    const seen = await rawClient(`${server.url}/api/v2/stream/test`, 'graphql-ws');
    expect(seen.error).to.match(/subprotocol/i);
    expect(seen.frames).to.have.length(0);
  });

  it('refuses the subscription over the limit with the code 8 frame, then drops it', async () => {
    await start({ maxSubscriptions: 2 });
    const first = record(socketFrames(`${server.url}/api/v2/stream/test`, { pingIntervalMs: 0 }));
    const second = record(socketFrames(`${server.url}/api/v2/stream/test`, { pingIntervalMs: 0 }));
    await first.received(1);
    await second.received(1);
    const third = await rawClient(`${server.url}/api/v2/stream/test`);
    expect(third.frames).to.deep.equal(['{"error":{"code":8,"message":"client reached max subscription allowed"}}']);
    expect(third.code).to.equal(1006);
    first.subscription.unsubscribe();
    second.subscription.unsubscribe();
  });

  it('drops the connection without any frame when a frame reaches 64 KiB', async () => {
    await start();
    const seen = await rawClient(`${server.url}/api/v2/stream/test?size=70000`);
    expect(seen.frames).to.have.length(0);
    expect(seen.code).to.equal(1006);
  });

  it('drops a client that does not keep up, after the code 13 "channel closed" frame', async function () {
    this.timeout(15_000); // the kernel's socket buffers fill first
    await start({ slowConsumerBytes: 64 * 1024 });
    const frames: string[] = [];
    const closed = new Promise<number>((resolve) => {
      const socket = new WebSocket(`${server.url}/api/v2/stream/test?size=60000`);
      socket.on('open', () => {
        // Stop reading: the server's queue for this client grows until it gives up on it.
        (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
        const wait = setInterval(() => {
          if (server.subscriptions.size === 0) {
            clearInterval(wait);
            (socket as unknown as { _socket: { resume(): void } })._socket.resume();
          }
        }, 5);
      });
      socket.on('message', (data) => frames.push(data.toString()));
      socket.on('error', () => undefined);
      socket.on('close', (code) => resolve(code));
    });
    expect(await closed).to.equal(1006);
    const last = JSON.parse(frames.at(-1) ?? '{}') as { error?: { code: number; details: Array<{ code: number; inner: string }> } };
    expect(last.error?.code).to.equal(13);
    expect(last.error?.details[0]).to.deep.include({ code: 10010, inner: 'channel closed' });
  });

  it('drop(): the client sees a dropped connection (1006)', async () => {
    await start();
    const recording = record(socketFrames(`${server.url}/api/v2/stream/test`, { pingIntervalMs: 0 }));
    await recording.received(1);
    expect(server.drop()).to.equal(1);
    const error = (await recording.errored()) as ConnectionError;
    expect(error).to.be.instanceOf(ConnectionError);
    expect(error.code).to.equal(1006);
  });

  it('stall(): the path goes silent without closing, so the client\'s liveness check fires', async () => {
    await start();
    const recording = record(socketFrames(`${server.url}/api/v2/stream/test`, { pingIntervalMs: 30, pongTimeoutMs: 100 }));
    await recording.received(1);
    sinks[0]!.stall();
    const error = await recording.errored(3000);
    expect(error).to.be.instanceOf(StaleStreamError);
  });

  it('serves a plain GET on a stream route as chunked NDJSON, as curl shows it', async () => {
    await start();
    const { status, type, lines } = await getLines(`${server.httpUrl}/api/v2/stream/test`, 3);
    expect(status).to.equal(200);
    expect(type).to.equal('application/json');
    expect(lines.map((l) => JSON.parse(l).result.n)).to.deep.equal([0, 1, 2]);
  });

  it('ends only the subscription whose route handler fails, with the internal stream failure frame', async () => {
    const broken: ServedStream = {
      path: '/api/v2/stream/broken',
      params: [],
      open: () => {
        throw new Error('handler bug');
      },
    };
    server = await StreamServer.start({ streams: [ticker, broken] });
    const seen = await rawClient(`${server.url}/api/v2/stream/broken`);
    const frame = JSON.parse(seen.frames[0] ?? '{}') as { error: { code: number; details: Array<{ code: number; inner: string }> } };
    expect(frame.error.code).to.equal(13);
    expect(frame.error.details[0]).to.deep.include({ code: 10010, inner: 'handler bug' });
    expect(seen.code).to.equal(1006);
    const recording = record(socketFrames(`${server.url}/api/v2/stream/test`, { pingIntervalMs: 0 }));
    await recording.received(1);
    recording.subscription.unsubscribe();
  });

  it('survives request targets that are not URLs, on plain HTTP and on upgrades', async () => {
    await start();
    const send = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
        setTimeout(() => socket.destroy(), 300);
      });
    const plain = await send('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(plain).to.match(/^HTTP\/1\.1 404/);
    const upgrade = await send('GET http://[/x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    expect(upgrade).to.match(/^HTTP\/1\.1 101/);
    expect(upgrade).to.contain('{"code":5,"message":"Not Found"}');
    // still serving
    const recording = record(socketFrames(`${server.url}/api/v2/stream/test`, { pingIntervalMs: 0 }));
    await recording.received(1);
    recording.subscription.unsubscribe();
  });

  it('answers other methods with 404 on unknown paths and 405 on known ones', async () => {
    await start();
    const status = (method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.httpUrl}${path}`, { method }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('POST', '/api/v2/nope')).to.equal(404);
    expect(await status('POST', '/api/v2/stream/test')).to.equal(405);
  });

  it('answers a GET of an unknown path with 404 and the NotFound status', async () => {
    await start();
    const { status, lines } = await getLines(`${server.httpUrl}/api/v2/nope`, 1);
    expect(status).to.equal(404);
    expect(lines).to.deep.equal(['{"code":5,"message":"Not Found"}']);
  });
});
