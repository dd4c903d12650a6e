// ccxt's order-book classes, loaded from the package's files (its exports map only exposes ".").
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One side of a ccxt order book: an Array of `[price, amount, count]` rows, best first. */
export interface CcxtBookSide {
  /** Rows, best first. */
  readonly [index: number]: readonly number[];
  /** The number of levels. */
  readonly length: number;
  /** Apply one level: `[price, amount, count]`, absolute; amount or count 0 removes the price. */
  storeArray(delta: number[]): void;
}

/** A ccxt CountedOrderBook: absolute volumes with order counts (count 0 removes the level). */
export interface CcxtCountedOrderBook {
  /** Bids, highest first. */
  readonly bids: CcxtBookSide;
  /** Asks, lowest first. */
  readonly asks: CcxtBookSide;
}

/** The CountedOrderBook constructor: a snapshot of `[price, amount, count]` rows (any order). */
export type CcxtCountedOrderBookClass = new (snapshot?: { bids?: number[][]; asks?: number[][] }) => CcxtCountedOrderBook;

/** ccxt's version and its CountedOrderBook class (js/src/base/ws/OrderBook.js). */
export async function loadCcxtOrderBook(): Promise<{ version: string; CountedOrderBook: CcxtCountedOrderBookClass }> {
  const dir = packageDir(createRequire(import.meta.url).resolve('ccxt'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const module = (await import(pathToFileURL(join(dir, 'js/src/base/ws/OrderBook.js')).href)) as { CountedOrderBook: CcxtCountedOrderBookClass };
  return { version, CountedOrderBook: module.CountedOrderBook };
}

/** The ccxt package directory: the nearest folder above `file` whose package.json is ccxt's. */
function packageDir(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ccxt') return dir;
  }
  throw new Error(`ccxt's package.json not found above ${file}`);
}
