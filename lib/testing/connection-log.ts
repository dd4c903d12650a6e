import type { SchedulerLike } from 'rxjs';
import type { FakeRouteName } from './fake-routes.js';

/** Where a connection stands: still open, closed by the client (unsubscribe), or by the node. */
export type ConnectionState = 'open' | 'closed-by-client' | 'closed-by-node';

/**
 * One connection the client made to the fake data node: a websocket, or a REST GET. Frames are
 * the scheduler's clock (`scheduler.now()`), as in rxjs's own subscription logs.
 */
export interface FakeConnection {
  /** The route name, e.g. `trades` (`latestMarketDepth` for the REST GET). */
  readonly route: FakeRouteName;
  /** The route's path, e.g. `/api/v2/stream/trades`. */
  readonly path: string;
  /** The full URL, query string included. */
  readonly url: string;
  /** The query string as sent, with its `?` ('' when none). */
  readonly query: string;
  /** The filters as the node received them, read back from the query string (the event bus: from its request). */
  readonly filters: Readonly<Record<string, unknown>>;
  /** Which connection to this route it was: 0 for the first. */
  readonly index: number;
  /** When the client opened it. */
  readonly subscribedFrame: number;
  /** When it closed (either side); `Infinity` while open, as in rxjs's SubscriptionLog. */
  readonly unsubscribedFrame: number;
  /** Who closed it: the client unsubscribing (or failing on a frame), or the node (error, end). */
  readonly state: ConnectionState;
  /** The text frames the client sent on it, in order (the event bus request and acks). */
  readonly sent: readonly string[];
}

/** One frame the client sent, with its connection and time. */
export interface SentFrame {
  /** The route name. */
  readonly route: FakeRouteName;
  /** The connection's index among those of its route. */
  readonly connection: number;
  /** When it was sent (scheduler frame). */
  readonly frame: number;
  /** The text sent. */
  readonly text: string;
}

/** A connection as the log keeps it (mutable inside the kit, read-only outside). */
interface LiveConnection {
  /** The record tests read. */
  readonly record: FakeConnection;
  /** Record a frame sent by the client (dropped once closed, like a real sender). */
  send(text: string): void;
  /** Replace the filters (the event bus learns them from its request frame). */
  setFilters(filters: Readonly<Record<string, unknown>>): void;
  /** Close it, once: later calls are ignored. */
  close(by: 'client' | 'node'): void;
}

/** What a new connection is known by when it opens. */
type ConnectionOpening = Pick<FakeConnection, 'route' | 'path' | 'url' | 'query' | 'filters'>;

/** Every connection made to the fake node, in opening order, with the frames sent on them. */
export class ConnectionLog {
  private readonly all: FakeConnection[] = [];
  private readonly sentFrames: SentFrame[] = [];

  constructor(private readonly scheduler: SchedulerLike) {}

  /** Open and record a connection, stamped with the scheduler's time. */
  open(opening: ConnectionOpening): LiveConnection {
    const index = this.all.filter((c) => c.route === opening.route).length;
    const sent: string[] = [];
    const record: { -readonly [K in keyof FakeConnection]: FakeConnection[K] } = {
      ...opening,
      index,
      subscribedFrame: this.scheduler.now(),
      unsubscribedFrame: Infinity,
      state: 'open',
      sent,
    };
    this.all.push(record);
    return {
      record,
      send: (text) => {
        if (record.state !== 'open') return;
        sent.push(text);
        this.sentFrames.push({ route: record.route, connection: index, frame: this.scheduler.now(), text });
      },
      setFilters: (filters) => {
        record.filters = filters;
      },
      close: (by) => {
        if (record.state !== 'open') return;
        record.state = by === 'client' ? 'closed-by-client' : 'closed-by-node';
        record.unsubscribedFrame = this.scheduler.now();
      },
    };
  }

  /** The connections, of one route (by name or path) or of all. */
  connections(route?: string): readonly FakeConnection[] {
    return this.all.filter((c) => route === undefined || c.route === route || c.path === route);
  }

  /** The frames the client sent, on one route (by name or path) or on all. */
  sent(route?: string): readonly SentFrame[] {
    return this.sentFrames.filter((f) => route === undefined || f.route === route || this.pathOf(f) === route);
  }

  private pathOf(frame: SentFrame): string | undefined {
    return this.all.find((c) => c.route === frame.route)?.path;
  }
}
