import { expect } from 'chai';
import { take, toArray, lastValueFrom } from 'rxjs';
import { socketFrames } from '../../lib/socket/index.js';
import { expectNoNewResources, resourceSnapshot, sleep, type ResourceSnapshot } from '../support/handles.js';
import { LoopbackServer, type LoopbackServerOptions } from '../support/loopback-server.js';
import { record } from '../support/recorder.js';

describe('socketFrames over a real socket', () => {
  let server: LoopbackServer;
  let before: ResourceSnapshot;

  async function startServer(options: LoopbackServerOptions = {}): Promise<void> {
    server = await LoopbackServer.start(options);
    before = await resourceSnapshot();
  }

  afterEach(async () => {
    await server.stop();
  });

  it('is cold: opens a socket only on subscribe', async () => {
    await startServer();
    const frames$ = socketFrames(server.urlFor('/api/v2/stream/trades'));
    await sleep(20);
    expect(server.requests).to.have.length(0);

    const recording = record(frames$);
    await server.waitFor(() => server.open.size === 1, 'a connection');
    expect(server.requests[0]?.url).to.equal('/api/v2/stream/trades');

    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('emits text frames as strings, in order', async () => {
    await startServer({
      onConnection: (socket) => {
        for (let i = 1; i <= 5; i += 1) socket.send(`{"result":${i}}`);
      },
    });
    const frames = await lastValueFrom(socketFrames(server.url).pipe(take(5), toArray()));
    expect(frames).to.deep.equal(['{"result":1}', '{"result":2}', '{"result":3}', '{"result":4}', '{"result":5}']);
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('emits binary frames as a plain Uint8Array', async () => {
    await startServer({ onConnection: (socket) => socket.send(Buffer.from([1, 2, 3, 250])) });
    const [frame] = await lastValueFrom(socketFrames(server.url).pipe(take(1), toArray()));
    expect(frame).to.be.instanceOf(Uint8Array);
    expect(Buffer.isBuffer(frame)).to.equal(false);
    expect(Array.from(frame as Uint8Array)).to.deep.equal([1, 2, 3, 250]);
    await server.waitForNoConnections();
  });

  it('closes the socket with code 1000 on unsubscribe, leaving nothing behind', async () => {
    await startServer({ onConnection: (socket) => socket.send('hello') });
    const recording = record(socketFrames(server.url, { pingIntervalMs: 20, silenceTimeoutMs: 1000 }));
    await recording.received(1);
    recording.subscription.unsubscribe();

    await server.waitForNoConnections();
    expect(server.closes).to.deep.equal([{ code: 1000, reason: '' }]);
    expect(recording.error()).to.equal(undefined);
    expect(recording.completed()).to.equal(false);
    await expectNoNewResources(before);
  });

  it('destroys the connection soon after unsubscribe when the server never answers the close frame', async () => {
    await startServer({ handshake: 'mute' });
    let opened = false;
    const recording = record(socketFrames(server.url, { onOpen: () => (opened = true) }));
    await server.waitFor(() => opened, 'the socket to open');
    recording.subscription.unsubscribe();
    // ws would wait 30 s for the closing handshake; the default socket gives up after 500 ms
    // (CLOSE_HANDSHAKE_TIMEOUT_MS). Waiting up to 3 s still tells the two apart on a busy machine.
    await server.waitForNoConnections(3000);
    await expectNoNewResources(before);
    expect(recording.error()).to.equal(undefined);
  });

  it('closes a socket unsubscribed while connecting with 1000 once the server accepts it', async () => {
    await startServer({ handshake: 'defer' });
    const recording = record(socketFrames(server.url)); // default connect deadline: 10 s
    await server.waitFor(() => server.deferred.size === 1, 'the upgrade request');
    recording.subscription.unsubscribe();
    expect(server.acceptDeferred()).to.equal(1); // the server accepts after the unsubscribe

    await server.waitForNoConnections();
    expect(server.accepted).to.equal(1);
    expect(server.closes).to.deep.equal([{ code: 1000, reason: '' }]); // not 1006: no aborted handshake
    await expectNoNewResources(before); // the 10 s bound was cancelled when the socket opened
    expect(recording.error()).to.equal(undefined);
  });

  it('aborts at the connect deadline a handshake that never completes after unsubscribe', async () => {
    await startServer({ handshake: 'hold' });
    const started = Date.now();
    const recording = record(socketFrames(server.url, { connectTimeoutMs: 300 }));
    await server.waitFor(() => server.held.size === 1, 'the upgrade request');
    recording.subscription.unsubscribe();

    await server.waitForNoConnections();
    // Waited for the deadline (300 ms after subscribe), not aborted at unsubscribe. Only a lower
    // bound, with a margin for timers that fire a little early by Date.now; exact time:
    // teardown.virtual.spec.ts.
    expect(Date.now() - started).to.be.at.least(200);
    await expectNoNewResources(before); // also gives ws time to emit its abort error (swallowed)
    expect(recording.error()).to.equal(undefined);
    expect(server.accepted).to.equal(0);
  });

  it('closes with 1000, once it opens, a socket unsubscribed in the same tick as subscribe', async () => {
    await startServer();
    record(socketFrames(server.url)).subscription.unsubscribe();
    await server.waitFor(() => server.closes.length === 1, 'the close');
    expect(server.closes).to.deep.equal([{ code: 1000, reason: '' }]);
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('opens one socket per subscriber', async () => {
    await startServer({ onConnection: (socket, request) => socket.send(request.url ?? '') });
    const first = record(socketFrames(server.urlFor('/one')));
    const second = record(socketFrames(server.urlFor('/two')));
    expect(await first.received(1)).to.deep.equal(['/one']);
    expect(await second.received(1)).to.deep.equal(['/two']);
    expect(server.accepted).to.equal(2);
    expect(server.open.size).to.equal(2);

    first.subscription.unsubscribe();
    await server.waitFor(() => server.open.size === 1, 'the first socket to close');
    second.subscription.unsubscribe();
    await server.waitForNoConnections();
    expect(server.closes.map((close) => close.code)).to.deep.equal([1000, 1000]);
    await expectNoNewResources(before);
  });

  it('never requests a subprotocol', async () => {
    await startServer();
    const recording = record(socketFrames(server.url));
    await server.waitFor(() => server.open.size === 1, 'a connection');
    const headers = server.requests[0]?.headers ?? {};
    expect(headers).to.have.property('upgrade', 'websocket');
    expect(headers).not.to.have.property('sec-websocket-protocol');
    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
  });

  it('calls onOpen once with a sender whose text the server receives', async () => {
    await startServer({ onConnection: (socket) => socket.on('message', (data) => socket.send(`echo ${String(data)}`)) });
    let opens = 0;
    const recording = record(
      socketFrames(server.url, {
        onOpen: (sender) => {
          opens += 1;
          sender.send('{"type":["BUS_EVENT_TYPE_TRADE"]}');
        },
      }),
    );
    expect(await recording.received(1)).to.deep.equal(['echo {"type":["BUS_EVENT_TYPE_TRADE"]}']);
    expect(server.received).to.deep.equal(['{"type":["BUS_EVENT_TYPE_TRADE"]}']);
    expect(opens).to.equal(1);
    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('drops frames sent through the sender after unsubscribe', async () => {
    await startServer();
    let send: ((text: string) => void) | undefined;
    const recording = record(socketFrames(server.url, { onOpen: (sender) => (send = (text) => sender.send(text)) }));
    await server.waitFor(() => send !== undefined, 'the socket to open');
    recording.subscription.unsubscribe();
    send?.('too late');
    await server.waitForNoConnections();
    expect(server.received).to.deep.equal([]);
  });

  it('fails with the error thrown by onOpen and closes the socket', async () => {
    await startServer();
    const boom = new Error('cannot build the request');
    const recording = record(
      socketFrames(server.url, {
        onOpen: () => {
          throw boom;
        },
      }),
    );
    expect(await recording.errored()).to.equal(boom);
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });
});
