import { BusEventType, ObserveEventBusResponseCodec, type ObserveEventBusResponse } from '../../codecs/index.js';
import { checkParams, type ParamSpec } from '../../wire/index.js';
import { BadRequestError } from '../../errors/index.js';
import type { Conversation, RouteDefinition } from '../route-definition.js';

/** A bus event type by enum number or name (`BUS_EVENT_TYPE_TRADE`). */
export type BusEventTypeInput = BusEventType | keyof typeof BusEventType;

/** Filters of the event bus, sent as its request frame (the node ignores the query string there). */
export interface EventBusFilters {
  /** Event types to receive; every type when left out (`BUS_EVENT_TYPE_ALL`). */
  readonly type?: readonly BusEventTypeInput[];
  /** Only events of this market (BEGIN_BLOCK / END_BLOCK are then not sent). */
  readonly marketId?: string;
  /** Only events of this party (BEGIN_BLOCK / END_BLOCK are then not sent). */
  readonly partyId?: string;
  /**
   * Events per frame. 0 (default): events are sent as they come. N > 0: every frame holds
   * exactly N events, and the next frame is requested only once the previous one has been
   * delivered downstream, so a slow consumer slows the node instead of overflowing it (the
   * node ends the stream if no request comes within 5 s).
   */
  readonly batchSize?: number;
}

/** The JSON request frame the event bus waits for (ObserveEventBusRequest). */
export interface EventBusRequest {
  /** Event type names; `['BUS_EVENT_TYPE_ALL']` when the filters name none. */
  readonly type: readonly string[];
  /** The `marketId` filter, when given. */
  readonly marketId?: string;
  /** The `partyId` filter, when given. */
  readonly partyId?: string;
  /** The `batchSize` filter as a decimal string; `'0'` when not given. */
  readonly batchSize: string;
}

const PATH = '/api/v2/stream/event/bus';

/** The filters of the event bus, checked like query parameters but sent in the request frame. */
export const EVENT_BUS_REQUEST_FIELDS: readonly ParamSpec[] = [
  { name: 'type', kind: 'enum', repeated: true, enumType: { values: BusEventType, name: 'vega.events.v1.BusEventType' } },
  { name: 'marketId', kind: 'id' },
  { name: 'partyId', kind: 'partyId' },
  { name: 'batchSize', kind: 'count' },
];

/** Check the filters and build the request frame; throws a {@link BadRequestError} naming the bad field. */
export function eventBusRequest(filters: EventBusFilters): EventBusRequest {
  const values = checkParams(PATH, EVENT_BUS_REQUEST_FIELDS, filters as Readonly<Record<string, unknown>>);
  const of = (name: string): string[] => values.filter(([key]) => key === name).map(([, value]) => value);
  const types = of('type');
  if (types.includes('BUS_EVENT_TYPE_UNSPECIFIED')) {
    throw new BadRequestError(PATH, 'type', 'BUS_EVENT_TYPE_UNSPECIFIED is refused by the node: leave type out (or use BUS_EVENT_TYPE_ALL) for every type');
  }
  const [marketId] = of('marketId');
  const [partyId] = of('partyId');
  return {
    type: types.length ? types : ['BUS_EVENT_TYPE_ALL'],
    ...(marketId !== undefined && { marketId }),
    ...(partyId !== undefined && { partyId }),
    batchSize: of('batchSize')[0] ?? '0',
  };
}

/** The request frame, and with a batch size the frame that asks for each next batch. */
function eventBusConversation(filters: EventBusFilters): Conversation {
  const request = eventBusRequest(filters);
  return {
    request: JSON.stringify(request),
    ...(request.batchSize !== '0' && { afterDelivery: JSON.stringify({ batchSize: request.batchSize }) }),
  };
}

/**
 * `/api/v2/stream/event/bus`: the raw core event bus. Sends nothing until the client sends its
 * request frame, which the library does on open; with a batch size it asks for each next batch
 * once the previous one has been delivered.
 */
export const eventBusRoute: RouteDefinition<EventBusFilters, ObserveEventBusResponse> = {
  name: 'eventBus',
  path: PATH,
  params: [],
  codec: ObserveEventBusResponseCodec,
  conversation: eventBusConversation,
};
