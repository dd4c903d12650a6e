/**
 * Property: `accumulateOrders` over a real client's orders stream (fake data node, virtual time)
 * emits, once the last snapshot page is in and then once per block of updates, exactly the state
 * of a reference model: live orders (ACTIVE or PARKED) keyed by id, the last version of an id
 * winning, an order leaving the state with any other status (unknown numbers included). A
 * failure in the middle of a snapshot ends the stream with its typed error and no state; a
 * snapshot that never sends its last page gives no state at all.
 * Rules: docs/operators.md (Snapshot accumulation), docs/reliability.md (Rebuilding state).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { DataNodeError, DecodeError, ProtocolError, type ObserveOrdersResponse, type Order } from '../../lib/index.js';
import { accumulateOrders, type SnapshotState } from '../../lib/operators/index.js';
import { fakeDataNode, type ResultFrame } from '../../lib/testing/index.js';
import { LIVE_STATUSES, errorFrameText, ordersFrames, ordersScenario, type OrdersScenario } from './support/arbitraries.js';
import { framesAt, inVirtualTime, recorder } from './support/virtual-time.js';

const QUIET_MS = 10;

/** A frame the fake node sends: a typed frame or raw text. */
type Frame = ResultFrame<ObserveOrdersResponse> | string;

/** The frames of a scenario with their times: pages 1 ms apart, then blocks (1 ms apart inside, the next block 1 ms or a quiet period later). */
function timeline(scenario: OrdersScenario, neverLast = false): { at: number; frame: Frame }[] {
  const { pages, blocks } = ordersFrames(scenario, neverLast);
  const out: { at: number; frame: Frame }[] = pages.map((frame, i) => ({ at: i + 1, frame }));
  let at = pages.length + 1;
  for (const block of blocks) {
    for (const frame of block.frames) out.push({ at: at++, frame });
    if (block.quietAfter) at += QUIET_MS + 5;
  }
  return out;
}

/** Run frames through `client.orders().pipe(accumulateOrders(…))`. */
function runOrders(frames: readonly { at: number; frame: Frame }[]) {
  return inVirtualTime((scheduler, { flush }) => {
    const node = fakeDataNode({ scheduler, routes: { orders: framesAt(frames) } });
    const { outcome, observer } = recorder<SnapshotState<Order>>(() => node.openConnections().length);
    const subscription = node.client.orders().pipe(accumulateOrders({ quietMs: QUIET_MS, scheduler })).subscribe(observer);
    flush();
    subscription.unsubscribe();
    return { outcome, open: node.openConnections().length };
  });
}

/** A state as the model writes it: items as "id…:reference" sorted by id, and what changed, by order reference. */
interface ModelState {
  readonly items: string[];
  readonly upserted: string[];
  readonly removed: string[];
  readonly snapshot: boolean;
  readonly blockTime: string | undefined;
}

const isLive = (order: Order) => LIVE_STATUSES.has(order.status);

/** Apply versions in order, the last of an id winning: live ones set, others removed. */
function applyAll(state: Map<string, Order>, orders: readonly Order[]): void {
  for (const order of orders) {
    if (isLive(order)) state.set(order.id, order);
    else state.delete(order.id);
  }
}

/** The states the model expects: the snapshot, then one per block. */
function expectedStates(scenario: OrdersScenario): ModelState[] {
  const state = new Map<string, Order>();
  applyAll(state, scenario.pages.flat());
  const states: ModelState[] = [
    { items: sorted(state), upserted: [...state.values()].map((o) => o.reference), removed: [], snapshot: true, blockTime: undefined },
  ];
  for (const block of scenario.blocks) {
    const before = new Map(state);
    const last = new Map<string, Order>(); // the block's last version of each id, in first-seen order
    for (const order of block.frames.flat()) last.set(order.id, order);
    const firstSeen = [...last.values()];
    applyAll(state, block.frames.flat());
    states.push({
      items: sorted(state),
      upserted: firstSeen.filter(isLive).map((o) => o.reference),
      removed: firstSeen.filter((o) => !isLive(o) && before.has(o.id)).map((o) => (before.get(o.id) as Order).reference),
      snapshot: false,
      blockTime: block.time,
    });
  }
  return states;
}

function sorted(items: ReadonlyMap<string, Order>): string[] {
  return [...items.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, order]) => `${id.slice(0, 8)}…:${order.reference}`);
}

/** Every emitted item is, field for field, the order the scenario sent with that reference (decoded from the wire). */
function checkItems(scenario: OrdersScenario, states: readonly SnapshotState<Order>[]): void {
  const sent = new Map<string, Order>();
  for (const order of [...scenario.pages.flat(), ...scenario.blocks.flatMap((b) => b.frames.flat())]) sent.set(order.reference, order);
  for (const state of states) {
    for (const [id, order] of state.items) {
      expect(order.id).to.equal(id);
      expect(order).to.deep.equal(sent.get(order.reference));
    }
  }
}

