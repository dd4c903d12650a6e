import type { Observable } from 'rxjs';
import { STREAM_ROUTES, type StreamRouteName } from '../endpoints/routes/index.js';
import type { FiltersOf, ResponseOf, RouteDefinition } from '../endpoints/route-definition.js';
import type { LatestMarketDepth } from '../endpoints/rest/index.js';
import type { HttpResponse } from '../endpoints/http-get.js';
import type { ErrorFrame, FakeFrame, ResultFrame, StatusFrame } from './fake-frame.js';

export { STREAM_ROUTES, type StreamRouteName };

/** The name the fake data node gives the REST GET of a market's latest book. */
export const LATEST_MARKET_DEPTH = 'latestMarketDepth';

/** Any route the fake data node serves: the 15 streams and the REST latest depth. */
export type FakeRouteName = StreamRouteName | typeof LATEST_MARKET_DEPTH;

/** What the fake node knows of a REST GET of the latest book (parsed from its URL). */
export type LatestMarketDepthRequest = {
  /** The market in the URL path. */
  readonly marketId: string;
  /** The `maxDepth` query parameter, when sent. */
  readonly maxDepth?: number;
};

/**
 * One response to a REST GET: `{ result }` (encoded as the REST gateway writes it, enum names
 * and defaults included), an error or status frame (served as the gateway's status body with
 * the HTTP status of its gRPC code), a raw `{ status, body }`, or a string body with HTTP 200.
 */
export type RestFrame = ResultFrame<LatestMarketDepth> | ErrorFrame | StatusFrame | HttpResponse | string;

/** What a function script is told about the connection it serves. */
export interface FakeRequest<F> {
  /** The route name, e.g. `trades`. */
  readonly route: FakeRouteName;
  /** The full URL, query string included. */
  readonly url: string;
  /**
   * The filters as the node received them, parsed back from the query string (enums as names,
   * booleans and counts as values; the event bus: from its request frame).
   */
  readonly filters: F;
  /** Which connection to this route it is: 0 for the first, 1 for the first reconnect, … */
  readonly connection: number;
  /** The frames the client has sent so far on this connection (the event bus request). */
  readonly sent: readonly string[];
}

/**
 * What a route sends, as one of:
 * - an Observable of frames: every connection subscribes to it (a cold marble restarts each time);
 * - an array of them: the n-th connection gets the n-th, the last one repeats (a reconnect script);
 * - a function of the request, called once per connection.
 */
export type RouteScript<F, Frame> =
  | Observable<Frame>
  | readonly Observable<Frame>[]
  | ((request: FakeRequest<F>) => Observable<Frame>);

/** The script of each stream route, typed by its filters and response. */
export type StreamScripts = {
  readonly [N in StreamRouteName]?: RouteScript<
    FiltersOf<(typeof STREAM_ROUTES)[N]>,
    FakeFrame<ResponseOf<(typeof STREAM_ROUTES)[N]>>
  >;
};

/** Scripts of every route the fake node serves, by name; a route left out errors on subscribe. */
export type FakeRouteScripts = StreamScripts & {
  /** The REST `GET /api/v2/market/depth/{marketId}/latest`: the first frame is the response. */
  readonly [LATEST_MARKET_DEPTH]?: RouteScript<LatestMarketDepthRequest, RestFrame>;
};

/** The stream route whose path ends the URL's path (a node address may add a path prefix). */
export function streamRouteOfPath(pathname: string): [StreamRouteName, RouteDefinition<unknown, unknown>] | undefined {
  for (const [name, route] of Object.entries(STREAM_ROUTES)) {
    if (pathname.endsWith(route.path)) return [name as StreamRouteName, route as RouteDefinition<unknown, unknown>];
  }
  return undefined;
}

/** The Observable a script gives the `connection`-th connection (0-based). */
export function scriptFor<F, Frame>(script: RouteScript<F, Frame>, request: FakeRequest<F>): Observable<Frame> {
  if (typeof script === 'function') return script(request);
  if (Array.isArray(script)) {
    const list = script as readonly Observable<Frame>[];
    const chosen = list[Math.min(request.connection, list.length - 1)];
    if (chosen === undefined) throw new TypeError(`The script of route "${request.route}" is an empty array: give at least one Observable.`);
    return chosen;
  }
  return script as Observable<Frame>;
}

/** The error of subscribing to a route the test did not script: names the route and shows how. */
export function unscriptedRouteError(route: FakeRouteName, path: string): Error {
  const frame = route === LATEST_MARKET_DEPTH ? "{ result: depth({ sequenceNumber: '1' }) }" : '/* a frame */';
  return new Error(
    `The fake data node has no script for route "${route}" (${path}). ` +
      `Script it: fakeDataNode({ scheduler: m.scheduler, routes: { ${route}: m.cold('-a', { a: ${frame} }) } }) ` +
      '(an Observable of frames, an array of them for successive connections, or a function of the request).',
  );
}
