/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence of numbers
 * in [0, 1) on every run and platform, e.g. for `retryBackoff({ random: seededRandom(42) })` in
 * tests. The seed is taken as a 32-bit unsigned integer. Not for cryptography.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`seededRandom: seed must be a finite number, got ${String(seed)}.`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
