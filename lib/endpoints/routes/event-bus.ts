import { BusEventType, ObserveEventBusResponseCodec, type ObserveEventBusResponse } from '../../codecs/index.js';
import { isVegaId } from '../../wire/index.js';
import { BadRequestError } from '../../errors/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** A bus event type by enum number or name (`BUS_EVENT_TYPE_TRADE`). */
export type BusEventTypeInput = BusEventType | keyof typeof BusEventType;

/** Filters of the event bus, sent as its request frame (the query string is ignored there). */
export interface EventBusFilters {
  /** Event types to receive; every type when left out or empty (`BUS_EVENT_TYPE_ALL`). */
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
  readonly type: readonly string[];
  readonly marketId?: string;
  readonly partyId?: string;
  readonly batchSize: string;
}

const ROUTE = '/api/v2/stream/event/bus';

/** `/api/v2/stream/event/bus`: the raw core event bus; sends nothing until the client sends its request. */
export const eventBusRoute: RouteDefinition<EventBusFilters, ObserveEventBusResponse> = {
  name: 'eventBus',
  path: ROUTE,
  params: [],
  codec: ObserveEventBusResponseCodec,
};

/** Check the filters and build the request frame; throws a {@link BadRequestError} naming the bad field. */
export function eventBusRequest(filters: EventBusFilters): EventBusRequest {
  const known = new Set(['type', 'marketId', 'partyId', 'batchSize']);
  for (const key of Object.keys(filters)) {
    if (!known.has(key)) throw new BadRequestError(ROUTE, key, `unknown filter. Filters of this route: ${[...known].join(', ')}`);
  }
  const types = (filters.type ?? []).map(typeName);
  for (const id of ['marketId', 'partyId'] as const) {
    const value = filters[id];
    if (value !== undefined && !isVegaId(value)) {
      throw new BadRequestError(ROUTE, id, `${JSON.stringify(value)} is not a Vega id (64 lowercase hex characters, or "network")`);
    }
  }
  const batchSize = filters.batchSize ?? 0;
  if (!Number.isSafeInteger(batchSize) || batchSize < 0) {
    throw new BadRequestError(ROUTE, 'batchSize', `must be a whole number >= 0 (got ${JSON.stringify(batchSize)})`);
  }
  return {
    type: types.length ? types : ['BUS_EVENT_TYPE_ALL'],
    ...(filters.marketId !== undefined && { marketId: filters.marketId }),
    ...(filters.partyId !== undefined && { partyId: filters.partyId }),
    batchSize: String(batchSize),
  };
}

/** The frame that asks for the next batch once one has been delivered. */
export function eventBusAck(batchSize: number): string {
  return JSON.stringify({ batchSize: String(batchSize) });
}

function typeName(value: BusEventTypeInput): string {
  const name = typeof value === 'number' ? BusEventType[value] : value;
  if (typeof name !== 'string' || typeof BusEventType[name as keyof typeof BusEventType] !== 'number') {
    throw new BadRequestError(ROUTE, 'type', `${JSON.stringify(value)} is not a bus event type: use a BusEventType name or number, e.g. BUS_EVENT_TYPE_TRADE`);
  }
  if (name === 'BUS_EVENT_TYPE_UNSPECIFIED') {
    throw new BadRequestError(ROUTE, 'type', 'BUS_EVENT_TYPE_UNSPECIFIED is refused by the node: leave type out (or use BUS_EVENT_TYPE_ALL) for every type');
  }
  return name;
}
