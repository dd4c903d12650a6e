import {
  asyncScheduler,
  defer,
  map,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
  Subscription,
} from 'rxjs';
import type {
  AccountBalance,
  ObserveAccountsResponse,
  ObserveOrdersResponse,
  ObservePositionsResponse,
  Order,
  Position,
} from '../codecs/index.js';
import { quietTimer } from './quiet-timer.js';
import { retryBackoff, type RetryBackoffConfig } from './retry-backoff.js';
import { ACCOUNTS, ORDERS, POSITIONS, type SnapshotKind } from './snapshot-kinds.js';
import { SnapshotStore } from './snapshot-store.js';

/** What changed between two emitted states. */
export interface StateChanges<T> {
  /** Items added or changed, in their new version. */
  readonly upserted: readonly T[];
  /** Items that left the state, in their last version. */
  readonly removed: readonly T[];
}

/** The keyed state of a snapshot route after a snapshot or a block of updates. */
export interface SnapshotState<T> {
  /** Every live item by key (see the route's SnapshotKind). Never mutated after emission. */
  readonly items: ReadonlyMap<string, T>;
  /** What changed since the previous emission (everything, for the first snapshot). */
  readonly changes: StateChanges<T>;
  /** True when this emission loaded a snapshot (the first one, or a later one after a reconnect). */
  readonly snapshot: boolean;
  /**
   * True when a later snapshot replaced the state (after a reconnect): the state was rebuilt
   * from it, never patched, and `changes` holds the difference.
   */
  readonly resync: boolean;
  /** The block time of the updates (ns), when the items carry one. */
  readonly blockTime: string | undefined;
}

/** Configuration of {@link accumulateSnapshot}. */
export interface AccumulateConfig<R, T> {
  /** How to read the route (ORDERS, POSITIONS, ACCOUNTS, or your own). */
  readonly kind: SnapshotKind<R, T>;
  /**
   * A block of updates is emitted when a frame of another block arrives, or after this many
   * milliseconds without a frame (the node sends no end-of-block marker; account balances
   * carry no time at all, so for them this is the only signal). Default 250; 0 = only when
   * the next block starts, and for items without a time (accounts) one state per frame.
   */
  readonly quietMs?: number;
  /**
   * Reconnect with backoff inside the operator, so that the state survives a dropped socket:
   * each new connection's snapshot replaces the state atomically (a snapshot cut short by a
   * drop is thrown away). `false` (default) lets errors through.
   */
  readonly retry?: RetryBackoffConfig | false;
  /** Scheduler of the quiet-period timer (and of retries). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** A value of the source, with the connection (subscription) it came on. */
interface Tagged<R> {
  readonly connection: number;
  readonly value: R;
}

/**
 * Turn a snapshot route's frames (snapshot pages, then updates) into keyed state. Emits the
 * immutable state with its change set once the last snapshot page has arrived, then once per
 * block of updates. Items that stop being live (a filled, cancelled, expired, stopped or
 * rejected order) leave the state. A later snapshot (after a reconnect) replaces the state
 * atomically and the emission says `resync: true`; updates still waiting in an unfinished
 * block when it starts are dropped, since the snapshot supersedes them.
 *
 * The positions route sends no snapshot at all when the party has no position in the market:
 * then nothing is emitted until the first update.
 *
 * Without `retry`, put any reconnect logic before this operator and know that a drop in the
 * middle of a snapshot cannot be seen here; with `retry` the operator resubscribes itself and
 * tells connections apart, so that case is handled too.
 *
 * @example
 * client.orders({ partyIds: [party] }).pipe(accumulateOrders({ retry: { nodes: client } }))
 *   .subscribe((state) => console.log(state.items.size, state.changes.upserted.length));
 */
export function accumulateSnapshot<R, T>(config: AccumulateConfig<R, T>): OperatorFunction<R, SnapshotState<T>> {
  const { kind, quietMs = 250, retry = false, scheduler = asyncScheduler } = config;
  if (!(Number.isFinite(quietMs) && quietMs >= 0)) {
    throw new RangeError(`accumulateSnapshot: quietMs must be a number of milliseconds >= 0, got ${String(quietMs)}.`);
  }
  const retrying = retry === false ? undefined : retryBackoff<Tagged<R>>({ scheduler, ...retry });
  return (source) => {
    let connections = 0;
    const tagged = defer(() => {
      const connection = ++connections;
      return source.pipe(map((value): Tagged<R> => ({ connection, value })));
    });
    const input = retrying ? tagged.pipe(retrying) : tagged;
    return new Observable<SnapshotState<T>>((subscriber) => {
      const store = new SnapshotStore(kind);
      let connection = 0;
      const upstream = new Subscription();
      /** End with an error, the socket and the quiet timer released first. */
      const fail = (error: unknown): void => {
        quiet.cancel();
        upstream.unsubscribe();
        subscriber.error(error);
      };
      const emit = (state: SnapshotState<T> | undefined): void => {
        if (state !== undefined) subscriber.next(state);
      };
      const closeBlock = (): void => emit(store.closeBlock());
      const quiet = quietTimer(scheduler, quietMs, closeBlock);
      /** One frame; a throwing SnapshotKind (a custom one) fails the stream instead of escaping. */
      const onFrame = (value: R): void => {
        const page = kind.snapshot(value);
        if (page !== undefined) {
          quiet.cancel();
          emit(store.snapshotPage(page));
          return;
        }
        const updates = kind.updates(value);
        if (updates === undefined || updates.length === 0) return;
        const time = kind.blockTime(updates[0] as T);
        if (store.startsNewBlock(time)) {
          closeBlock();
          if (subscriber.closed) return; // the consumer left on that emission
        }
        store.update(updates, time);
        if (quietMs > 0) quiet.touch();
        else if (time === undefined) closeBlock(); // no time and no quiet period: one state per frame
      };
      upstream.add(input.subscribe({
        next: ({ connection: from, value }) => {
          if (from !== connection) {
            connection = from;
            store.newConnection();
          }
          try {
            onFrame(value);
          } catch (error) {
            fail(error);
          }
        },
        error: (error: unknown) => fail(error),
        complete: () => {
          quiet.cancel();
          closeBlock();
          subscriber.complete();
        },
      }));
      return () => {
        upstream.unsubscribe();
        quiet.cancel();
      };
    });
  };
}

/** {@link accumulateSnapshot} for the orders route: live orders by id. */
export function accumulateOrders(
  config: Omit<AccumulateConfig<ObserveOrdersResponse, Order>, 'kind'> = {},
): OperatorFunction<ObserveOrdersResponse, SnapshotState<Order>> {
  return accumulateSnapshot({ ...config, kind: ORDERS });
}

/** {@link accumulateSnapshot} for the positions route: positions by market and party. */
export function accumulatePositions(
  config: Omit<AccumulateConfig<ObservePositionsResponse, Position>, 'kind'> = {},
): OperatorFunction<ObservePositionsResponse, SnapshotState<Position>> {
  return accumulateSnapshot({ ...config, kind: POSITIONS });
}

/** {@link accumulateSnapshot} for the accounts route: balances by owner, market, asset and type. */
export function accumulateAccounts(
  config: Omit<AccumulateConfig<ObserveAccountsResponse, AccountBalance>, 'kind'> = {},
): OperatorFunction<ObserveAccountsResponse, SnapshotState<AccountBalance>> {
  return accumulateSnapshot({ ...config, kind: ACCOUNTS });
}
