/** How many items the node puts in one snapshot page or one update frame. */
export const PAGE_SIZE = 50;

/**
 * Split a list into pages of `size` (default {@link PAGE_SIZE}), as the node pages snapshots.
 * There is always at least one page: an empty list gives one empty page.
 *
 * @example pages(range120).map((p) => p.length) // [50, 50, 20]
 */
export function pages<T>(items: readonly T[], size: number = PAGE_SIZE): T[][] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`Page size must be a whole number >= 1, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}
