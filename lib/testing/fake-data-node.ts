import type { SchedulerLike } from 'rxjs';
import { createClientOver, type VegaClient } from '../client/create-client.js';
import type { Transport } from '../endpoints/transport.js';
import { ConnectionLog, type FakeConnection, type SentFrame } from './connection-log.js';
import { FAKE_NODE_URL } from './fake-node-url.js';
import { fakeGet } from './fake-rest.js';
import type { FakeRouteName, FakeRouteScripts } from './fake-routes.js';
import { fakeFrames } from './fake-socket.js';

/** How to build a {@link fakeDataNode}. */
export interface FakeDataNodeConfig {
  /**
   * The TestScheduler of the test (rxjs-marbles: `m.scheduler`). Its clock stamps every
   * connection and every frame the client sends.
   */
  readonly scheduler: SchedulerLike;
  /**
   * What each route sends, by route name (`trades`, `marketsData`, …, and `latestMarketDepth`
   * for the REST GET). Subscribing to a route left out fails with an error saying how to script it.
   */
  readonly routes?: FakeRouteScripts;
  /** The client's node addresses (default: one fake address); `rotateNode` moves between them. */
  readonly nodes?: readonly string[];
}

/** A fake data node for marble tests, and a real client connected to it. */
export interface FakeDataNode {
  /**
   * A VegaClient over the fake node: the library's own filter checks, envelope parsing,
   * decoding and typed errors run unchanged; only the sockets and GETs are fake.
   */
  readonly client: VegaClient;
  /** The connections made so far (sockets and GETs), of one route (name or path) or all, in order. */
  connections(route?: FakeRouteName | string): readonly FakeConnection[];
  /** The connections not closed yet, of one route (name or path) or all: empty once every socket is closed. */
  openConnections(route?: FakeRouteName | string): readonly FakeConnection[];
  /** The text frames the client sent (the event bus request and acks), of one route or all. */
  sent(route?: FakeRouteName | string): readonly SentFrame[];
}

/**
 * A fake data node driven by marble Observables, with a real {@link VegaClient} over it. Each
 * route is scripted with the frames it sends (see {@link FakeRouteScripts}); every connection
 * is recorded with its filters and its subscribe and unsubscribe frames.
 *
 * Socket timers (connect deadline, pings, silence) are not simulated: script `#` with `drop()`,
 * `stale()` or `unreachable()` for those failures.
 *
 * @example
 * marbles((m) => {
 *   const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('-a', { a: tradesFrame([trade()]) }) } });
 *   m.expect(node.client.trades().pipe(map((r) => r.trades.length))).toBeObservable('-a', { a: 1 });
 * });
 */
export function fakeDataNode(config: FakeDataNodeConfig): FakeDataNode {
  const log = new ConnectionLog(config.scheduler);
  const scripts = config.routes ?? {};
  const transport: Transport = {
    frames: (url, options) => fakeFrames(scripts, log, url, options),
    get: (url) => fakeGet(scripts, log, url),
  };
  return {
    client: createClientOver(transport, { nodes: config.nodes ?? [FAKE_NODE_URL] }),
    connections: (route) => log.connections(route),
    openConnections: (route) => log.connections(route).filter((c) => c.state === 'open'),
    sent: (route) => log.sent(route),
  };
}
