import { Observable, Subscription } from 'rxjs';
import { encodeRest, goJson } from '../codecs/index.js';
import { ConnectionError } from '../errors/index.js';
import type { HttpResponse } from '../endpoints/http-get.js';
import { LATEST_MARKET_DEPTH_PATH, LatestMarketDepthCodec } from '../endpoints/rest/index.js';
import type { ConnectionLog } from './connection-log.js';
import {
  LATEST_MARKET_DEPTH,
  scriptFor,
  unscriptedRouteError,
  type FakeRouteScripts,
  type LatestMarketDepthRequest,
  type RestFrame,
} from './fake-routes.js';

/** `/api/v2/market/depth/{marketId}/latest` at the end of a URL path. */
const LATEST_DEPTH_PATH = /\/api\/v2\/market\/depth\/([^/]+)\/latest$/;

/** The HTTP status grpc-gateway gives each gRPC code (runtime.HTTPStatusFromCode). */
const HTTP_STATUS_OF_CODE: Readonly<Record<number, number>> = {
  0: 200, 1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403,
  8: 429, 9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401,
};

/**
 * One fake REST GET, in place of `fetch`: serves the latest-depth route from its script. The
 * script's first value is the response (then the request is over); its error is passed on as
 * is; completing without a value is a connection that failed before any response.
 */
export function fakeGet(scripts: FakeRouteScripts, log: ConnectionLog, url: string): Observable<HttpResponse> {
  return new Observable<HttpResponse>((subscriber) => {
    const parsed = new URL(url);
    const match = LATEST_DEPTH_PATH.exec(parsed.pathname);
    if (match === null) {
      subscriber.error(new Error(`The fake data node has no REST route at ${parsed.pathname} (${url}).`));
      return undefined;
    }
    const script = scripts[LATEST_MARKET_DEPTH];
    if (script === undefined) {
      subscriber.error(unscriptedRouteError(LATEST_MARKET_DEPTH, LATEST_MARKET_DEPTH_PATH));
      return undefined;
    }
    const maxDepth = parsed.searchParams.get('maxDepth');
    const filters: LatestMarketDepthRequest = {
      marketId: decodeURIComponent(match[1] ?? ''),
      ...(maxDepth !== null && { maxDepth: Number(maxDepth) }),
    };
    const connection = log.open({ route: LATEST_MARKET_DEPTH, path: LATEST_MARKET_DEPTH_PATH, url, query: parsed.search, filters });
    const request = new Subscription(() => connection.close('client'));
    try {
      const { record } = connection;
      const responses$ = scriptFor(script, { route: LATEST_MARKET_DEPTH, url, filters, connection: record.index, sent: record.sent });
      request.add(
        responses$.subscribe({
          next: (frame) => {
            if (subscriber.closed) return;
            let response: HttpResponse;
            try {
              response = httpResponse(frame);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              subscriber.error(new TypeError(`fakeDataNode, route "${LATEST_MARKET_DEPTH}" (connection ${record.index}): ${message}`, { cause: error }));
              return;
            }
            connection.close('node');
            subscriber.next(response);
            subscriber.complete();
          },
          error: (error: unknown) => {
            connection.close('node');
            subscriber.error(error);
          },
          complete: () => {
            connection.close('node');
            subscriber.error(new ConnectionError(url, 0, '', 'connecting', 'the fake data node closed the connection without a response'));
          },
        }),
      );
    } catch (error) {
      subscriber.error(error);
    }
    return request;
  });
}

/** The HTTP response a REST script value stands for, as the gateway would send it. */
function httpResponse(frame: RestFrame): HttpResponse {
  if (typeof frame === 'string') return { status: 200, body: frame };
  if (typeof frame === 'object' && frame !== null) {
    if ('result' in frame) return { status: 200, body: goJson(encodeRest(LatestMarketDepthCodec, frame.result)) };
    if ('error' in frame) return { status: httpStatus(frame.error.code), body: goJson(frame.error) };
    if ('status' in frame && 'body' in frame) return frame;
    if ('code' in frame) return { status: httpStatus(frame.code), body: goJson(frame) };
  }
  throw new TypeError('The fake data node cannot answer a REST GET with this value: give { result }, { error }, { code, message }, { status, body } or a string body.');
}

function httpStatus(code: number): number {
  return HTTP_STATUS_OF_CODE[code] ?? 500;
}
