import { expect } from 'chai';
import { catchError, of } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { DecodeError } from '../../lib/index.js';
import {
  DEFAULT_MARKET_ID as BTC,
  SECOND_MARKET_ID as ETH,
  dropped,
  fakeDataNode,
  marketData,
  marketsDataFrame,
  timeNs,
} from '../../lib/testing/index.js';
import { spreadMonitor, type SpreadAlert } from '../../examples/strategies/spread-monitor.js';

/** A markets/data frame with both markets' spreads (bid 100000, offer 100000 + spread); '-' = no bids. */
function quotes(btc: number | '-', eth: number | '-', ms = 0) {
  const quote = (market: string, spread: number | '-') =>
    marketData({
      market,
      bestBidPrice: spread === '-' ? '' : '100000',
      bestOfferPrice: String(100000 + (spread === '-' ? 10 : spread)),
      timestamp: timeNs(ms),
    });
  return marketsDataFrame([quote(BTC, btc), quote(ETH, eth)]);
}

const wide = (marketId: string, spread: number, ms: number): SpreadAlert => ({ kind: 'wide', marketId, spread: String(spread), timestamp: timeNs(ms) });
const bothWide = (btc: number, eth: number, ms: number): SpreadAlert => ({ kind: 'both-wide', spreads: [String(btc), String(eth)], timestamp: timeNs(ms) });

describe('example strategy: spread monitor (marbles over the fake data node)', () => {
  const config = { marketIds: [BTC, ETH] as const, threshold: 100n, retry: { initialMs: 10, jitter: 'none' as const } };

  it(
    'alerts once when a market goes wide, and again only after it came back under the threshold',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          marketsData: m.cold('a-b-c-d-e', { a: quotes(50, 50, 0), b: quotes(150, 50, 2), c: quotes(200, 50, 4), d: quotes(100, 50, 6), e: quotes(120, 50, 8) }),
        },
      });
      m.expect(spreadMonitor(node.client, config)).toBeObservable('--x-----y', { x: wide(BTC, 150, 2), y: wide(BTC, 120, 8) });
      m.flush();
      expect(node.connections('marketsData')[0]?.filters).to.deep.equal({ marketIds: [BTC, ETH] });
    }),
  );

  it(
    'signals "both wide" once while both markets are wide, and again after one of them narrowed',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          marketsData: m.cold('a 9ms b 9ms c 9ms d', { a: quotes(50, 50, 0), b: quotes(150, 300, 10), c: quotes(150, 80, 20), d: quotes(160, 101, 30) }),
        },
      });
      m.expect(spreadMonitor(node.client, config)).toBeObservable('10ms (xyz) 15ms (uv)', {
        x: wide(BTC, 150, 10),
        y: wide(ETH, 300, 10),
        z: bothWide(150, 300, 10),
        u: wide(ETH, 101, 30),
        v: bothWide(160, 101, 30),
      });
    }),
  );

  it(
    'keeps a market\'s state while it has no two-sided quote (an auction, an empty side)',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: { marketsData: m.cold('a-b-c', { a: quotes(150, 50, 0), b: quotes('-', 50, 2), c: quotes(150, 50, 4) }) },
      });
      m.expect(spreadMonitor(node.client, config)).toBeObservable('x', { x: wide(BTC, 150, 0) });
    }),
  );

  it(
    'reconnects after a dropped socket, from a fresh snapshot, without repeating alerts; unsubscribing closes the socket',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          // The first connection drops at frame 4; the second (after the 10 ms retry delay) starts afresh.
          marketsData: [m.cold('a-b-#', { a: quotes(50, 50, 0), b: quotes(150, 50, 2) }, dropped), m.cold('c-d', { c: quotes(150, 50, 14), d: quotes(150, 120, 16) })],
        },
      });
      m.expect(spreadMonitor(node.client, config), '^ 19ms !').toBeObservable('--x 13ms (yz)', {
        x: wide(BTC, 150, 2),
        y: wide(ETH, 120, 16),
        z: bothWide(150, 120, 16),
      });
      m.flush();
      expect(node.connections('marketsData').map((c) => [c.subscribedFrame, c.unsubscribedFrame, c.state])).to.deep.equal([
        [0, 4, 'closed-by-node'],
        [14, 20, 'closed-by-client'],
      ]);
      expect(node.openConnections()).to.deep.equal([]);
    }),
  );

  it(
    'gives up with the connection error once its retries are spent',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { marketsData: m.cold('a-#', { a: quotes(50, 50) }, dropped) } });
      m.expect(spreadMonitor(node.client, { ...config, retry: { ...config.retry, maxAttempts: 1 } })).toBeObservable('14ms #', undefined, dropped);
      m.flush();
      expect(node.connections().map((c) => [c.subscribedFrame, c.unsubscribedFrame])).to.deep.equal([
        [0, 2],
        [12, 14],
      ]);
    }),
  );

  it(
    'fails at once, without reconnecting, on an error that a retry cannot cure (a frame that does not decode)',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: { marketsData: m.cold('a-b', { a: quotes(150, 50), b: '{"result":{"marketData":[{"market":7}]}}' }) },
      });
      const alerts$ = spreadMonitor(node.client, config).pipe(catchError((error: unknown) => of(error instanceof DecodeError ? 'decode error' : 'other')));
      m.expect(alerts$).toBeObservable('x-(e|)', { x: wide(BTC, 150, 0), e: 'decode error' });
      m.flush();
      expect(node.connections()).to.have.length(1);
      expect(node.connections()[0]?.state).to.equal('closed-by-client');
    }),
  );
});
