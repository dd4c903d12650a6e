import type * as t from 'io-ts';
import { encodeStream, goJson } from '../../../codecs/runtime/index.js';
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
  /**
   * The block item a response is made of, when every subscriber that gets this item gets exactly
   * this response (e.g. one depth update a frame): its frame is then encoded once and shared by
   * all of them. Undefined (or absent): encoded for each subscriber.
   */
  readonly sharedBy?: (response: Response) => object | undefined;
}

/** A route that sends nothing on subscribe, then each block's responses, one frame each. */
export function blockRoute<Response>(spec: BlockRouteSpec<Response>, ctx: RouteContext): ServedStream {
  /** Frame texts of shared responses, by block item (items die with their block, so do the entries). */
  const shared = new WeakMap<object, string>();
  const frameText = (response: Response): string => {
    const item = spec.sharedBy?.(response);
    let text = item === undefined ? undefined : shared.get(item);
    if (text === undefined) {
      text = goJson({ result: encodeStream(spec.codec, response) });
      if (item !== undefined) shared.set(item, text);
    }
    return text;
  };
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
          if (!sink.sendText(frameText(response))) return; // what sink.send(frame) sends, encoded once when shared
        }
      });
    },
  };
}
