import type { MarketRow } from './market-row.js';
import type { StreamStatus } from './status.js';

/** Clear the terminal and move the cursor home: each table replaces the previous one. */
export const CLEAR = '\x1b[H\x1b[2J';

/** One row as an NDJSON line. */
export function ndjsonLine(row: MarketRow): string {
  return JSON.stringify(row);
}

const COLUMNS = ['market', 'bid', 'ask', 'spread', 'mid', 'last', 'volume', 'sequence'] as const;

/** The cells of a row, in {@link COLUMNS} order. */
function cells(row: MarketRow): string[] {
  const value = (v: string | null): string => v ?? '-';
  return [row.name, value(row.bestBid), value(row.bestAsk), value(row.spread), value(row.mid), value(row.lastTrade), row.volume, value(row.sequenceNumber)];
}

/**
 * The terminal view: a compact table with the latest row of every market, then the status of
 * every stream, preceded by {@link CLEAR} so that it redraws in place.
 */
export function tableView(title: string, rows: readonly MarketRow[], statuses: ReadonlyMap<string, StreamStatus>): string {
  const table = [[...COLUMNS], ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((line) => line[i]?.length ?? 0)));
  const lines = table.map((line) => line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
  const status = [...statuses].map(([stream, text]) => `${stream}: ${text}`).join('  |  ');
  return `${CLEAR}${title}\n\n${lines.join('\n')}\n\n${status || 'connecting…'}\n(Ctrl-C to stop)\n`;
}
