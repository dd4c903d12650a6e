import { BusEventType, ObserveEventBusResponseCodec, type BusEvent } from '../../../codecs/index.js';
import { encodeStream } from '../../../codecs/runtime/index.js';
import { eventBusRoute } from '../../../endpoints/index.js';
import type { FrameSink } from '../frame-sink.js';
import { API_ERRORS, GRPC, streamErrorFrame } from '../node-errors.js';
import type { ServedStream } from '../stream-server.js';
import { follow, PAGE_SIZE, type RouteContext } from './route-context.js';

/** Over this many events waiting for a slow batch consumer, the node ends the stream silently. */
const MAX_BUFFERED_EVENTS = 100_000;

/** An ObserveEventBusRequest as the node reads it from a client frame. */
export interface EventBusRequestFrame {
  readonly types: ReadonlySet<number>;
  readonly marketId: string;
  readonly partyId: string;
  readonly batchSize: number;
}

/**
 * Read a client request frame as the node does: JSON with snake or camel keys, types by name or
 * number, the batch size as a number or a decimal string. Undefined when it cannot be read.
 */
export function readEventBusRequest(text: string): EventBusRequestFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const body = json as Record<string, unknown>;
  const rawTypes = body['type'] ?? [];
  if (!Array.isArray(rawTypes)) return undefined;
  const types = new Set<number>();
  for (const raw of rawTypes) {
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? (BusEventType[raw as keyof typeof BusEventType] as number | undefined) : undefined;
    if (number === undefined || !Number.isInteger(number)) return undefined;
    types.add(number);
  }
  const pick = (camel: string, snake: string): unknown => body[camel] ?? body[snake];
  const marketId = pick('marketId', 'market_id') ?? '';
  const partyId = pick('partyId', 'party_id') ?? '';
  const rawBatch = pick('batchSize', 'batch_size') ?? 0;
  const batchSize = typeof rawBatch === 'string' && /^-?\d+$/.test(rawBatch) ? Number(rawBatch) : rawBatch;
  if (typeof marketId !== 'string' || typeof partyId !== 'string' || typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize)) {
    return undefined;
  }
  return { types, marketId, partyId, batchSize: Math.max(0, batchSize) };
}

/** The market and party ids an event is about, read from its payload. */
function idsOf(event: BusEvent): { markets: string[]; parties: string[] } {
  const markets: string[] = [];
  const parties: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || key === 'beginBlock' || key === 'endBlock') continue;
    const payload = value as Record<string, unknown>;
    for (const field of ['marketId', 'market']) if (typeof payload[field] === 'string') markets.push(payload[field] as string);
    for (const field of ['partyId', 'party', 'owner', 'buyer', 'seller']) if (typeof payload[field] === 'string') parties.push(payload[field] as string);
  }
  return { markets, parties };
}

function selects(request: EventBusRequestFrame, event: BusEvent): boolean {
  const all = request.types.size === 0 || request.types.has(BusEventType.BUS_EVENT_TYPE_ALL);
  if (!all && !request.types.has(event.type)) return false;
  if (request.marketId === '' && request.partyId === '') return true;
  if (event.type === BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK || event.type === BusEventType.BUS_EVENT_TYPE_END_BLOCK) return false;
  const { markets, parties } = idsOf(event);
  return (request.marketId === '' || markets.includes(request.marketId)) && (request.partyId === '' || parties.includes(request.partyId));
}

/**
 * `/api/v2/stream/event/bus`: waits (5 s on the real node) for the client's request frame, then
 * streams the selected events. Without a batch size, events go out as each block comes (at most
 * 50 a frame here); with batch size N, every frame holds exactly N events and the next frame
 * waits for another request frame, within the same deadline, else the stream ends with the code
 * 13 "internal stream failure" frame ("context deadline exceeded"). No request in time, or one
 * that cannot be read, ends the stream with no frame; type UNSPECIFIED is InvalidArgument.
 */
export function eventBusStream(ctx: RouteContext): ServedStream {
  return {
    path: eventBusRoute.path,
    params: [],
    open: (_request, sink) => new EventBusSession(ctx, sink),
  };
}

/** One event-bus subscription: request, filtering, batching and acknowledgements. */
class EventBusSession {
  private request: EventBusRequestFrame | undefined;
  private readonly buffered: BusEvent[] = [];
  private awaitingAck = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: RouteContext,
    private readonly sink: FrameSink,
  ) {
    this.timer = setTimeout(() => sink.drop(), ctx.eventBusTimeoutMs);
    sink.onMessage((text) => this.received(text));
    sink.onClose(() => this.stop());
  }

  private received(text: string): void {
    const request = readEventBusRequest(text);
    if (this.request === undefined) {
      clearTimeout(this.timer);
      if (request === undefined) {
        this.sink.drop();
        return;
      }
      if (request.types.has(BusEventType.BUS_EVENT_TYPE_UNSPECIFIED)) {
        this.sink.fail(streamErrorFrame(GRPC.InvalidArgument, API_ERRORS.malformedRequest));
        return;
      }
      this.request = request;
      follow(this.ctx, this.sink, (block) => this.publish(block.busEvents));
      return;
    }
    if (!this.awaitingAck) return;
    clearTimeout(this.timer);
    this.awaitingAck = false;
    if (request !== undefined && request.batchSize > 0) this.request = { ...this.request, batchSize: request.batchSize };
    this.flush();
  }

  private publish(events: readonly BusEvent[]): void {
    const request = this.request as EventBusRequestFrame;
    for (const event of events) if (selects(request, event)) this.buffered.push(event);
    if (this.buffered.length > MAX_BUFFERED_EVENTS) {
      this.sink.drop();
      return;
    }
    this.flush();
  }

  private flush(): void {
    const { batchSize } = this.request as EventBusRequestFrame;
    if (batchSize === 0) {
      while (this.buffered.length > 0) {
        if (!this.send(this.buffered.splice(0, PAGE_SIZE))) return;
      }
      return;
    }
    if (this.awaitingAck || this.buffered.length < batchSize) return;
    if (!this.send(this.buffered.splice(0, batchSize))) return;
    this.awaitingAck = true;
    this.timer = setTimeout(
      () => this.sink.fail(streamErrorFrame(GRPC.Internal, API_ERRORS.streamInternal, ['context deadline exceeded'])),
      this.ctx.eventBusTimeoutMs,
    );
  }

  private send(events: BusEvent[]): boolean {
    return this.sink.send({ result: encodeStream(ObserveEventBusResponseCodec, { events }) });
  }

  private stop(): void {
    clearTimeout(this.timer);
  }
}
