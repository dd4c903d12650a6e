/** The numbers that shape {@link backoffDelay}, defaults already applied. */
export interface BackoffDelayConfig {
  /** The cap of the first delay, in milliseconds. */
  readonly initialMs: number;
  /** The cap of any delay, in milliseconds. */
  readonly maxMs: number;
  /** How much the cap grows per attempt: cap of attempt n = min(maxMs, initialMs * multiplier^(n-1)). */
  readonly multiplier: number;
  /** Added to the delay after a RESOURCE_EXHAUSTED (gRPC 8, "too many subscriptions") data-node error. */
  readonly exhaustedDelayMs: number;
  /** `'full'`: the delay is a random whole number of milliseconds in [0, cap) (AWS "full jitter"); `'none'`: the cap. */
  readonly jitter: 'full' | 'none';
}

/** gRPC RESOURCE_EXHAUSTED: the node refuses more subscriptions for now. */
const RESOURCE_EXHAUSTED = 8;

/**
 * The cap of attempt n (1-based): `min(maxMs, initialMs * multiplier^(n-1))`. Pure.
 *
 * @example
 * backoffCap(3, { initialMs: 500, maxMs: 30_000, multiplier: 2, exhaustedDelayMs: 0, jitter: 'none' }); // 2000
 */
export function backoffCap(attempt: number, config: BackoffDelayConfig): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`backoffCap: attempt must be a whole number >= 1, got ${String(attempt)}.`);
  }
  const { initialMs, maxMs, multiplier } = config;
  // initialMs * multiplier^(n-1) overflows to Infinity for large n: min() takes care of it, but 0 * Infinity is NaN.
  return initialMs === 0 ? 0 : Math.min(maxMs, initialMs * multiplier ** (attempt - 1));
}

/**
 * The delay before retry n (1-based): with `jitter: 'full'`, `floor(random() * cap)`, a whole number
 * of milliseconds in [0, cap) (0 when the cap is below 1 ms); with `'none'`, the cap itself. A
 * RESOURCE_EXHAUSTED data-node error (gRPC 8, "too many subscriptions") adds `exhaustedDelayMs` on
 * top. Pure: `random` is called once with full jitter and not at all without; it must return a
 * number in [0, 1).
 */
export function backoffDelay(attempt: number, error: unknown, config: BackoffDelayConfig, random: () => number): number {
  const cap = backoffCap(attempt, config);
  let delay = cap;
  if (config.jitter === 'full') {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`backoffDelay: random() must return a number in [0, 1), got ${String(r)}.`);
    delay = Math.floor(r * cap);
  }
  return isResourceExhausted(error) ? delay + config.exhaustedDelayMs : delay;
}

/** A data-node error with gRPC code 8, read by its fields (like isRetryable) so it holds across bundle copies. */
function isResourceExhausted(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { kind, grpcCode } = error as { kind?: unknown; grpcCode?: unknown };
  return kind === 'data-node' && grpcCode === RESOURCE_EXHAUSTED;
}
