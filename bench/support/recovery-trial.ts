/**
 * One recovery trial of the recovery-time benchmark: a `marketBook` subscription to one market
 * through the fault proxy, with a given `retryBackoff` configuration, whose depth-updates socket
 * the proxy drops again and again. Each drop is timed from the proxy's drop to the first book
 * the pipeline emits from the new connection, with the steps in between read from the retry
 * `status` reports and the proxy's connection records; after each recovery the library's book is
 * compared with the simulator's at the same sequence number.
 */
import { ConnectionError, createClient } from '../../lib/index.js';
import { marketBook, type OrderBookState, type RetryStatus } from '../../lib/operators/index.js';
import type { FaultProxy, ProxiedConnection } from '../../spec/faults/support/fault-proxy.js';
import { BookHistory, type BookCheck } from './book-history.js';
import type { BookSimulator } from './book-simulator-handle.js';

/** The route whose socket is dropped; the REST full book's path ends with {@link REST_SUFFIX}. */
const UPDATES_PATH = '/api/v2/stream/markets/depth/updates';
const REST_SUFFIX = '/latest';

/** What one trial does. */
export interface RecoveryTrialConfig {
  /** The proxy in front of the simulator; the client connects through it (websockets and REST). */
  readonly proxy: FaultProxy;
  /** The simulator behind the proxy, asked for its book after each recovery. */
  readonly simulator: BookSimulator;
  /** The market whose book is kept. */
  readonly marketId: string;
  /** `retryBackoff`'s `initialMs`: the configured backoff, the baseline. */
  readonly initialMs: number;
  /**
   * `retryBackoff`'s `resetAfterMs`: shorter than the pause between drops, so that every drop is
   * a first attempt again (the default, 60 s, would let the cap double at each drop).
   */
  readonly resetAfterMs: number;
  /** How many drops. */
  readonly drops: number;
  /** `retryBackoff`'s `random`: the source of its full jitter (seeded by the caller). */
  readonly jitter: () => number;
  /** The source of the pauses between drops (seeded by the caller). */
  readonly random: () => number;
  /** A recovered book is left alone for a random time in this range (ms) before the next drop. */
  readonly pauseMs: readonly [number, number];
}

/** One drop and what followed, times in milliseconds. */
export interface RecoverySample {
  /** The delay retryBackoff chose for the retry (`retrying.delayMs`). */
  readonly waitMs: number;
  /** The retry's attempt number (1 when the counter was reset, as intended). */
  readonly attempt: number;
  /** From the drop to the `retrying` report: the client noticing the dropped socket. */
  readonly detectMs: number;
  /** From the end of the chosen wait to the new socket's request reaching the proxy. */
  readonly reconnectMs: number;
  /** From that request to the first frame on the new socket (`recovered`): handshake plus the wait for the market's next block. */
  readonly firstUpdateMs: number;
  /** From the first frame to the first book emitted: the REST full-book resync, or nothing when the update chained. */
  readonly bookMs: number;
  /** From the drop to the first book emitted from the new connection. */
  readonly recoveryMs: number;
  /** Whether that book came from a reload of the full book (`resynced: true`) rather than a chaining update. */
  readonly resynced: boolean;
  /** REST full-book requests through the proxy from the drop to that book. */
  readonly restFetches: number;
  /** `retrying` reports from the drop to the next drop (1 when the reconnect worked at once). */
  readonly retries: number;
}

/** What a trial measured and checked. */
export interface RecoveryTrialResult {
  /** One per drop that recovered. */
  readonly samples: readonly RecoverySample[];
  /** One comparison with the simulator's book per recovery. */
  readonly checks: readonly BookCheck[];
  /** Books the pipeline emitted per second while it ran (the market's update rate). */
  readonly booksPerSecond: number;
  /** Anything that did not go as a clean drop and recovery should. */
  readonly problems: readonly string[];
}

/** A retry report and when it came, with the number of books emitted before it. */
interface Reported {
  readonly at: number;
  readonly status: RetryStatus;
  readonly booksBefore: number;
}

/** A book the pipeline emitted and when. */
interface Emitted {
  readonly at: number;
  readonly resynced: boolean;
}

