import { map } from 'rxjs';
import type { BookLevel } from '../book/index.js';
import { marketBook, type OrderBookState } from '../operators/index.js';
import { isVegaId } from '../wire/index.js';
import { clientFor, COMMON_HELP, commonFlags, parseFlags, printLines, reportRetry, wantsHelp } from './cli-flags.js';
import { UsageError } from './usage-error.js';

/** `vega-streams book --help`. */
const BOOK_HELP = `Usage: vega-streams book <marketId> [options]

Keeps one market's order book in sync (depth updates, a full book on start and after any gap,
reconnects with backoff) and prints each state: one JSON line per block that changed the book
(sequenceNumber, bestBid, bestAsk, spread, mid, bids and asks as "price:volume", resynced).
On a terminal it redraws a compact table instead.

Options:
  --depth <n>             levels a side (default 10)
  --json                  print NDJSON even on a terminal
${COMMON_HELP}`;

/** One book state as printed: levels as `price:volume`, best first. */
export interface BookLine {
  readonly marketId: string;
  readonly sequenceNumber: string;
  readonly bestBid: string | null;
  readonly bestAsk: string | null;
  readonly spread: string | null;
  readonly mid: string | null;
  readonly bids: readonly string[];
  readonly asks: readonly string[];
  readonly resynced: boolean;
}

const level = (l: BookLevel): string => `${l.price}:${l.volume}`;

/** A book state as one printable object. */
function bookLine(state: OrderBookState): BookLine {
  return {
    marketId: state.marketId,
    sequenceNumber: state.sequenceNumber,
    bestBid: state.bestBid ? level(state.bestBid) : null,
    bestAsk: state.bestAsk ? level(state.bestAsk) : null,
    spread: state.spread ?? null,
    mid: state.mid ?? null,
    bids: state.bids.map(level),
    asks: state.asks.map(level),
    resynced: state.resynced,
  };
}

/** A compact table of a book state, for a terminal (cleared and redrawn each time). */
function bookTable(state: OrderBookState): string {
  const rows = Math.max(state.bids.length, state.asks.length);
  const cell = (l: BookLevel | undefined): string => (l ? `${l.volume.padStart(10)} @ ${l.price.padEnd(14)}` : ' '.repeat(27));
  const lines = [
    `market ${state.marketId}`,
    `seq ${state.sequenceNumber}  spread ${state.spread ?? '-'}  mid ${state.mid ?? '-'}${state.resynced ? '  (resynced)' : ''}`,
    `${'bids'.padEnd(27)} | asks`,
  ];
  for (let i = 0; i < rows; i++) lines.push(`${cell(state.bids[i])} | ${cell(state.asks[i])}`);
  return `\x1b[H\x1b[2J${lines.join('\n')}`;
}

/** `vega-streams book <marketId>`: print the live book until --count, --duration or a signal (exit 0). */
export async function runBook(args: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  if (wantsHelp(args)) {
    out(BOOK_HELP);
    return 0;
  }
  const hint = 'See vega-streams book --help';
  const { values, positionals } = parseFlags(args, { depth: { type: 'string' }, json: { type: 'boolean' } }, hint);
  const [marketId, ...more] = positionals;
  if (marketId === undefined) throw new UsageError(`book needs a market id. ${hint}`);
  if (more.length) throw new UsageError(`book takes one market id, got also "${more[0]}". ${hint}`);
  if (!isVegaId(marketId)) throw new UsageError(`"${marketId}" is not a market id (64 lowercase hex characters)`);
  const depthRaw = values['depth'] ?? '10';
  if (typeof depthRaw !== 'string' || !/^\d+$/.test(depthRaw) || Number(depthRaw) < 1) {
    throw new UsageError(`--depth must be a whole number >= 1, got ${String(depthRaw)}`);
  }
  const common = commonFlags(values);
  const client = clientFor(common.nodes);
  const table = process.stdout.isTTY === true && values['json'] !== true;
  const books = marketBook(client, marketId, {
    depth: Number(depthRaw),
    retry: common.reconnect ? { status: reportRetry(common.nodes.length > 1) } : false,
  });
  return printLines(books.pipe(map((state) => (table ? bookTable(state) : JSON.stringify(bookLine(state))))), common);
}
