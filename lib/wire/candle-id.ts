import { isVegaId } from './ids.js';
import { quoteValue } from '../codecs/decode.js';

/** Candle intervals as they appear in candle ids, with their `vega.Interval` enum numbers. */
export const CANDLE_INTERVALS = {
  block: -1,
  '1_minute': 60,
  '5_minutes': 300,
  '15_minutes': 900,
  '30_minutes': 1800,
  '1_hour': 3600,
  '4_hours': 14400,
  '6_hours': 21600,
  '8_hours': 28800,
  '12_hours': 43200,
  '1_day': 86400,
  '7_days': 604800,
} as const;

/** A candle interval name, e.g. `1_minute`. */
export type CandleInterval = keyof typeof CANDLE_INTERVALS;

const CANDLE_ID = /^trades_candle_(.+)_([^_]+)$/;

/**
 * The id of a market's trade candles at an interval, as the candle/data route takes it:
 * `trades_candle_<interval>_<marketId>`.
 *
 * @example candleId('5a4b…', '1_minute') // 'trades_candle_1_minute_5a4b…'
 */
export function candleId(marketId: string, interval: CandleInterval): string {
  return `trades_candle_${interval}_${marketId}`;
}

/** Why a candle id is malformed, or undefined when it is well formed. */
export function candleIdProblem(id: string): string | undefined {
  const match = CANDLE_ID.exec(id);
  const example = 'expected trades_candle_<interval>_<marketId>, e.g. trades_candle_1_minute_<64 hex chars> (build one with candleId())';
  if (!match) return `${quoteValue(id)} is not a candle id: ${example}`;
  const [, interval = '', marketId = ''] = match;
  if (!(interval in CANDLE_INTERVALS)) {
    return `${quoteValue(interval)} is not a candle interval: use one of ${Object.keys(CANDLE_INTERVALS).join(', ')}`;
  }
  if (!isVegaId(marketId)) return `${quoteValue(marketId)} is not a market id (64 lowercase hex characters)`;
  return undefined;
}
