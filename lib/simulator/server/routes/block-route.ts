import type * as t from 'io-ts';
import { encodeStream } from '../../../codecs/runtime/index.js';
import type { ParamSpec } from '../../../wire/index.js';
import type { DataNodeBlock } from '../../data-node/index.js';
import type { GatewayRequest } from '../gateway-query.js';
import type { ServedStream } from '../stream-server.js';
import { follow, type RouteContext } from './route-context.js';

/** How a route that only publishes per block (no snapshot) turns a block into frames. */
export interface BlockRouteSpec<Response> {
  readonly path: string;
  readonly params: readonly ParamSpec[];
  /** The response codec, for stream encoding. */
  readonly codec: t.Decoder<unknown, Response>;
  /** An error frame when the request is refused, else undefined. */
  readonly refuse?: (request: GatewayRequest, ctx: RouteContext) => object | undefined;
  /** True when the subscription never sends anything (e.g. markets/depth without market ids). */
  readonly silent?: (request: GatewayRequest) => boolean;
  /** The responses for one block, one per frame, in order (empty: nothing sent). */
  readonly frames: (request: GatewayRequest, block: DataNodeBlock, ctx: RouteContext) => readonly Response[];
}

/** A route that sends nothing on subscribe, then each block's responses, one frame each. */
export function blockRoute<Response>(spec: BlockRouteSpec<Response>, ctx: RouteContext): ServedStream {
  return {
    path: spec.path,
    params: spec.params,
    open: (request, sink) => {
      const refused = spec.refuse?.(request, ctx);
      if (refused) {
        sink.fail(refused);
        return;
      }
      if (spec.silent?.(request)) return;
      follow(ctx, sink, (block) => {
        for (const response of spec.frames(request, block, ctx)) {
          if (!sink.send({ result: encodeStream(spec.codec, response) })) return;
        }
      });
    },
  };
}
