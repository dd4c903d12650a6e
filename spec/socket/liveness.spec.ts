import { expect } from 'chai';
import { StaleStreamError } from '../../lib/errors/index.js';
import { socketFrames } from '../../lib/socket/index.js';
import { expectNoNewResources, resourceSnapshot, type ResourceSnapshot } from '../support/handles.js';
import { LoopbackServer, type LoopbackServerOptions } from '../support/loopback-server.js';
import { record } from '../support/recorder.js';

function asStale(error: unknown): StaleStreamError {
  expect(error).to.be.instanceOf(StaleStreamError);
  return error as StaleStreamError;
}

describe('socketFrames liveness over a real socket', () => {
  let server: LoopbackServer;
  let before: ResourceSnapshot;

  async function startServer(options: LoopbackServerOptions = {}): Promise<void> {
    server = await LoopbackServer.start(options);
    before = await resourceSnapshot();
  }

  afterEach(async () => {
    await server.stop();
  });

  it('fails with pong-timeout when the server does not answer pings, and drops the socket', async () => {
    await startServer({ autoPong: false });
    const recording = record(socketFrames(server.url, { pingIntervalMs: 30, pongTimeoutMs: 40 }));
    const error = asStale(await recording.errored());
    expect(error).to.include({ url: server.url, check: 'pong-timeout', retryable: true });
    expect(error.quietMs).to.be.at.least(40); // never early (exact times: liveness.virtual.spec.ts)
    expect(server.pings).to.be.at.least(1);
    await server.waitForNoConnections();
    expect(server.closes.map((close) => close.code)).to.deep.equal([1006]); // terminated, no close frame
    await expectNoNewResources(before);
  });

  it('fails with pong-timeout against a server that completed the handshake and went mute', async () => {
    await startServer({ handshake: 'mute' });
    const recording = record(socketFrames(server.url, { pingIntervalMs: 20, pongTimeoutMs: 30 }));
    expect(asStale(await recording.errored()).check).to.equal('pong-timeout');
    await server.waitForNoConnections(); // terminated at once, no closing handshake to wait for
    await expectNoNewResources(before);
  });

  it('stays open past many ping intervals when the server answers pings', async () => {
    await startServer();
    // A generous pong deadline: this checks that answered pings keep the stream, not timing
    // (exact ping times and counts: liveness.virtual.spec.ts).
    const recording = record(socketFrames(server.url, { pingIntervalMs: 20, pongTimeoutMs: 1000 }));
    await server.waitFor(() => server.pings >= 5 || recording.error() !== undefined, '5 pings');
    expect(recording.error()).to.equal(undefined);
    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
    expect(server.closes.map((close) => close.code)).to.deep.equal([1000]);
    await expectNoNewResources(before);
  });

  it('counts frames as liveness: a server that sends data but no pongs is not stale', async () => {
    await startServer({
      autoPong: false,
      onConnection: (socket) => {
        const timer = setInterval(() => socket.send('{"result":{}}'), 10);
        socket.on('close', () => clearInterval(timer));
      },
    });
    const started = Date.now();
    const recording = record(socketFrames(server.url, { pingIntervalMs: 20, pongTimeoutMs: 300 }));
    // Outlive two pong deadlines with several pings unanswered: only the frames keep it alive.
    await server.waitFor(
      () => (Date.now() - started >= 600 && server.pings >= 3) || recording.error() !== undefined,
      'two pong deadlines and 3 pings',
    );
    expect(recording.error()).to.equal(undefined);
    expect(recording.values.length).to.be.at.least(1);
    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails with silence when no frame arrives for silenceTimeoutMs', async () => {
    await startServer({ onConnection: (socket) => socket.send('{"result":{}}') });
    const started = Date.now();
    const recording = record(socketFrames(server.url, { pingIntervalMs: 0, silenceTimeoutMs: 60 }));
    const error = asStale(await recording.errored());
    expect(error).to.include({ check: 'silence' });
    // Never early; exact times are checked in virtual time (liveness.virtual.spec.ts).
    expect(error.quietMs).to.be.at.least(60);
    expect(Date.now() - started).to.be.at.least(60);
    expect(recording.values).to.have.length(1);
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('fails with silence on time when the clock is set back an hour after the last frame', async function () {
    this.timeout(5_000);
    const realNow = Date.now;
    try {
      await startServer({ onConnection: (socket) => socket.send('{"result":{}}') });
      const recording = record(socketFrames(server.url, { pingIntervalMs: 0, silenceTimeoutMs: 60 }));
      await server.waitFor(() => recording.values.length === 1 || recording.error() !== undefined, 'the first frame');
      // An NTP step or a resumed VM: the clock (asyncScheduler reads Date.now) now reads an hour earlier.
      Date.now = () => realNow() - 3_600_000;
      // Counted from the step, the silence would end an hour later, long past this test's timeout.
      const error = asStale(await recording.errored());
      expect(error).to.include({ check: 'silence' });
      expect(error.quietMs).to.be.at.least(60).and.below(3_600_000);
    } finally {
      Date.now = realNow;
    }
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('does not count pongs against silence: an answered-ping socket with no data goes silent', async () => {
    await startServer();
    const recording = record(socketFrames(server.url, { pingIntervalMs: 10, silenceTimeoutMs: 300 }));
    expect(asStale(await recording.errored()).check).to.equal('silence');
    // Some pings were answered before the silence (exact counts: liveness.virtual.spec.ts).
    expect(server.pings).to.be.at.least(2);
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });

  it('restarts the silence clock on every frame', async () => {
    await startServer({
      onConnection: (socket) => {
        const timer = setInterval(() => socket.send('tick'), 15);
        socket.on('close', () => clearInterval(timer));
      },
    });
    const started = Date.now();
    const recording = record(socketFrames(server.url, { silenceTimeoutMs: 300 }));
    // Outlive two silence deadlines: only the frames keep it alive.
    await server.waitFor(
      () => Date.now() - started >= 600 || recording.error() !== undefined,
      'two silence deadlines',
    );
    expect(recording.error()).to.equal(undefined);
    expect(recording.values.length).to.be.at.least(2);
    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
    await expectNoNewResources(before);
  });
});
