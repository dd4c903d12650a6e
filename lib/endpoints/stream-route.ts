import { Observable, Subscription } from 'rxjs';
import { decodeOrThrow, quoteValue } from '../codecs/index.js';
import { BadRequestError } from '../errors/index.js';
import type { FrameSender } from '../socket/index.js';
import { buildQuery, parseEnvelope } from '../wire/index.js';
import { streamUrl } from './node-url.js';
import type { Conversation, RouteDefinition } from './route-definition.js';
import { STREAM_ROUTES } from './routes/stream-routes.js';
import type { StreamContext } from './stream-context.js';

/**
 * The query string of a route for some filters, after every check: throws a
 * {@link BadRequestError} naming the parameter when the filters are refused.
 */
export function routeQuery<F>(route: RouteDefinition<F, unknown>, filters: F): string {
  const query = buildQuery(route.path, route.params, filters as Readonly<Record<string, unknown>>);
  const problem = route.check?.(filters);
  if (problem) throw new BadRequestError(route.path, problem.parameter, problem.problem);
  return query;
}

/** The path of every stream route a v0.79 data node serves. */
const KNOWN_PATHS: ReadonlySet<string> = new Set(Object.values(STREAM_ROUTES).map((route) => route.path));

/**
 * Refuses, with a {@link BadRequestError}, a route the data node does not serve (it would answer
 * NOT_FOUND only after the socket opened) and filters that are not an object.
 */
export function checkRouteCall(route: RouteDefinition<unknown, unknown>, filters: unknown): void {
  if (!KNOWN_PATHS.has(route.path)) {
    throw new BadRequestError(route.path, '', `unknown route: a v0.79 data node streams only ${[...KNOWN_PATHS].join(', ')}`);
  }
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    throw new BadRequestError(route.path, 'filters', `must be an object of filters, e.g. { marketIds: [...] } or {} (got ${quoteValue(filters)})`);
  }
}

/**
 * A cold Observable of one route's decoded responses. Each subscription checks the route and the
 * filters (refusing an unknown route or bad filters before any socket opens), opens its own socket, sends the route's request
 * frame if it has one, and emits the `result` of every frame decoded with the route's codec.
 *
 * It errors with the typed error of the first failure: a connection or stale-stream error, a
 * data-node error frame, a protocol error or a decode error. The socket is released before the
 * error is delivered, so an error handler that subscribes again never holds two sockets.
 * Unsubscribing closes the socket.
 */
export function streamRoute<F, R>(route: RouteDefinition<F, R>, filters: F, context: StreamContext): Observable<R> {
  return routeResults(route, filters, context, (result) => decodeOrThrow(route.codec, result, route.path));
}

/**
 * Like {@link streamRoute} but not decoded: the `result` member of every frame as parsed JSON.
 * Error frames and malformed frames still fail the stream with their typed errors. Pair it
 * with the `decode` operator to choose what a frame that does not decode does.
 */
export function rawRoute<F>(route: RouteDefinition<F, unknown>, filters: F, context: StreamContext): Observable<Readonly<Record<string, unknown>>> {
  return routeResults(route, filters, context, (result) => result);
}

function routeResults<F, T>(
  route: RouteDefinition<F, unknown>,
  filters: F,
  context: StreamContext,
  project: (result: Record<string, unknown>) => T,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const given = (filters ?? {}) as F;
    let conversation: Conversation | undefined;
    let url: string;
    try {
      checkRouteCall(route as RouteDefinition<unknown, unknown>, given);
      conversation = route.conversation?.(given);
      url = streamUrl(context.node(), route.path, conversation ? '' : routeQuery(route, given));
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    let sender: FrameSender | undefined;
    const onOpen = conversation && ((open: FrameSender): void => {
      sender = open;
      open.send(conversation.request);
    });
    const afterDelivery = conversation?.afterDelivery;
    const socket = new Subscription();
    socket.add(
      context.transport.frames(url, { ...context.socket, onOpen }).subscribe({
        next: (frame) => {
          let response: T;
          try {
            response = project(parseEnvelope(frame, url));
          } catch (error) {
            socket.unsubscribe();
            subscriber.error(error);
            return;
          }
          subscriber.next(response);
          if (afterDelivery !== undefined && !subscriber.closed) sender?.send(afterDelivery);
        },
        error: (error: unknown) => subscriber.error(error),
      }),
    );
    return socket;
  });
}
