/**
 * Printable forms of library and node state, so that a failed comparison shows the difference:
 * book sides as "price:volume:orders" strings best first, keyed items as JSON sorted by key.
 */

/** A book side as "price:volume:orders" strings, best first. */
export function levels(side: readonly { price: string; volume: string; numberOfOrders: string }[]): string[] {
  return side.map((l) => `${l.price}:${l.volume}:${l.numberOfOrders}`);
}

/** Items by key, as canonical JSON, sorted by key. */
export function byKey<T>(items: Iterable<T>, key: (item: T) => string): Record<string, string> {
  const entries = [...items].map((item) => [key(item), JSON.stringify(item)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
