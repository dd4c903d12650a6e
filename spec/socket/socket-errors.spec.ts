import { expect } from 'chai';
import { connect } from 'node:net';
import { ConnectionError } from '../../lib/errors/index.js';
import { socketFrames } from '../../lib/socket/index.js';
import { expectNoNewResources, resourceSnapshot, type ResourceSnapshot } from '../support/handles.js';
import { LoopbackServer, type LoopbackServerOptions } from '../support/loopback-server.js';
import { record } from '../support/recorder.js';

/**
 * A port on 127.0.0.1 that refuses connections: the first privileged port (below 1024) that
 * refuses a plain TCP connect. Not a released ephemeral port: another process's listen(0)
 * could take that one between the probe and the spec, and a client whose own ephemeral source
 * port happened to equal it would connect to itself. Privileged ports are outside the
 * ephemeral range and only a privileged process can listen on them, so neither can happen.
 */
async function refusingPort(): Promise<number> {
  for (const port of [1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16]) {
    if (await refuses(port)) return port;
  }
  throw new Error('No privileged port on 127.0.0.1 refuses connections: cannot test ECONNREFUSED here');
}

/** True when a TCP connect to 127.0.0.1:port is refused (not accepted, not timed out). */
function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect({ port, host: '127.0.0.1' });
    const done = (refused: boolean): void => {
      clearTimeout(timer);
      probe.destroy();
      resolve(refused);
    };
    const timer = setTimeout(() => done(false), 1000);
    probe.once('connect', () => done(false));
    probe.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

function asConnectionError(error: unknown): ConnectionError {
  expect(error).to.be.instanceOf(ConnectionError);
  return error as ConnectionError;
}

describe('socketFrames failures over a real socket', () => {
  let server: LoopbackServer | undefined;
  let before: ResourceSnapshot;

  async function startServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
    server = await LoopbackServer.start(options);
    before = await resourceSnapshot();
    return server;
  }

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('fails with ConnectionError 1006, phase open, when the server drops the TCP connection', async () => {
    const loopback = await startServer({
      onConnection: (socket) => {
        socket.send('{"result":{}}');
        setTimeout(() => socket.terminate(), 10);
      },
    });
    const url = loopback.urlFor('/api/v2/stream/trades?marketIds=abc');
    const recording = record(socketFrames(url));
    const error = asConnectionError(await recording.errored());
    expect(recording.values).to.deep.equal(['{"result":{}}']);
    expect(error).to.include({ url, code: 1006, reason: '', phase: 'open', retryable: true });
    expect(error.message).to.contain(url);
    await loopback.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails with ConnectionError even on a clean close (1000) by the server: a stream never ends', async () => {
    const loopback = await startServer({ onConnection: (socket) => socket.close(1000, 'bye') });
    const recording = record(socketFrames(loopback.url));
    const error = asConnectionError(await recording.errored());
    expect(error).to.include({ code: 1000, reason: 'bye', phase: 'open' });
    expect(recording.completed()).to.equal(false);
    await loopback.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails on the transport error itself, phase open, without waiting for a closing handshake', async () => {
    const loopback = await startServer({ handshake: 'mute' });
    let opened = false;
    const recording = record(socketFrames(loopback.url, { onOpen: () => (opened = true) }));
    await loopback.waitFor(() => opened, 'the socket to open');
    const [tcp] = loopback.held;
    tcp?.write(Buffer.from([0x83, 0x00])); // a final frame with the reserved opcode 3
    const error = asConnectionError(await recording.errored());
    // ws reports the error, sends close 1002 and would wait for an answer that never comes; the
    // transport detail proves the stream failed on the `error` event (a `close` has none).
    expect(error).to.include({ code: 1006, phase: 'open' });
    expect(error.detail).to.match(/opcode 3/);
    await loopback.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails with ConnectionError phase connecting when the connection is refused', async () => {
    const url = `ws://127.0.0.1:${await refusingPort()}/api/v2/stream/trades`;
    before = await resourceSnapshot();
    const error = asConnectionError(await record(socketFrames(url)).errored());
    expect(error).to.include({ url, code: 1006, phase: 'connecting' });
    expect(error.detail).to.contain('ECONNREFUSED');
    await expectNoNewResources(before);
  });

  it('fails with ConnectionError phase connecting when the handshake is rejected', async () => {
    const loopback = await startServer({ handshake: 'reject' });
    const error = asConnectionError(await record(socketFrames(loopback.url)).errored());
    expect(error).to.include({ code: 1006, phase: 'connecting' });
    expect(error.detail).to.contain('400');
    await loopback.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails with phase connect-timeout when the handshake never completes, and aborts it', async () => {
    const loopback = await startServer({ handshake: 'hold' });
    const started = Date.now();
    const recording = record(socketFrames(loopback.url, { connectTimeoutMs: 100 }));
    const error = asConnectionError(await recording.errored());
    // Not early. Only a lower bound, with a margin for timers that fire a little early by
    // Date.now (libuv's cached loop time); exact time: liveness.virtual.spec.ts.
    expect(Date.now() - started).to.be.at.least(50);
    expect(error).to.include({ url: loopback.url, code: 0, phase: 'connect-timeout' });
    expect(error.detail).to.equal('not open after 100 ms');
    await loopback.waitForNoConnections();
    await expectNoNewResources(before);
    expect(loopback.accepted).to.equal(0);
  });

  it('refuses a URL that is not ws:// or wss:// with a TypeError on subscribe, before any socket', async () => {
    const loopback = await startServer();
    const httpUrl = loopback.url.replace('ws:', 'http:');
    const cases: Array<[string, RegExp]> = [
      [httpUrl, /scheme http: is not accepted.*use ws:\/\/ instead of http:\/\//],
      ['https://api.example.com/x', /use wss:\/\/ instead of https:\/\//],
      ['api.example.com/api/v2/stream/trades', /Invalid websocket URL "api\.example\.com.*absolute ws:\/\/ or wss:\/\//],
      ['', /Invalid websocket URL ""/],
      [`${loopback.url}/x#frag`, /#fragment/],
    ];
    for (const [url, message] of cases) {
      const frames$ = socketFrames(url);
      let error: unknown;
      frames$.subscribe({ error: (e: unknown) => (error = e) }); // synchronous
      expect(error, url).to.be.instanceOf(TypeError);
      expect((error as TypeError).message, url).to.match(message);
      expect((error as TypeError).message, url).to.contain(JSON.stringify(url));
    }
    await expectNoNewResources(before);
    expect(loopback.requests).to.have.length(0);
  });

  it('refuses a negative or non-numeric duration with a RangeError on subscribe', () => {
    let error: unknown;
    socketFrames('ws://127.0.0.1:1/', { pingIntervalMs: -1 }).subscribe({ error: (e: unknown) => (error = e) });
    expect(error).to.be.instanceOf(RangeError);
    expect((error as RangeError).message).to.match(/pingIntervalMs .*got -1/);
  });
});
