import type { DataNode, DataNodeBlock } from '../../data-node/index.js';
import type { FrameSink } from '../frame-sink.js';
import type { GatewayRequest } from '../gateway-query.js';
import { API_ERRORS, GRPC, streamErrorFrame } from '../node-errors.js';

/** Delivers each block's publications to the routes, in block order. */
export interface BlockFeed {
  /** Call `listener` with every block applied from now on; returns the unsubscribe function. */
  subscribe(listener: (block: DataNodeBlock) => void): () => void;
}

/** What every route handler works from: the data node's state and the stream of its blocks. */
export interface RouteContext {
  /** State for snapshots and validation (live orders, positions, markets…). */
  readonly node: DataNode;
  /** Each block's publications, as the data node's brokers push them to subscribers. */
  readonly feed: BlockFeed;
  /** Reproduce the v0.79 server-side filter bugs (PROTOCOL.md section 8); off by default. */
  readonly filterBugs: boolean;
  /** How often candle/data re-sends the current candle, in ms (the real node polls every 1 000). */
  readonly candlePollMs: number;
  /** How long the event bus waits for a request frame, in ms (the real node: 5 000). */
  readonly eventBusTimeoutMs: number;
}

/** Items per snapshot page and per update frame, as the real node sends them. */
export const PAGE_SIZE = 50;

/** Split a list into pages of at most {@link PAGE_SIZE}. */
export function pages<T>(items: readonly T[], size = PAGE_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** True when `filter` (a list, possibly empty = no filter) lets `value` through. */
export function inList(filter: readonly string[] | undefined, value: string): boolean {
  return filter === undefined || filter.length === 0 || filter.includes(value);
}

/** True when an optional single-value filter lets `value` through (absent = no filter; "" matches only ""). */
export function matches(filter: string | undefined, value: string): boolean {
  return filter === undefined || filter === value;
}

/**
 * Follow the block feed for one subscription until its sink closes. A fault while handling a block
 * ends that subscription with the "internal stream failure" frame, as the node ends a failed
 * stream; the other subscriptions and the block loop carry on.
 */
export function follow(ctx: RouteContext, sink: FrameSink, onBlock: (block: DataNodeBlock) => void): void {
  const unsubscribe = ctx.feed.subscribe((block) => {
    try {
      onBlock(block);
    } catch (error) {
      unsubscribe();
      sink.fail(streamErrorFrame(GRPC.Internal, API_ERRORS.streamInternal, [(error as Error).message ?? String(error)]));
    }
  });
  sink.onClose(unsubscribe);
}

/** A repeated request field as the gateway parsed it (undefined when absent). */
export function listParam(request: GatewayRequest, name: string): readonly string[] | undefined {
  return request[name] as readonly string[] | undefined;
}

/**
 * A single-value request field as given: absent = no filter; `""` (from `key=`) matches nothing,
 * as for the node's proto3 `optional` request fields (PROTOCOL.md section 4).
 */
export function textParam(request: GatewayRequest, name: string): string | undefined {
  return request[name] as string | undefined;
}
