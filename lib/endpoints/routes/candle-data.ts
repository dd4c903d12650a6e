import { ObserveCandleDataResponseCodec, type ObserveCandleDataResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the candle stream. */
export interface CandleDataFilters {
  /** The candle id, `trades_candle_<interval>_<marketId>`: build it with `candleId()`. */
  readonly candleId: string;
}

/** `/api/v2/stream/candle/data`: the current candle at once, then re-sent every second (dedupe by `start`). */
export const candleDataRoute: RouteDefinition<CandleDataFilters, ObserveCandleDataResponse> = {
  name: 'candleData',
  path: '/api/v2/stream/candle/data',
  params: [{ name: 'candleId', kind: 'candleId', required: true }],
  codec: ObserveCandleDataResponseCodec,
};
