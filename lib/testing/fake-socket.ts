import { Observable, Subscription } from 'rxjs';
import type { RawFrame, SocketOptions } from '../socket/index.js';
import type { ConnectionLog } from './connection-log.js';
import { wireFrame, type FakeFrame } from './fake-frame.js';
import { scriptFor, streamRouteOfPath, unscriptedRouteError, type FakeRouteScripts, type RouteScript } from './fake-routes.js';
import { eventBusFilters, queryFilters } from './query-filters.js';
import { drop } from './socket-errors.js';

/**
 * The frames of one fake websocket, in place of a real socket's. On subscribe it finds the
 * route by the URL's path, records the connection, "opens" at once (calling `onOpen`, so the
 * event bus sends its request), then plays the route's script, each value encoded to the frame
 * the node would send. A script's error is passed on as is; its completion is the node dropping
 * the socket (a ConnectionError 1006, since the real node never closes cleanly). Unsubscribing
 * closes the connection and unsubscribes from the script.
 */
export function fakeFrames(scripts: FakeRouteScripts, log: ConnectionLog, url: string, options: SocketOptions): Observable<RawFrame> {
  return new Observable<RawFrame>((subscriber) => {
    const parsed = new URL(url);
    const found = streamRouteOfPath(parsed.pathname);
    if (found === undefined) {
      subscriber.error(new Error(`The fake data node has no stream route at ${parsed.pathname} (${url}).`));
      return undefined;
    }
    const [name, route] = found;
    const script = scripts[name] as RouteScript<unknown, FakeFrame<unknown>> | undefined;
    if (script === undefined) {
      subscriber.error(unscriptedRouteError(name, route.path));
      return undefined;
    }
    const connection = log.open({ route: name, path: route.path, url, query: parsed.search, filters: queryFilters(parsed.search, route.params) });
    const socket = new Subscription(() => connection.close('client'));
    try {
      options.onOpen?.({ send: (text) => connection.send(text) });
      if (name === 'eventBus') connection.setFilters(eventBusFilters(connection.record.sent[0]));
      const { record } = connection;
      const frames$ = scriptFor(script, { route: name, url, filters: record.filters, connection: record.index, sent: record.sent });
      socket.add(
        frames$.subscribe({
          next: (frame) => {
            let raw: RawFrame;
            try {
              raw = wireFrame(route.codec, frame);
            } catch (error) {
              subscriber.error(scriptError(name, record.index, error));
              return;
            }
            subscriber.next(raw);
          },
          error: (error: unknown) => {
            connection.close('node');
            subscriber.error(error);
          },
          complete: () => {
            connection.close('node');
            subscriber.error(drop(url));
          },
        }),
      );
    } catch (error) {
      subscriber.error(error);
    }
    return socket;
  });
}

/** A script value the fake node cannot send, named by its route and connection so the test's script can be found. */
function scriptError(route: string, connection: number, error: unknown): TypeError {
  const message = error instanceof Error ? error.message : String(error);
  return new TypeError(`fakeDataNode, route "${route}" (connection ${connection}): ${message}`, { cause: error });
}
