import type { AccountType } from '../../codecs/index.js';

/** One price level of a book view. */
export interface BookLevel {
  /** Price in price units. */
  readonly price: bigint;
  /** Total remaining size at the price. */
  readonly volume: bigint;
  /** Number of resting orders at the price. */
  readonly numberOfOrders: number;
}

/** A market's book, best prices first on both sides. */
export interface BookView {
  /** Market id. */
  readonly marketId: string;
  /** Buy levels, highest price first. */
  readonly bids: readonly BookLevel[];
  /** Sell levels, lowest price first. */
  readonly asks: readonly BookLevel[];
}

/** A party's position in a market. */
export interface PositionView {
  /** Market id. */
  readonly marketId: string;
  /** Party id. */
  readonly partyId: string;
  /** Signed open volume, position units. */
  readonly openVolume: bigint;
  /** Average entry price, price units (truncated; 0 when flat). */
  readonly averageEntryPrice: bigint;
  /** Realised PnL, asset units (truncated toward zero). */
  readonly realisedPnl: bigint;
  /** Unrealised PnL at the current mark price, asset units (truncated toward zero). */
  readonly unrealisedPnl: bigint;
}

/** A collateral account and its balance. */
export interface AccountView {
  /** Core account id. */
  readonly id: string;
  /** Party id, or `*` for network accounts. */
  readonly owner: string;
  /** Asset id. */
  readonly assetId: string;
  /** Market id, or `!` outside markets. */
  readonly marketId: string;
  /** Account type. */
  readonly type: AccountType;
  /** Balance, asset units. */
  readonly balance: bigint;
}

/** Prices of a market right now. */
export interface MarketPrices {
  /** Mark price (last traded price at the last mark-to-market; the initial price before any trade). */
  readonly markPrice: bigint;
  /** Last traded price (0 before any trade). */
  readonly lastTradedPrice: bigint;
  /** Sum of long open volumes. */
  readonly openInterest: bigint;
}

/** What `Engine.submit` returns for a queued transaction. */
export interface SubmitReceipt {
  /** Transaction hash (64 lowercase hex; upper case in BusEvent.txHash). */
  readonly txHash: string;
  /** Id the order will get (order submissions only). */
  readonly orderId?: string;
}

/** A party's margin levels in a market (as last computed) and its margin balance, asset units. */
export interface MarginView {
  /** Market id. */
  readonly marketId: string;
  /** Party id. */
  readonly partyId: string;
  /** Settlement asset id. */
  readonly assetId: string;
  /** Maintenance margin. */
  readonly maintenance: bigint;
  /** Search level. */
  readonly search: bigint;
  /** Initial margin. */
  readonly initial: bigint;
  /** Collateral release level. */
  readonly release: bigint;
  /** Balance of the party's margin account in the market. */
  readonly marginBalance: bigint;
}
