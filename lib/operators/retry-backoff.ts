import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type Observer, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';
import { isRetryable } from '../errors/index.js';
import { backoffDelay, type BackoffDelayConfig } from './backoff-delay.js';

export { backoffCap, backoffDelay, type BackoffDelayConfig } from './backoff-delay.js';

/** Configuration of {@link retryBackoff}; every field is optional. */
export interface RetryBackoffConfig {
  /** The cap of the first delay, in milliseconds. Default 500. */
  readonly initialMs?: number;
  /** The cap of any delay, in milliseconds; at least `initialMs`. Default 30 000. */
  readonly maxMs?: number;
  /** Growth of the cap per attempt (>= 1): cap of attempt n = min(maxMs, initialMs * multiplier^(n-1)). Default 2. */
  readonly multiplier?: number;
  /** After this many consecutive retries the next retryable error passes through (reported as `giving-up`). Default Infinity. */
  readonly maxAttempts?: number;
  /**
   * A subscription that lasted this long (on the scheduler, from its (re)subscribe to its failure)
   * resets the attempt counter to 0 before its failure is counted, so a stream that ran stably
   * starts again at attempt 1. Default 60 000.
   */
  readonly resetAfterMs?: number;
  /** Added to the delay after a "too many subscriptions" error (DataNodeError with grpcCode 8, RESOURCE_EXHAUSTED). Default 10 000. */
  readonly exhaustedDelayMs?: number;
  /** `'full'`: delay = random() * cap, floored to whole milliseconds (AWS "full jitter"); `'none'`: delay = cap. Default 'full'. */
  readonly jitter?: 'full' | 'none';
  /** The source of jitter, returning numbers in [0, 1). Default Math.random; tests pass a seeded one. */
  readonly random?: () => number;
  /**
   * Which errors to retry. Default `isRetryable`: connection lost, stale stream and transient
   * data-node errors (internal stream failure, RESOURCE_EXHAUSTED…); bad-request, decode and
   * protocol errors and foreign errors pass straight through.
   */
  readonly shouldRetry?: (error: unknown) => boolean;
  /**
   * Where to retry, e.g. the VegaClient: `rotateNode()` is called once per retry, before the
   * delay and the resubscribe, so retries move across the client's nodes; its result is reported
   * as `node`.
   */
  readonly nodes?: { rotateNode(): string };
  /**
   * The side channel of retry events, an observer (only `next` is called) or a callback. It must
   * not throw: an exception it throws fails the stream with that exception, as in `tap`.
   */
  readonly status?: Partial<Observer<RetryStatus>> | ((status: RetryStatus) => void);
  /** The scheduler the delays run on, and whose clock measures `resetAfterMs`. Default asyncScheduler. */
  readonly scheduler?: SchedulerLike;
}

/**
 * What {@link retryBackoff} reports on `status`:
 * - `retrying`: a retryable error, before waiting `delayMs` and resubscribing as attempt `attempt`
 *   (1-based); `node` is what `nodes.rotateNode()` returned, present only when `nodes` is set.
 * - `recovered`: the first value after a resubscribe; `attempt` is the attempt that succeeded.
 * - `giving-up`: a retryable error after `maxAttempts` consecutive retries; `attempt` is the number
 *   of retries made. The error then passes through. A non-retryable error reports nothing.
 */
export type RetryStatus =
  | { readonly type: 'retrying'; readonly attempt: number; readonly delayMs: number; readonly error: unknown; readonly node?: string }
  | { readonly type: 'recovered'; readonly attempt: number }
  | { readonly type: 'giving-up'; readonly attempt: number; readonly error: unknown };

/** {@link RetryBackoffConfig} with its defaults applied and its values checked. */
interface ResolvedConfig extends BackoffDelayConfig {
  /** See {@link RetryBackoffConfig.maxAttempts}. */
  readonly maxAttempts: number;
  /** See {@link RetryBackoffConfig.resetAfterMs}. */
  readonly resetAfterMs: number;
  /** See {@link RetryBackoffConfig.random}. */
  readonly random: () => number;
  /** See {@link RetryBackoffConfig.shouldRetry}. */
  readonly shouldRetry: (error: unknown) => boolean;
  /** See {@link RetryBackoffConfig.nodes}. */
  readonly nodes: { rotateNode(): string } | undefined;
  /** The `status` side channel as one callback (a no-op when none was given). */
  readonly report: (status: RetryStatus) => void;
  /** See {@link RetryBackoffConfig.scheduler}. */
  readonly scheduler: SchedulerLike;
}

/**
 * Resubscribe to the source after retryable errors, with capped exponential backoff and full
 * jitter on a scheduler. The source subscription is released before each delay begins, every
 * timer is cancelled on unsubscribe, and a subscription that ran `resetAfterMs` starts the count
 * again. Non-retryable errors, and retryable ones after `maxAttempts` retries, pass through.
 * Throws a RangeError at once for an invalid config.
 *
 * @example
 * client.trades({ marketIds: [id] }).pipe(
 *   retryBackoff({ initialMs: 500, maxMs: 30_000, nodes: client, status: (s) => console.log(s) }),
 * );
 */
export function retryBackoff<T>(config: RetryBackoffConfig = {}): MonoTypeOperatorFunction<T> {
  const resolved = resolveConfig(config);
  return (source) => new Observable<T>((subscriber) => retryLoop(source, subscriber, resolved));
}

