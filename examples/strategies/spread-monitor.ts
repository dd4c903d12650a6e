/**
 * A small strategy written against VegaClient only: watch the best bid and offer of two markets,
 * alert once when a market's spread goes wide (until it narrows again), and once when both
 * markets are wide at the same time. Reconnects after a dropped socket, keeping its state.
 * Tested in spec/testing/spread-monitor.marbles.spec.ts with the fake data node.
 */
import { concatMap, scan, type Observable } from 'rxjs';
import type { MarketData, ObserveMarketsDataResponse, VegaClient } from '../../lib/index.js';
import { retryBackoff, type RetryBackoffConfig } from '../../lib/operators/index.js';

/** What the monitor watches and when it speaks. */
export interface SpreadMonitorConfig {
  /** The two markets to watch. */
  readonly marketIds: readonly [string, string];
  /** A spread above this many price units (an integer, in market decimals) is wide. */
  readonly threshold: bigint | string;
  /** How to reconnect after a retryable error (a dropped socket); default: retryBackoff's defaults. */
  readonly retry?: RetryBackoffConfig;
}

/** One market's spread went above the threshold. */
export interface WideSpreadAlert {
  /** Alert tag. */
  readonly kind: 'wide';
  /** The market. */
  readonly marketId: string;
  /** Best offer minus best bid, exact, as an integer string. */
  readonly spread: string;
  /** The block time of the market data, in ns. */
  readonly timestamp: string;
}

/** Both markets are wide at once. */
export interface BothWideAlert {
  /** Alert tag. */
  readonly kind: 'both-wide';
  /** The two spreads, in the order of `marketIds`. */
  readonly spreads: readonly [string, string];
  /** The block time of the frame that made both wide, in ns. */
  readonly timestamp: string;
}

/** What the monitor emits. */
export type SpreadAlert = WideSpreadAlert | BothWideAlert;

/** The monitor's state between frames: the spread of each market that is wide, and the alerts of the last frame. */
interface MonitorState {
  readonly wide: ReadonlyMap<string, bigint>;
  readonly alerts: readonly SpreadAlert[];
}

const INTEGER = /^[0-9]+$/;

/** Best offer minus best bid, exactly (BigInt); undefined when a side is empty (no bids, no offers, an auction). */
export function spreadOf(data: MarketData): bigint | undefined {
  const { bestBidPrice: bid, bestOfferPrice: offer } = data;
  if (!INTEGER.test(bid) || !INTEGER.test(offer) || bid === '0' || offer === '0') return undefined;
  return BigInt(offer) - BigInt(bid);
}

/**
 * Alerts for two markets' spreads. A market alerts when its spread goes above the threshold,
 * then stays quiet until it has come back to the threshold or under; likewise the both-wide
 * alert. A market without a two-sided quote keeps its state. Retryable errors reconnect with
 * backoff (the state is kept, so a reconnect does not repeat alerts); other errors, and a
 * retryable one once the attempts are spent, end the stream.
 */
export function spreadMonitor(client: VegaClient, config: SpreadMonitorConfig): Observable<SpreadAlert> {
  const threshold = BigInt(config.threshold);
  const [first, second] = config.marketIds;

  const step = (state: MonitorState, response: ObserveMarketsDataResponse): MonitorState => {
    const wide = new Map(state.wide);
    const alerts: SpreadAlert[] = [];
    let timestamp = '';
    for (const data of response.marketData) {
      const spread = spreadOf(data);
      if (!config.marketIds.includes(data.market) || spread === undefined) continue;
      timestamp = data.timestamp;
      if (spread <= threshold) {
        wide.delete(data.market);
        continue;
      }
      if (!wide.has(data.market)) alerts.push({ kind: 'wide', marketId: data.market, spread: String(spread), timestamp });
      wide.set(data.market, spread);
    }
    const a = wide.get(first);
    const b = wide.get(second);
    const wasBothWide = state.wide.has(first) && state.wide.has(second);
    if (a !== undefined && b !== undefined && !wasBothWide) {
      alerts.push({ kind: 'both-wide', spreads: [String(a), String(b)], timestamp });
    }
    return { wide, alerts };
  };

  return client.marketsData({ marketIds: config.marketIds }).pipe(
    retryBackoff({ nodes: client, ...config.retry }),
    scan(step, { wide: new Map<string, bigint>(), alerts: [] }),
    concatMap((state) => state.alerts),
  );
}
