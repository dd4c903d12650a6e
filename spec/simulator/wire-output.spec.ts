import { expect } from 'chai';
import type { Decoder } from 'io-ts';
import { isDeepStrictEqual } from 'node:util';
import { STREAM_RESPONSE_CODECS, decodeOrThrow, type StreamRoute } from '../../lib/codecs/index.js';
import { encodeStream } from '../../lib/codecs/runtime/index.js';
import { candleId } from '../../lib/wire/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { rawConnect, until, type RawConnection } from './support/raw-frames.js';

const BLOCKS = 200;

describe('simulator: wire output of every route over a long seeded run', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const connections = new Map<StreamRoute, RawConnection>();

  before(async () => {
    sim = await Simulator.start({ seed: 11, blockMs: 3_600_000, candlePollMs: 50 });
    sim.pause();
    const markets = sim.markets.map((m) => m.id);
    const party = sim.node.positions()[0]?.partyId ?? sim.node.partyIds().find((p) => p !== 'network') ?? '';
    const m = markets.map((id) => `marketIds=${id}`).join('&');
    const queries: Record<StreamRoute, string> = {
      '/api/v2/stream/accounts': `partyId=${party}`,
      '/api/v2/stream/orders': '',
      '/api/v2/stream/positions': '',
      '/api/v2/stream/markets/depth': m,
      '/api/v2/stream/markets/depth/updates': m,
      '/api/v2/stream/markets/data': m,
      '/api/v2/stream/candle/data': `candleId=${candleId(markets[0] as string, '1_minute')}`,
      '/api/v2/stream/votes': '', // one connection per party, below
      '/api/v2/stream/trades': '',
      '/api/v2/stream/margin/levels': '',
      '/api/v2/stream/governance': '',
      '/api/v2/stream/event/bus': '',
      '/api/v2/stream/ledger/movements': '',
      '/api/v2/stream/liquidity-provisions': '',
      '/api/v2/stream/transaction-results': '',
    };
    for (const [route, query] of Object.entries(queries) as Array<[StreamRoute, string]>) {
      if (route !== '/api/v2/stream/votes') connections.set(route, rawConnect(`${sim.url}${route}${query ? `?${query}` : ''}`));
    }
    // Votes need a party (or proposal) id, and not every party votes: watch them all.
    const voters = sim.node.partyIds().filter((p) => p !== 'network');
    const votes = voters.map((p) => rawConnect(`${sim.url}/api/v2/stream/votes?partyId=${p}`));
    const allVotes: RawConnection = { ...votes[0]!, frames: [] };
    connections.set('/api/v2/stream/votes', allVotes);
    await Promise.all([...connections.values(), ...votes].map((c) => c.opened));
    connections.get('/api/v2/stream/event/bus')!.send('{"type":["BUS_EVENT_TYPE_ALL"],"batchSize":"0"}');
    await until(() => sim.server.subscriptions.size === 14 + voters.length, 'every subscription');
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < BLOCKS; i++) {
      sim.step(1);
      // Let the clients read, as they would between real blocks (a burst would overrun them).
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await until(() => votes.some((c) => c.frames.length > 0), 'a vote');
    await new Promise((resolve) => setTimeout(resolve, 100));
    allVotes.frames.push(...votes.flatMap((c) => c.frames));
    votes.forEach((c) => c.close());
    await until(() => [...connections.values()].every((c) => c.frames.length > 0), 'a frame on every route').catch((error: Error) => {
      const empty = [...connections].filter(([, c]) => c.frames.length === 0).map(([route]) => route);
      throw new Error(`${error.message}: none on ${empty.join(', ')}`);
    });
  });

  after(async () => {
    for (const c of connections.values()) c.close();
    await sim.stop();
  });

  it('sends frames on all 15 routes', () => {
    const counts = Object.fromEntries([...connections].map(([route, c]) => [route.replace('/api/v2/stream/', ''), c.frames.length]));
    for (const [route, count] of Object.entries(counts)) expect(count, route).to.be.greaterThan(0);
  });

  it('sends only {"result": …} frames that decode with the route codecs', () => {
    for (const [route, connection] of connections) {
      for (const frame of connection.frames) {
        const body = JSON.parse(frame) as Record<string, unknown>;
        expect(Object.keys(body), `${route}: ${frame.slice(0, 80)}`).to.deep.equal(['result']);
        decodeOrThrow(STREAM_RESPONSE_CODECS[route] as Decoder<unknown, unknown>, body['result'], route);
      }
    }
  });

  it('follows the stream encoding: no defaults, no null, enums as numbers, 64-bit ints as strings', () => {
    let checked = 0;
    for (const [route, connection] of connections) {
      const codec = STREAM_RESPONSE_CODECS[route] as Decoder<unknown, unknown>;
      for (const frame of connection.frames) {
        if (frame.includes('null')) expect.fail(`${route}: null in ${frame.slice(0, 100)}`);
        const result = (JSON.parse(frame) as { result: unknown }).result;
        // Re-encoding drops defaults and turns enum names into numbers: equal means the frame had neither.
        const again = encodeStream(codec, decodeOrThrow(codec, result, route));
        if (!isDeepStrictEqual(again, result)) expect(again, `${route}: ${frame.slice(0, 100)}`).to.deep.equal(result);
        checked += 1;
      }
    }
    expect(checked).to.be.greaterThan(BLOCKS);
  });

  it('keeps every frame under 64 KiB and one JSON object per text frame', () => {
    for (const connection of connections.values()) {
      for (const frame of connection.frames) {
        if (Buffer.byteLength(frame) >= 64 * 1024 || frame.includes('\n')) expect.fail(`bad frame: ${frame.slice(0, 100)}`);
      }
    }
  });

  it('pages snapshots by 50 with lastPage only on the last page, and batches updates by at most 50', () => {
    const frames = connections.get('/api/v2/stream/orders')!.frames.map((f) => JSON.parse(f).result);
    const snapshot = frames.filter((r) => r.snapshot);
    expect(snapshot.length, 'several snapshot pages').to.be.greaterThan(1);
    snapshot.slice(0, -1).forEach((r) => {
      expect(r.snapshot.orders).to.have.length(50);
      expect(r.snapshot).not.to.have.property('lastPage');
    });
    expect(snapshot.at(-1).snapshot.lastPage).to.equal(true);
    for (const r of frames.filter((r) => r.updates)) expect(r.updates.orders.length).to.be.within(1, 50);
    const trades = connections.get('/api/v2/stream/trades')!.frames.map((f) => JSON.parse(f).result);
    for (const r of trades) expect(r.trades.length).to.be.within(1, 50);
  });

  it('brackets every block on the event bus with BEGIN_BLOCK and END_BLOCK', () => {
    const events = connections.get('/api/v2/stream/event/bus')!.frames.flatMap((f) => JSON.parse(f).result.events as Array<{ type: number; id: string }>);
    const begins = events.filter((e) => e.type === 49).length;
    const ends = events.filter((e) => e.type === 50).length;
    expect(begins).to.equal(BLOCKS);
    expect(ends).to.equal(BLOCKS);
    expect(events[0]?.type).to.equal(49);
    expect(events.at(-1)?.type).to.equal(50);
  });
});
