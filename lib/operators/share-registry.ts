import { Observable, defer, finalize, share, tap, timer, type SchedulerLike } from 'rxjs';
import type { RouteDefinition } from '../endpoints/index.js';
import type { CatchUp, CatchUpFactory } from './share-catch-up.js';
import { routeCatchUp } from './share-route-catch-ups.js';
import { shareKey } from './share-key.js';

/** When a shared connection with no subscribers left is closed. */
export interface ShareTiming {
  /** How long the connection outlives its last subscriber, in ms (0: closed at once). */
  readonly teardownDelayMs: number;
  /** Runs the teardown delay. */
  readonly scheduler: SchedulerLike;
}

/**
 * The pool of shared subscriptions of one client: one entry per route definition and
 * {@link shareKey}, each holding at most one underlying subscription, ref-counted. An entry
 * leaves the pool once its connection has ended and nobody opened a new one, so the pool only
 * holds what is in use (or waiting out its teardown delay).
 */
export class SharedRoutes {
  private readonly pool = new Map<RouteDefinition<never, unknown>, Map<string, SharedEntry<unknown>>>();

  /** @param timing when a connection left without subscribers is closed. */
  constructor(private readonly timing: ShareTiming) {}

  /**
   * A cold Observable that, on subscribe, checks the filters (a refusal errors this subscriber
   * only, with the route's BadRequestError, and opens nothing) and joins the shared
   * subscription of the same route and key, opening it with `open` if there is none.
   */
  stream<F, R>(route: RouteDefinition<F, R>, filters: F | undefined, open: () => Observable<R>): Observable<R> {
    return defer(() => {
      const key = shareKey(route, filters);
      const byKey = this.pool.get(route) ?? new Map<string, SharedEntry<unknown>>();
      this.pool.set(route, byKey);
      // Entries under a route were made by this method with that route's response type.
      const found = byKey.get(key) as SharedEntry<R> | undefined;
      if (found) return found.observable;
      const entry: SharedEntry<R> = new SharedEntry(open, routeCatchUp(route), this.timing, () => {
        if (byKey.get(key) === entry) byKey.delete(key);
        if (byKey.size === 0 && this.pool.get(route) === byKey) this.pool.delete(route);
      });
      byKey.set(key, entry);
      return entry.observable;
    });
  }
}

/** One shared subscription: the ref-counted connection and the catch-up of its current socket. */
class SharedEntry<R> {
  /** Subscribers join here: the catch-up frames first, then the live frames. */
  readonly observable: Observable<R>;
  /** The catch-up of the live connection; undefined when there is none (or it has ended). */
  private current: CatchUp<R> | undefined;

  constructor(open: () => Observable<R>, catchUp: CatchUpFactory<R>, timing: ShareTiming, idle: () => void) {
    const connection = defer(() => {
      const frames = open();
      const state = catchUp();
      this.current = state;
      // Retired before subscribers hear of the end, so one that resubscribes at once (a retry)
      // gets no stale catch-up and opens a fresh socket.
      const retire = (): void => {
        if (this.current === state) this.current = undefined;
      };
      return frames.pipe(
        tap({ next: (frame) => state.apply(frame), error: retire, complete: retire }),
        finalize(() => {
          retire();
          if (this.current === undefined) idle();
        }),
      );
    });
    const delay = timing.teardownDelayMs;
    const shared = connection.pipe(
      share<R>({
        resetOnError: true,
        resetOnComplete: true,
        resetOnRefCountZero: delay > 0 ? () => timer(delay, timing.scheduler) : true,
      }),
    );
    this.observable = new Observable<R>((subscriber) => {
      for (const frame of this.current?.frames() ?? []) {
        if (subscriber.closed) return undefined;
        subscriber.next(frame);
      }
      return shared.subscribe(subscriber);
    });
  }
}
