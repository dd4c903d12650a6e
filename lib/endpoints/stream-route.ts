import { Observable, Subscription } from 'rxjs';
import { decodeOrThrow } from '../codecs/index.js';
import { BadRequestError } from '../errors/index.js';
import type { FrameSender } from '../socket/index.js';
import { buildQuery, parseEnvelope } from '../wire/index.js';
import { streamUrl } from './node-url.js';
import type { Conversation, RouteDefinition } from './route-definition.js';
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

/**
 * A cold Observable of one route's decoded responses. Each subscription checks the filters
 * (refusing bad ones before any socket opens), opens its own socket, sends the route's request
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
