/**
 * Structural equality of JSON-like values (plain objects, arrays, strings, numbers, booleans),
 * key order ignored; a key holding `undefined` differs from an absent key. Much faster than
 * `util.isDeepStrictEqual` on millions of events.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    if (!(k in rb) || !sameJson(ra[k], rb[k])) return false;
  }
  for (const _k in rb) n--;
  return n === 0;
}
