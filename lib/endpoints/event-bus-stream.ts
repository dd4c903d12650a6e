import { Observable } from 'rxjs';
import { decodeOrThrow, type ObserveEventBusResponse } from '../codecs/index.js';
import { socketFrames, type FrameSender } from '../socket/index.js';
import { parseEnvelope } from '../wire/index.js';
import { streamUrl } from './node-url.js';
import { eventBusAck, eventBusRequest, eventBusRoute, type EventBusFilters } from './routes/event-bus.js';
import type { StreamContext } from './stream-context.js';

/**
 * A cold Observable of the event bus. On open it sends the request frame (types by name,
 * market, party, batch size). With a batch size N > 0 it asks for the next batch only after
 * the previous one has been delivered downstream (after `next` returned), so a slow consumer
 * slows the node down instead of being dropped by it.
 */
export function eventBusStream(filters: EventBusFilters, context: StreamContext): Observable<ObserveEventBusResponse> {
  return new Observable<ObserveEventBusResponse>((subscriber) => {
    let request: string;
    try {
      request = JSON.stringify(eventBusRequest(filters));
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    const batchSize = filters.batchSize ?? 0;
    const url = streamUrl(context.node(), eventBusRoute.path, '');
    let sender: FrameSender | undefined;
    const onOpen = (open: FrameSender): void => {
      sender = open;
      open.send(request);
    };
    return socketFrames(url, { ...context.socket, onOpen }).subscribe({
      next: (frame) => {
        let response: ObserveEventBusResponse;
        try {
          response = decodeOrThrow(eventBusRoute.codec, parseEnvelope(frame, url), eventBusRoute.path);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        subscriber.next(response);
        if (batchSize > 0 && !subscriber.closed) sender?.send(eventBusAck(batchSize));
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
  });
}
