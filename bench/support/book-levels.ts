// One printable form of a book side, shared by the simulator's side and the library's side of a comparison.

/** A level as the node and the library both describe it (strings, as on the wire). */
export interface LevelLike {
  /** The price, a decimal string in market units. */
  readonly price: string;
  /** The volume at the price, an integer string. */
  readonly volume: string;
  /** The orders making up the volume, an integer string. */
  readonly numberOfOrders: string;
}

/** A book side as `price:volume:orders` strings, in the order given (best first for both sides). */
export function levelStrings(side: readonly LevelLike[]): string[] {
  return side.map((level) => `${level.price}:${level.volume}:${level.numberOfOrders}`);
}
