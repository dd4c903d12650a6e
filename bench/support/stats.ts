// Small statistics and process helpers shared by the benchmarks.

/** The q-quantile (0..1) of the values, by nearest rank; NaN for none. Sorts a copy. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** The median of the values. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Run a full garbage collection when the process has --expose-gc; returns whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}

/** A number rounded to `digits` decimals, for table cells. */
export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