/** Run one trial (see the module comment); the subscription is closed before it returns. */
export async function runRecoveryTrial(config: RecoveryTrialConfig): Promise<RecoveryTrialResult> {
  const { proxy, simulator, marketId, initialMs, drops } = config;
  const statuses: Reported[] = [];
  const books: Emitted[] = [];
  const errors: unknown[] = [];
  const history = new BookHistory();
  const samples: RecoverySample[] = [];
  const checks: BookCheck[] = [];
  const problems: string[] = [];

  const vega = createClient({ nodes: [proxy.url] });
  const retry = {
    initialMs,
    resetAfterMs: config.resetAfterMs,
    random: config.jitter,
    status: (status: RetryStatus) => statuses.push({ at: performance.now(), status, booksBefore: books.length }),
  };
  const started = performance.now();
  const subscription = marketBook(vega, marketId, { retry }).subscribe({
    next: (book: OrderBookState) => {
      books.push({ at: performance.now(), resynced: book.resynced });
      history.record(book);
    },
    error: (error: unknown) => errors.push(error),
  });
  const failed = (): boolean => errors.length > 0;
  try {
    await until(() => books.length > 0 || failed(), 10_000, 'the first book');
    const pause = (): Promise<void> => sleep(config.pauseMs[0] + config.random() * (config.pauseMs[1] - config.pauseMs[0]));
    await pause();
    for (let i = 0; i < drops && !failed(); i++) {
      const label = `initialMs ${initialMs}, drop ${i + 1}`;
      const fromStatus = statuses.length;
      const sample = await dropAndRecover(label);
      if (sample === undefined) break;
      checks.push(await compareWithNode(label));
      await pause();
      // Retries are counted up to the next drop: a second one would be a reconnect that failed.
      const retries = statuses.slice(fromStatus).filter((s) => s.status.type === 'retrying').length;
      if (retries !== 1) problems.push(`${label}: ${retries} retries after one drop`);
      samples.push({ ...sample, retries });
    }
    if (failed()) problems.push(`initialMs ${initialMs}: the book failed: ${String(errors[0])}`);
  } finally {
    subscription.unsubscribe();
  }
  const booksPerSecond = (books.length / (performance.now() - started)) * 1000;
  return { samples, checks, booksPerSecond, problems };

  /** Drop the updates socket, wait for the first book from the new one, and time the steps. */
  async function dropAndRecover(label: string): Promise<Omit<RecoverySample, 'retries'> | undefined> {
    const fromConnection = proxy.connections.length;
    const fromStatus = statuses.length;
    const fromBook = books.length;
    const droppedAt = performance.now();
    const hit = proxy.drop({ match: UPDATES_PATH });
    if (hit !== 1) problems.push(`${label}: the drop hit ${hit} connections, not 1`);
    const retrying = (): Reported | undefined => statuses.slice(fromStatus).find((s) => s.status.type === 'retrying');
    const firstBook = (): Emitted | undefined => {
      const r = retrying();
      return r === undefined ? undefined : books[Math.max(r.booksBefore, fromBook)];
    };
    try {
      await until(() => firstBook() !== undefined || failed(), initialMs + 10_000, `${label}: a book after the drop`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    const report = retrying();
    const book = firstBook();
    if (report === undefined || book === undefined || report.status.type !== 'retrying') return undefined;
    const { delayMs, attempt, error } = report.status;
    if (!(error instanceof ConnectionError)) problems.push(`${label}: the retry followed ${String(error)}, not a ConnectionError`);
    if (attempt !== 1) problems.push(`${label}: retry attempt ${attempt}, not 1 (resetAfterMs did not reset the counter)`);
    const recovered = statuses.slice(fromStatus).find((s) => s.status.type === 'recovered' && s.at >= report.at);
    const later = proxy.connections.slice(fromConnection);
    const socket = later.find((c: ProxiedConnection) => c.websocket && c.path === UPDATES_PATH);
    const restFetches = later.filter((c) => !c.websocket && c.path.endsWith(REST_SUFFIX) && c.openedAt <= book.at).length;
    if (recovered === undefined || socket === undefined) {
      problems.push(`${label}: a book came without a ${recovered === undefined ? "'recovered' report" : 'new updates socket'}`);
      return undefined;
    }
    // The steps must come in order, or the book was not the recovery (say, a resync already in flight at the drop).
    if (!(report.at <= socket.openedAt && socket.openedAt <= recovered.at && recovered.at <= book.at)) {
      problems.push(`${label}: steps out of order (retrying, new socket, first frame, book at ${[report.at, socket.openedAt, recovered.at, book.at].map((t) => (t - droppedAt).toFixed(1)).join(', ')} ms after the drop)`);
      return undefined;
    }
    if (book.resynced !== restFetches > 0) problems.push(`${label}: resynced ${book.resynced} but ${restFetches} REST full books fetched`);
    return {
      waitMs: delayMs,
      attempt,
      detectMs: report.at - droppedAt,
      reconnectMs: socket.openedAt - (report.at + delayMs),
      firstUpdateMs: recovered.at - socket.openedAt,
      bookMs: book.at - recovered.at,
      recoveryMs: book.at - droppedAt,
      resynced: book.resynced,
      restFetches,
    };
  }

  /** Compare the library's book with the node's, at the node's current sequence number. */
  async function compareWithNode(label: string): Promise<BookCheck> {
    let check: BookCheck | undefined;
    // A book the library skipped (a later resync) is not a difference: ask again, a few times.
    for (let tries = 0; tries < 3 && check?.outcome !== 'match' && check?.outcome !== 'mismatch'; tries++) {
      check = await history.check(await simulator.depth(marketId));
    }
    const result = check as BookCheck;
    if (result.outcome === 'mismatch') problems.push(`${label}: the book differs from the node's at ${result.sequenceNumber}: ${result.detail}`);
    if (result.outcome === 'missed') problems.push(`${label}: no library book at the node's sequence numbers to compare`);
    return result;
  }
}

/** Resolve once `done()` holds (polled every 2 ms; the times measured are taken when things happen, not here). */
async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(2);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
