import { auditTime, combineLatest, map, scan, startWith, type Observable } from 'rxjs';
import type { MarketRow } from './market-row.js';
import type { StatusBoard } from './status.js';
import { ndjsonLine, tableView } from './view.js';

/** The terminal view redraws at most this often (5 times a second). */
export const REDRAW_MS = 200;

/** What the job writes to stdout: one NDJSON line per row, each with its newline. */
export function ndjsonOutput(rows: Observable<MarketRow>): Observable<string> {
  return rows.pipe(map((row) => `${ndjsonLine(row)}\n`));
}

/**
 * What the job writes to a terminal: the whole table with the status line, redrawn in place at
 * most every {@link REDRAW_MS}. The first table comes before any row, so that the status shows
 * while nothing is connected yet (a node that refuses, a reconnect at start-up).
 */
export function terminalOutput(title: string, rows: Observable<MarketRow>, board: StatusBoard): Observable<string> {
  const latest = rows.pipe(
    scan((byMarket, row) => new Map(byMarket).set(row.market, row), new Map<string, MarketRow>()),
    startWith(new Map<string, MarketRow>()),
  );
  return combineLatest([latest, board.changes$]).pipe(
    auditTime(REDRAW_MS),
    map(([byMarket, statuses]) => tableView(title, [...byMarket.values()], statuses)),
  );
}