/** One subscription of the operator: subscribe, and on each retryable error wait and subscribe again. */
function retryLoop<T>(source: Observable<T>, subscriber: Subscriber<T>, config: ResolvedConfig): () => void {
  let attempts = 0; // consecutive retries so far
  let recovering = 0; // the attempt waiting for its first value, 0 when none
  let subscribedAt = 0;
  let current: Subscription | undefined;
  let wait: Subscription | undefined;

  /** Report a status; false (with the stream failed) when the status callback threw. */
  const report = (status: RetryStatus): boolean => {
    try {
      config.report(status);
      return true;
    } catch (thrown) {
      subscriber.error(thrown);
      return false;
    }
  };

  const subscribe = (): void => {
    subscribedAt = config.scheduler.now();
    let subscribing = true;
    let syncError: { readonly error: unknown } | undefined;
    const subscription = source.subscribe({
      next: (value) => {
        if (recovering > 0) {
          const attempt = recovering;
          recovering = 0;
          if (!report({ type: 'recovered', attempt })) return;
        }
        subscriber.next(value);
      },
      error: (error: unknown) => {
        if (subscribing) {
          syncError = { error }; // handled once subscribe() has returned and the source is released
          return;
        }
        current = undefined;
        subscription.unsubscribe(); // release the source (its socket) before the delay begins
        failed(error);
      },
      complete: () => subscriber.complete(),
    });
    subscribing = false;
    if (syncError) {
      subscription.unsubscribe();
      failed(syncError.error);
    } else if (subscriber.closed) {
      subscription.unsubscribe(); // the consumer left during a synchronous emission
    } else {
      current = subscription;
    }
  };

  const failed = (error: unknown): void => {
    recovering = 0;
    let delayMs: number;
    let node: string | undefined;
    try {
      if (!config.shouldRetry(error)) {
        subscriber.error(error);
        return;
      }
      if (config.scheduler.now() - subscribedAt >= config.resetAfterMs) attempts = 0;
      if (attempts >= config.maxAttempts) {
        if (report({ type: 'giving-up', attempt: attempts, error })) subscriber.error(error);
        return;
      }
      delayMs = backoffDelay(attempts + 1, error, config, config.random);
      node = config.nodes?.rotateNode();
    } catch (thrown) {
      subscriber.error(thrown); // a throwing shouldRetry, random or rotateNode fails the stream, as in tap
      return;
    }
    const attempt = ++attempts;
    const retrying: RetryStatus = config.nodes ? { type: 'retrying', attempt, delayMs, error, node } : { type: 'retrying', attempt, delayMs, error };
    if (!report(retrying) || subscriber.closed) return;
    wait = config.scheduler.schedule(() => {
      wait = undefined;
      recovering = attempt;
      subscribe();
    }, delayMs);
  };

  subscribe();
  return () => {
    current?.unsubscribe();
    wait?.unsubscribe();
    current = wait = undefined;
  };
}

/** Apply the defaults and check every value, naming the field, its value and what it must be. */
function resolveConfig(config: RetryBackoffConfig): ResolvedConfig {
  const initialMs = checkNumber('initialMs', config.initialMs ?? 500, 'a finite number >= 0', (v) => Number.isFinite(v) && v >= 0);
  const maxMs = checkNumber('maxMs', config.maxMs ?? 30_000, 'a finite number >= 0', (v) => Number.isFinite(v) && v >= 0);
  const multiplier = checkNumber('multiplier', config.multiplier ?? 2, 'a finite number >= 1', (v) => Number.isFinite(v) && v >= 1);
  const maxAttempts = checkNumber('maxAttempts', config.maxAttempts ?? Infinity, 'a whole number >= 0 or Infinity', (v) => v >= 0 && (Number.isInteger(v) || v === Infinity));
  const resetAfterMs = checkNumber('resetAfterMs', config.resetAfterMs ?? 60_000, 'a number >= 0 (Infinity: never reset)', (v) => v >= 0);
  const exhaustedDelayMs = checkNumber('exhaustedDelayMs', config.exhaustedDelayMs ?? 10_000, 'a finite number >= 0', (v) => Number.isFinite(v) && v >= 0);
  if (initialMs > maxMs) {
    throw new RangeError(`retryBackoff: initialMs must be at most maxMs, got initialMs ${initialMs} and maxMs ${maxMs}.`);
  }
  const jitter = config.jitter ?? 'full';
  if (jitter !== 'full' && jitter !== 'none') {
    throw new RangeError(`retryBackoff: jitter must be 'full' or 'none', got ${JSON.stringify(jitter)}.`);
  }
  const random = checkFunction('random', config.random ?? Math.random);
  const shouldRetry = checkFunction('shouldRetry', config.shouldRetry ?? isRetryable);
  const { nodes, status } = config;
  if (nodes !== undefined && typeof nodes?.rotateNode !== 'function') {
    throw new TypeError('retryBackoff: nodes must have a rotateNode() method (a VegaClient has one).');
  }
  const report = typeof status === 'function' ? status : (s: RetryStatus) => status?.next?.(s);
  const scheduler = config.scheduler ?? asyncScheduler;
  return { initialMs, maxMs, multiplier, maxAttempts, resetAfterMs, exhaustedDelayMs, jitter, random, shouldRetry, nodes, report, scheduler };
}

/** The value when `valid` holds, else a RangeError naming the field, the value and what was expected. */
function checkNumber(field: string, value: number, expected: string, valid: (value: number) => boolean): number {
  if (typeof value !== 'number' || !valid(value)) {
    throw new RangeError(`retryBackoff: ${field} must be ${expected}, got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}.`);
  }
  return value;
}

/** The value when it is a function, else a TypeError naming the field. */
function checkFunction<F>(field: string, value: F): F {
  if (typeof value !== 'function') throw new TypeError(`retryBackoff: ${field} must be a function, got ${typeof value}.`);
  return value;
}
