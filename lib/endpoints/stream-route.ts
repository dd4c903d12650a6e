import { defer, map, type Observable } from 'rxjs';
import { decodeOrThrow } from '../codecs/index.js';
import { BadRequestError } from '../errors/index.js';
import { socketFrames } from '../socket/index.js';
import { buildQuery, parseEnvelope } from '../wire/index.js';
import { streamUrl } from './node-url.js';
import type { RouteDefinition } from './route-definition.js';
import type { StreamContext } from './stream-context.js';

/**
 * The query string of a route for some filters, after every check: throws a
 * {@link BadRequestError} naming the parameter when the filters are refused.
 */
export function routeQuery<F>(route: RouteDefinition<F, unknown>, filters: F): string {
  const query = buildQuery(route.path, route.params, (filters ?? {}) as Readonly<Record<string, unknown>>);
  const problem = route.check?.(filters);
  if (problem) throw new BadRequestError(route.path, problem.parameter, problem.problem);
  return query;
}

/**
 * A cold Observable of one route's decoded responses. Each subscription checks the filters
 * (refusing bad ones before any socket opens), opens its own socket, and emits the `result`
 * of every frame decoded with the route's codec. It errors with the typed error of the first
 * failure: a connection or stale-stream error, a data-node error frame, a protocol error or a
 * decode error. Unsubscribing closes the socket.
 */
export function streamRoute<F, R>(route: RouteDefinition<F, R>, filters: F, context: StreamContext): Observable<R> {
  return defer(() => {
    const url = streamUrl(context.node(), route.path, routeQuery(route, filters));
    return socketFrames(url, context.socket).pipe(
      map((frame) => decodeOrThrow(route.codec, parseEnvelope(frame, url), route.path)),
    );
  });
}
