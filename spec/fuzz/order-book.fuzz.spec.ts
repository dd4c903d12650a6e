/**
 * Property: `orderBook` over depth updates from the fake data node (a real client, virtual time)
 * and full books from a scripted source (answering at once or after a delay) emits exactly the
 * books of a reference model written from PROTOCOL.md section 5 (spec/fuzz/support/reference-book.ts):
 * stale updates dropped, gaps resynced from a fresh full book, sides sorted best first with
 * exact decimal prices (beyond 2^53, fractions, other spellings of one price), no level without
 * volume, a price repeated in one update taking its last value. A price that is not a decimal
 * string ends the stream with a DecodeError, and no book with that update's levels is emitted;
 * a book that cannot get back in sync ends it with a SequenceGapError.
 * Rules: docs/operators.md (Order books), docs/reliability.md (Resyncing books).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { map, of, timer, type Observable } from 'rxjs';
import { DecodeError, SequenceGapError } from '../../lib/index.js';
import { orderBook, type FullBook, type OrderBookState } from '../../lib/operators/index.js';
import { depthUpdatesFrame, fakeDataNode, priceLevel } from '../../lib/testing/index.js';
import { MARKET, bookScenario, typedUpdate } from './support/arbitraries.js';
import { bookAt, expectedBookRun, parseDecimal, type BookScenario, type Level } from './support/reference-book.js';
import { framesAt, inVirtualTime, recorder } from './support/virtual-time.js';

/** Run a scenario: updates over a real client, full books from a scripted source. */
function runBook(scenario: BookScenario) {
  return inVirtualTime((scheduler, { flush }) => {
    const frames = scenario.frames.map((f) => ({ at: f.at, frame: depthUpdatesFrame(f.updates.map(typedUpdate)) }));
    const node = fakeDataNode({ scheduler, routes: { marketsDepthUpdates: framesAt(frames) } });
    let requests = 0;
    const fullBook = (): Observable<FullBook> => {
      const spec = bookAt(scenario, requests++, scheduler.now());
      const level = (l: Level) => priceLevel(l.price, l.volume, l.numberOfOrders);
      const full: FullBook = { sequenceNumber: spec.sequenceNumber, buy: spec.buy.map(level), sell: spec.sell.map(level) };
      return spec.delayMs === 0 ? of(full) : timer(spec.delayMs).pipe(map(() => full));
    };
    const { outcome, observer } = recorder<OrderBookState>(() => node.openConnections().length);
    const subscription = node.client
      .marketsDepthUpdates({ marketIds: [MARKET] })
      .pipe(
        orderBook({
          marketId: MARKET,
          fullBook,
          maxReloadsInARow: scenario.maxReloadsInARow,
          ...(scenario.depth !== undefined && { depth: scenario.depth }),
        }),
      )
      .subscribe(observer);
    flush();
    const openAfterFlush = node.openConnections().length;
    subscription.unsubscribe();
    return { outcome, openAfterFlush, open: node.openConnections().length };
  });
}

/** Sorted best first (strictly), and every level has volume. */
function checkSides(state: OrderBookState): void {
  const value = (price: string) => {
    const d = parseDecimal(price);
    if (d === undefined) throw new Error(`an emitted price that is not a decimal: ${price}`);
    return d.n * 10n ** BigInt(30 - d.scale);
  };
  for (const [levels, better] of [
    [state.bids, (a: bigint, b: bigint) => a > b],
    [state.asks, (a: bigint, b: bigint) => a < b],
  ] as const) {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as Level;
      expect(level.volume, `no level without volume: ${JSON.stringify(level)}`).to.not.match(/^0*$/);
      if (i > 0) expect(better(value((levels[i - 1] as Level).price), value(level.price)), 'sorted best first').to.equal(true);
    }
  }
}

describe('fuzz: orderBook against a reference model', function () {
  this.timeout(30_000);

  it('emits exactly the reference books (stale updates, gaps, resyncs, prices beyond 2^53 and decimal strings), then at most the documented error', () => {
    fc.assert(
      fc.property(bookScenario, (scenario) => {
        const expected = expectedBookRun(scenario, MARKET);
        const { outcome, openAfterFlush, open } = runBook(scenario);
        outcome.values.forEach(checkSides);
        expect(outcome.values).to.deep.equal(expected.states);
        if (expected.error === undefined) {
          expect(outcome.errors).to.deep.equal([]);
        } else {
          expect(outcome.errors).to.have.length(1);
          const error = outcome.errors[0];
          expect(error).to.be.instanceOf(expected.error === 'DecodeError' ? DecodeError : SequenceGapError);
          // As docs/errors.md says: the socket is closed before the error reaches the subscriber.
          expect(outcome.openAtError, 'the updates socket is released before the error is delivered').to.deep.equal([0]);
          expect(openAfterFlush, 'the updates socket is released by the error').to.equal(0);
        }
        expect(open, 'no socket left open').to.equal(0);
      }),
      { seed: 0x5eed_0201, numRuns: 600 },
    );
  });
});
