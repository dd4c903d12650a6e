import { expect } from 'chai';
import { BusEventCodec, BusEventType, decodeOrThrow, OrderStatus } from '../../../lib/codecs/index.js';
import { createEngine } from '../../../lib/simulator/engine/index.js';
import { InvariantChecker } from './support/invariant-checker.js';
import { sameJson } from './support/same-json.js';

const BLOCKS = 3000;

describe('simulator engine: invariants over a long seeded run', function () {
  this.timeout(60_000);

  it(`holds every invariant for ${BLOCKS} blocks, and every event round-trips through BusEventCodec`, () => {
    const engine = createEngine({ seed: 'invariants' });
    const deposits = new Map<string, bigint>();
    for (const a of engine.assets()) deposits.set(a.id, a.depositPerParty * BigInt(engine.parties().length));
    const checker = new InvariantChecker(engine, deposits);
    for (let i = 0; i < BLOCKS; i++) {
      const block = engine.nextBlock();
      checker.check(block);
      for (const ev of block.events) {
        // decoded straight from the object: a bigint, a float for money or an undefined field
        // would fail to decode or to compare equal
        const decoded = decodeOrThrow(BusEventCodec, ev, 'event-bus', `$.events[${ev.id}]`);
        if (!sameJson(decoded, ev)) {
          expect.fail(`event ${ev.id} changes in a round trip:\n${JSON.stringify(ev)}\n${JSON.stringify(decoded)}`);
        }
      }
    }
    const s = checker.stats;
    // the run exercised every order outcome and every kind of event the engine makes
    for (const status of [
      OrderStatus.STATUS_ACTIVE,
      OrderStatus.STATUS_FILLED,
      OrderStatus.STATUS_PARTIALLY_FILLED,
      OrderStatus.STATUS_CANCELLED,
      OrderStatus.STATUS_EXPIRED,
      OrderStatus.STATUS_STOPPED,
      OrderStatus.STATUS_REJECTED,
    ]) {
      expect(s.statuses.get(status) ?? 0, OrderStatus[status]).to.be.greaterThan(0);
    }
    for (const type of [
      BusEventType.BUS_EVENT_TYPE_TRADE,
      BusEventType.BUS_EVENT_TYPE_ACCOUNT,
      BusEventType.BUS_EVENT_TYPE_LEDGER_MOVEMENTS,
      BusEventType.BUS_EVENT_TYPE_MARGIN_LEVELS,
      BusEventType.BUS_EVENT_TYPE_SETTLE_POSITION,
      BusEventType.BUS_EVENT_TYPE_POSITION_STATE,
      BusEventType.BUS_EVENT_TYPE_MARKET_DATA,
      BusEventType.BUS_EVENT_TYPE_TRANSACTION_RESULT,
      BusEventType.BUS_EVENT_TYPE_LIQUIDITY_PROVISION,
      BusEventType.BUS_EVENT_TYPE_PROPOSAL,
      BusEventType.BUS_EVENT_TYPE_VOTE,
      BusEventType.BUS_EVENT_TYPE_NETWORK_PARAMETER,
    ]) {
      expect(s.types.get(type) ?? 0, BusEventType[type]).to.be.greaterThan(0);
    }
    expect(s.failedTx).to.be.greaterThan(0);
    expect(s.blocks).to.equal(BLOCKS);
  });
});
