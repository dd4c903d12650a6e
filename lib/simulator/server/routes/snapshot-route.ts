import type * as t from 'io-ts';
import { encodeStream } from '../../../codecs/runtime/index.js';
import type { FrameSink } from '../frame-sink.js';
import type { GatewayRequest } from '../gateway-query.js';
import type { ServedStream } from '../stream-server.js';
import type { ParamSpec } from '../../../wire/index.js';
import { follow, pages, type RouteContext } from './route-context.js';
import type { DataNodeBlock } from '../../data-node/index.js';

/** How one snapshot-then-updates route (orders, positions, accounts) gets its items. */
export interface SnapshotRouteSpec<Item, Response> {
  readonly path: string;
  readonly params: readonly ParamSpec[];
  /** The response codec, for stream encoding. */
  readonly codec: t.Decoder<unknown, Response>;
  /** The response's list field inside `snapshot` / `updates`, e.g. `orders`. */
  readonly field: string;
  /** An error frame when the request is refused, else undefined. */
  readonly refuse?: (request: GatewayRequest, ctx: RouteContext) => object | undefined;
  /** The items of the snapshot. */
  readonly snapshot: (request: GatewayRequest, ctx: RouteContext) => readonly Item[];
  /** True when an empty snapshot is not sent at all for this request (else one empty last page). */
  readonly noEmptySnapshot?: (request: GatewayRequest) => boolean;
  /** The block's updates this subscriber gets (empty: no frame). */
  readonly updates: (request: GatewayRequest, block: DataNodeBlock, ctx: RouteContext) => readonly Item[];
}

/**
 * A route that sends a paged snapshot first (pages of 50, the last with `lastPage: true`; an empty
 * snapshot is one page with only `lastPage`, unless `noEmptySnapshot` says none), then each block's updates in frames of at most 50.
 */
export function snapshotRoute<Item, Response>(spec: SnapshotRouteSpec<Item, Response>, ctx: RouteContext): ServedStream {
  const send = (sink: FrameSink, response: object): boolean =>
    sink.send({ result: encodeStream(spec.codec, response as Response) });
  return {
    path: spec.path,
    params: spec.params,
    open: (request, sink) => {
      const refused = spec.refuse?.(request, ctx);
      if (refused) {
        sink.fail(refused);
        return;
      }
      const snapshot = pages(spec.snapshot(request, ctx));
      if (snapshot.length === 0 && !spec.noEmptySnapshot?.(request)) snapshot.push([]);
      snapshot.forEach((page, i) => {
        const last = i === snapshot.length - 1;
        send(sink, { snapshot: { [spec.field]: page, lastPage: last } });
      });
      follow(ctx, sink, (block) => {
        for (const page of pages(spec.updates(request, block, ctx))) {
          if (!send(sink, { updates: { [spec.field]: page } })) return;
        }
      });
    },
  };
}
