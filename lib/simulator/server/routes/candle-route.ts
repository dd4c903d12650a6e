import { ObserveCandleDataResponseCodec } from '../../../codecs/index.js';
import { encodeStream } from '../../../codecs/runtime/index.js';
import { candleDataRoute } from '../../../endpoints/index.js';
import { candleIdProblem } from '../../../wire/index.js';
import { API_ERRORS, GRPC, streamErrorFrame } from '../node-errors.js';
import type { ServedStream } from '../stream-server.js';
import type { RouteContext } from './route-context.js';

/**
 * `/api/v2/stream/candle/data`: the current candle at once, then re-sent on every poll (every
 * second on the real node), changed or not: clients dedupe by `start`. A missing candle id is
 * InvalidArgument; a malformed one, or one of an unknown market, is Internal with vega code 60002.
 */
export function candleDataStream(ctx: RouteContext): ServedStream {
  return {
    path: candleDataRoute.path,
    params: candleDataRoute.params,
    open: (request, sink) => {
      const id = (request['candleId'] as string | undefined) ?? '';
      if (id === '') {
        sink.fail(streamErrorFrame(GRPC.InvalidArgument, API_ERRORS.missingCandleId));
        return;
      }
      const marketId = id.slice(id.lastIndexOf('_') + 1);
      if (candleIdProblem(id) !== undefined || !ctx.node.hasMarket(marketId)) {
        sink.fail(streamErrorFrame(GRPC.Internal, API_ERRORS.subscribeToCandles));
        return;
      }
      const sendCurrent = (): void => {
        try {
          const candle = ctx.node.candle(id);
          if (candle) sink.send({ result: encodeStream(ObserveCandleDataResponseCodec, { candle }) });
        } catch (error) {
          // Failing closes the sink, which clears the poll timer below.
          sink.fail(streamErrorFrame(GRPC.Internal, API_ERRORS.streamInternal, [(error as Error).message ?? String(error)]));
        }
      };
      sendCurrent();
      if (sink.closed) return;
      const timer = setInterval(sendCurrent, ctx.candlePollMs);
      sink.onClose(() => clearInterval(timer));
    },
  };
}
