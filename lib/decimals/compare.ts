/**
 * Compare two canonical decimal strings exactly (see `canonicalDecimal`): negative when a < b,
 * 0 when equal, positive when a > b. Any size, sign and fraction; no numbers, no allocation.
 * Inputs that are not canonical ("1.50", "007", "-0") give unspecified results: pass them
 * through `canonicalDecimal` first.
 */
export function compareDecimal(a: string, b: string): number {
  if (a === b) return 0;
  const negative = a.charCodeAt(0) === 45; // '-'
  if (negative !== (b.charCodeAt(0) === 45)) return negative ? -1 : 1;
  // Same sign: the longer integer part has the larger magnitude.
  let aInt = a.indexOf('.');
  if (aInt < 0) aInt = a.length;
  let bInt = b.indexOf('.');
  if (bInt < 0) bInt = b.length;
  if (aInt !== bInt) return aInt < bInt !== negative ? -1 : 1;
  // Equal integer lengths align digits and points, and a canonical fraction has no trailing
  // zeros, so plain string order is magnitude order (a prefix is the smaller).
  return a < b !== negative ? -1 : 1;
}