function asModel(state: SnapshotState<Order>): ModelState {
  return {
    items: sorted(state.items),
    upserted: state.changes.upserted.map((o) => o.reference),
    removed: state.changes.removed.map((o) => o.reference),
    snapshot: state.snapshot,
    blockTime: state.blockTime,
  };
}

/** A failure in the middle of a snapshot, and the error class it must end the stream with. */
const failure = fc.oneof(
  errorFrameText.map((text) => ({ text, error: DataNodeError as new (...args: never[]) => Error })),
  fc.constantFrom('{"result":{"snapshot":', 'not json', '{}', '[]').map((text) => ({ text, error: ProtocolError as new (...args: never[]) => Error })),
  fc.constantFrom('{"result":{"snapshot":{"orders":[{"id":5}]}}}', '{"result":{"snapshot":{"orders":{}}}}', '{"result":{"snapshot":{"lastPage":"yes"}}}').map((text) => ({
    text,
    error: DecodeError as new (...args: never[]) => Error,
  })),
);

describe('fuzz: accumulateOrders against a reference model', function () {
  this.timeout(30_000);

  it('emits the snapshot once its last page is in, then one state per block, each equal to the model (live by id, last version wins)', () => {
    fc.assert(
      fc.property(ordersScenario({ uniqueSnapshotIds: true }), (scenario) => {
        const { outcome, open } = runOrders(timeline(scenario));
        expect(outcome.errors).to.deep.equal([]);
        expect(outcome.values.map(asModel)).to.deep.equal(expectedStates(scenario));
        checkItems(scenario, outcome.values);
        for (const state of outcome.values) expect(state.resync).to.equal(false);
        expect(open).to.equal(0);
      }),
      { seed: 0x5eed_0301, numRuns: 300 },
    );
  });

  it('a snapshot that lists an order twice keeps its last version (live by id, last version wins)', () => {
    fc.assert(
      fc.property(
        ordersScenario({ uniqueSnapshotIds: false }).filter((s) => s.pages.flat().length > new Set(s.pages.flat().map((o) => o.id)).size),
        (scenario) => {
          const { outcome } = runOrders(timeline(scenario));
          expect(outcome.errors).to.deep.equal([]);
          expect(outcome.values.map(asModel)).to.deep.equal(expectedStates(scenario));
        },
      ),
      { seed: 0x5eed_0302, numRuns: 100 },
    );
  });

  it('a failure in the middle of a snapshot ends the stream with its typed error and no state', () => {
    fc.assert(
      fc.property(
        ordersScenario({ uniqueSnapshotIds: true }).filter((s) => s.pages.length >= 2),
        fc.nat(),
        failure,
        (scenario, cut, { text, error }) => {
          const frames = timeline(scenario);
          const at = 1 + (cut % (scenario.pages.length - 1)); // after at least one page, before the last one
          const later = frames.slice(at).map((f) => ({ ...f, at: f.at + 1 }));
          const broken = [...frames.slice(0, at), { at: at + 1, frame: text }, ...later];
          const { outcome, open } = runOrders(broken);
          expect(outcome.values, 'no state').to.deep.equal([]);
          expect(outcome.errors).to.have.length(1);
          expect(outcome.errors[0]).to.be.instanceOf(error);
          expect(outcome.openAtError, 'the socket is released before the error is delivered').to.deep.equal([0]);
          expect(open).to.equal(0);
        },
      ),
      { seed: 0x5eed_0303, numRuns: 150 },
    );
  });

  it('a snapshot that never sends its last page gives no state', () => {
    fc.assert(
      fc.property(ordersScenario({ uniqueSnapshotIds: true }).map((s) => ({ ...s, blocks: [] })), (scenario) => {
        const { outcome, open } = runOrders(timeline(scenario, true));
        expect(outcome.errors).to.deep.equal([]);
        expect(outcome.values).to.deep.equal([]);
        expect(open).to.equal(0);
      }),
      { seed: 0x5eed_0304, numRuns: 100 },
    );
  });

  it('a snapshot that never sends its last page gives no state, even when updates follow', () => {
    fc.assert(
      fc.property(ordersScenario({ uniqueSnapshotIds: true }), (scenario) => {
        const { outcome, open } = runOrders(timeline(scenario, true));
        expect(outcome.errors).to.deep.equal([]);
        expect(
          outcome.values.map((state) => ({ snapshot: state.snapshot, items: [...state.items.values()].map((o) => o.reference) })),
          'states emitted while the snapshot is still paging in',
        ).to.deep.equal([]);
        expect(open).to.equal(0);
      }),
      { seed: 0x5eed_0305, numRuns: 100 },
    );
  });
});
