import { Side } from '../../codecs/index.js';
import { abs } from './decimal.js';
import type { MarketConfig } from './market-config.js';
import type { SimAccount } from './collateral.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const SIDE_BUY = Side.SIDE_BUY;

/** Extra precision of average entry prices and realised PnL (exact enough for any real run). */
export const ENTRY_PRECISION = 1_000_000_000_000n;

/** A trade not yet mark-to-market settled: signed size from the party's side, price units. */
export interface PendingSettlement {
  /** Signed size (+ bought, - sold). */
  readonly size: bigint;
  /** Trade price in price units. */
  readonly price: bigint;
}

/** The last margin levels of a party in a market, in asset units. */
export interface MarginLevelsState {
  /** Maintenance margin. */
  readonly maintenance: bigint;
  /** Search level (top up below it). */
  readonly search: bigint;
  /** Initial margin (the target of a top-up or release). */
  readonly initial: bigint;
  /** Collateral release level (release above it). */
  readonly release: bigint;
}

/**
 * Everything the engine keeps about one party in one market: the position (open volume,
 * average entry price, realised PnL), what is not yet settled, the resting order totals the margin
 * is computed on, the margin account and the last margin levels.
 */
export class PartyMarket {
  /** Signed open volume in position units. */
  openVolume = 0n;
  /** Average entry price x {@link ENTRY_PRECISION}, in price units (0 when flat). */
  averageEntryScaled = 0n;
  /** Realised PnL in price units x position units x {@link ENTRY_PRECISION}. */
  realisedScaled = 0n;
  /** Open volume at the last mark-to-market. */
  settledVolume = 0n;
  /** Trades since the last mark-to-market. */
  pending: PendingSettlement[] = [];
  /** Sum of remaining sizes of resting buy orders. */
  buyRemaining = 0n;
  /** Sum of price x remaining of resting buy orders. */
  buyNotional = 0n;
  /** Sum of remaining sizes of resting sell orders. */
  sellRemaining = 0n;
  /** Sum of price x remaining of resting sell orders. */
  sellNotional = 0n;
  /** Margin account, opened on first need. */
  margin: SimAccount | undefined;
  /** Last emitted margin levels. */
  levels: MarginLevelsState | undefined;
  /** True once the party has traded in the market (it has a position record from then on). */
  traded = false;

  constructor(
    /** Party id. */
    readonly partyId: string,
    /** The market. */
    readonly market: MarketConfig,
    /** The party's general account in the market's settlement asset. */
    readonly general: SimAccount,
  ) {}

  /** Records a change of resting volume (+/-) at `price` on `side`. */
  addResting(side: Side, price: bigint, delta: bigint): void {
    if (side === SIDE_BUY) {
      this.buyRemaining += delta;
      this.buyNotional += delta * price;
    } else {
      this.sellRemaining += delta;
      this.sellNotional += delta * price;
    }
  }

  /**
   * Applies a trade of signed `size` at `price` to the position: the average entry price moves on
   * increases, PnL is realised on reductions (a flip realises the closed part and opens the rest
   * at `price`). Returns the change of open interest this party's long side makes.
   */
  applyTrade(size: bigint, price: bigint): bigint {
    const before = this.openVolume;
    this.traded = true;
    const scaledPrice = price * ENTRY_PRECISION;
    if (before === 0n || before > 0n === size > 0n) {
      const total = abs(before) + abs(size);
      this.averageEntryScaled = (this.averageEntryScaled * abs(before) + scaledPrice * abs(size)) / total;
      this.openVolume = before + size;
    } else {
      const closed = abs(size) < abs(before) ? abs(size) : abs(before);
      const dir = before > 0n ? 1n : -1n;
      this.realisedScaled += (scaledPrice - this.averageEntryScaled) * closed * dir;
      this.openVolume = before + size;
      if (this.openVolume === 0n) this.averageEntryScaled = 0n;
      else if (this.openVolume > 0n !== before > 0n) this.averageEntryScaled = scaledPrice;
    }
    this.pending.push({ size, price });
    const longBefore = before > 0n ? before : 0n;
    const longAfter = this.openVolume > 0n ? this.openVolume : 0n;
    return longAfter - longBefore;
  }

  /** Worst-case exposure: max(|open + resting buys|, |open - resting sells|), plus an extra order. */
  exposure(extraBuy = 0n, extraSell = 0n): bigint {
    const long = abs(this.openVolume + this.buyRemaining + extraBuy);
    const short = abs(this.openVolume - this.sellRemaining - extraSell);
    return long > short ? long : short;
  }

  /** Average entry price in price units (truncated). */
  averageEntryPrice(): bigint {
    return this.averageEntryScaled / ENTRY_PRECISION;
  }

  /** Realised PnL in asset units (truncated toward zero). */
  realisedPnl(): bigint {
    return (this.realisedScaled * this.market.assetScale) / (this.market.positionFactor * ENTRY_PRECISION);
  }

  /** Unrealised PnL at `mark` (price units), in asset units (truncated toward zero). */
  unrealisedPnl(mark: bigint): bigint {
    if (this.openVolume === 0n) return 0n;
    const perUnit = mark * ENTRY_PRECISION - this.averageEntryScaled;
    return (perUnit * this.openVolume * this.market.assetScale) / (this.market.positionFactor * ENTRY_PRECISION);
  }
}
