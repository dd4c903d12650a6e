import { expect } from 'chai';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConnectionError } from '../../lib/errors/index.js';
import { socketFrames } from '../../lib/socket/index.js';
import { expectNoNewResources, resourceSnapshot, type ResourceSnapshot } from '../support/handles.js';
import { LoopbackServer, type LoopbackServerOptions } from '../support/loopback-server.js';
import { record } from '../support/recorder.js';

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
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

  it('fails at once, phase open, on a transport error, without waiting for a closing handshake', async () => {
    const loopback = await startServer({ handshake: 'mute' });
    let opened = false;
    const recording = record(socketFrames(loopback.url, { onOpen: () => (opened = true) }));
    await loopback.waitFor(() => opened, 'the socket to open');
    const started = Date.now();
    const [tcp] = loopback.held;
    tcp?.write(Buffer.from([0x83, 0x00])); // a final frame with the reserved opcode 3
    const error = asConnectionError(await recording.errored());
    // ws reports the error, sends close 1002 and would wait for an answer that never comes
    expect(Date.now() - started).to.be.below(100);
    expect(error).to.include({ code: 1006, phase: 'open' });
    expect(error.detail).to.match(/opcode 3/);
    await loopback.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails with ConnectionError phase connecting when the connection is refused', async () => {
    before = await resourceSnapshot();
    const url = `ws://127.0.0.1:${await closedPort()}/api/v2/stream/trades`;
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
    const recording = record(socketFrames(loopback.url, { connectTimeoutMs: 60 }));
    const error = asConnectionError(await recording.errored());
    expect(Date.now() - started).to.be.at.least(50); // never early; exact time: liveness.virtual.spec.ts
    expect(error).to.include({ url: loopback.url, code: 0, phase: 'connect-timeout' });
    expect(error.detail).to.equal('not open after 60 ms');
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
