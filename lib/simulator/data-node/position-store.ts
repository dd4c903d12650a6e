import type {
  DistressedOrders,
  DistressedPositions,
  FundingPayments,
  LossSocialization,
  MarketData,
  Position,
  SettleDistressed,
  SettleMarket,
  SettlePosition,
  Trade,
} from '../../codecs/index.js';
import { Decimal } from './decimal.js';
import { BlockBatch } from './block-batch.js';
import type { MarketRegistry } from './market-registry.js';
import { PositionEntity, tradeTerms } from './position-entity.js';

/** Options of the positions derivation. */
export interface PositionStoreOptions {
  /**
   * Also mark open positions to the mark price of each MARKET_DATA event (default true). The real
   * node marks only on SETTLE_POSITION events, which the real core emits at every mark-to-market;
   * a source that does not emit them would otherwise leave unrealised PnL at the last trade price.
   * With a real event stream both give the same values (the settlement uses the same mark price),
   * and a position is only republished when its rounded unrealised PnL changes.
   */
  readonly markToMarketFromMarketData?: boolean;
}

/** Filters of {@link DataNode.positions}; an absent field matches everything. */
export interface PositionFilter {
  /** Only this party's positions. */
  readonly partyId?: string;
  /** Only positions in this market. */
  readonly marketId?: string;
}

function bigintOf(text: string): bigint {
  try {
    return BigInt(text || '0');
  } catch {
    return 0n;
  }
}

/**
 * Positions per (market, party), derived from the core events as the data node's positions
 * subscriber does (TRADE, SETTLE_POSITION, LOSS_SOCIALIZATION, SETTLE_DISTRESSED, SETTLE_MARKET,
 * DISTRESSED_ORDERS_CLOSED, DISTRESSED_POSITIONS, FUNDING_PAYMENTS), plus mark-to-market on
 * MARKET_DATA (see {@link PositionStoreOptions}). Each block publishes the latest state of every
 * position it touched, in order of last update.
 */
export class PositionStore {
  /** Market id, then party id: the position (no key string built per event). */
  private readonly byKey = new Map<string, Map<string, PositionEntity>>();
  /** Every position, in order of creation. */
  private readonly all: PositionEntity[] = [];
  private readonly byMarket = new Map<string, PositionEntity[]>();
  private readonly changed = new BlockBatch<PositionEntity>();
  private readonly markToMarketFromMarketData: boolean;

  constructor(
    private readonly markets: MarketRegistry,
    options: PositionStoreOptions = {},
  ) {
    this.markToMarketFromMarketData = options.markToMarketFromMarketData ?? true;
  }

  /** A trade: updates the buyer's then the seller's position. */
  onTrade(trade: Trade, blockTimeNs: bigint): void {
    const pf = this.markets.positionFactor(trade.marketId);
    const terms = tradeTerms(trade, this.assetPrice(trade.marketId, trade.price, trade.assetPrice));
    const buyer = this.get(trade.marketId, trade.buyer);
    buyer.updateWithTrade(terms, false, pf);
    this.touch(buyer, blockTimeNs);
    const seller = this.get(trade.marketId, trade.seller);
    seller.updateWithTrade(terms, true, pf);
    this.touch(seller, blockTimeNs);
  }

  /** A SETTLE_POSITION event. */
  onSettlePosition(event: SettlePosition, blockTimeNs: bigint): void {
    const position = this.get(event.marketId, event.partyId);
    position.updateWithPositionSettlement(
      Decimal.parse(event.price),
      this.factorOf(event.marketId, event.positionFactor),
      event.tradeSettlements.map((t) => ({
        size: bigintOf(t.size),
        price: Decimal.parse(t.price),
        marketPrice: Decimal.parse(t.marketPrice),
      })),
    );
    this.touch(position, blockTimeNs);
  }

  /** A LOSS_SOCIALIZATION event. */
  onLossSocialization(event: LossSocialization, blockTimeNs: bigint): void {
    const position = this.get(event.marketId, event.partyId);
    position.updateWithLossSocialization(Decimal.parse(event.amount));
    this.touch(position, blockTimeNs);
  }

  /** A SETTLE_DISTRESSED event. */
  onSettleDistressed(event: SettleDistressed, blockTimeNs: bigint): void {
    const position = this.get(event.marketId, event.partyId);
    position.updateWithSettleDistressed(Decimal.parse(event.margin));
    this.touch(position, blockTimeNs);
  }

  /** A SETTLE_MARKET event: every position of the market. */
  onSettleMarket(event: SettleMarket, blockTimeNs: bigint): void {
    const price = Decimal.parse(event.price);
    const pf = this.factorOf(event.marketId, event.positionFactor);
    for (const position of this.byMarket.get(event.marketId) ?? []) {
      position.updateWithSettleMarket(price, pf);
      this.touch(position, blockTimeNs);
    }
  }

  /** DISTRESSED_ORDERS_CLOSED: the listed parties' existing positions. */
  onDistressedOrdersClosed(event: DistressedOrders, blockTimeNs: bigint): void {
    for (const party of event.parties) {
      const position = this.byKey.get(event.marketId)?.get(party);
      if (!position) continue;
      position.updateOrdersClosed();
      this.touch(position, blockTimeNs);
    }
  }

  /** DISTRESSED_POSITIONS: toggles the listed parties' existing positions (as the real node). */
  onDistressedPositions(event: DistressedPositions, blockTimeNs: bigint): void {
    for (const party of [...event.distressedParties, ...event.safeParties]) {
      const position = this.byKey.get(event.marketId)?.get(party);
      if (!position) continue;
      position.toggleDistressedStatus();
      this.touch(position, blockTimeNs);
    }
  }

  /** FUNDING_PAYMENTS. */
  onFundingPayments(event: FundingPayments, blockTimeNs: bigint): void {
    for (const payment of event.payments) {
      const position = this.get(event.marketId, payment.partyId);
      position.applyFundingPayment(bigintOf(payment.amount));
      this.touch(position, blockTimeNs);
    }
  }

  /** MARKET_DATA: marks the market's open positions to its mark price (when enabled). */
  onMarketData(data: MarketData, blockTimeNs: bigint): void {
    if (!this.markToMarketFromMarketData) return;
    const mark = Decimal.parse(data.markPrice);
    if (mark.isZero()) return;
    const positions = this.byMarket.get(data.market);
    if (!positions) return;
    const pf = this.markets.positionFactor(data.market);
    const price = this.assetPrice(data.market, data.markPrice, '');
    for (const position of positions) {
      if (position.pendingOpenVolume === 0n) continue;
      const before = position.roundedUnrealisedPnl();
      position.pendingMarkToMarket(price, pf);
      if (position.roundedUnrealisedPnl() !== before) this.touch(position, blockTimeNs);
    }
  }

  /** The positions touched since the last flush (latest state, order of last update). */
  flush(): Position[] {
    return this.changed.drain().map((position) => position.toPosition());
  }

  /** Every known position matching the filter, in order of creation. */
  query(filter: PositionFilter = {}): Position[] {
    const out: Position[] = [];
    for (const position of this.all) {
      if (filter.partyId !== undefined && position.partyId !== filter.partyId) continue;
      if (filter.marketId !== undefined && position.marketId !== filter.marketId) continue;
      out.push(position.toPosition());
    }
    return out;
  }

  /** The position entity of a party in a market, if it exists (for tests and invariants). */
  entity(marketId: string, partyId: string): PositionEntity | undefined {
    return this.byKey.get(marketId)?.get(partyId);
  }

  /** Every party id that has a position. */
  partyIds(): string[] {
    return [...new Set(this.all.map((p) => p.partyId))];
  }

  /**
   * A price in market decimals as the settlement asset's decimals: the trade's `assetPrice` when
   * the core gave one (v0.79), else `price × 10^(assetDecimals − marketDecimals)` from the market
   * and asset events, else the price itself.
   */
  private assetPrice(marketId: string, price: string, assetPrice: string): Decimal {
    if (assetPrice !== '') return Decimal.parse(assetPrice);
    const factor = this.markets.assetPriceFactor(marketId);
    const value = Decimal.parse(price);
    return factor ? value.mul(factor) : value;
  }

  /** An event's position factor, or the market's when the event has none. */
  private factorOf(marketId: string, positionFactor: string): Decimal {
    const pf = Decimal.parse(positionFactor);
    return pf.isZero() ? this.markets.positionFactor(marketId) : pf;
  }

  private get(marketId: string, partyId: string): PositionEntity {
    let byParty = this.byKey.get(marketId);
    if (!byParty) this.byKey.set(marketId, (byParty = new Map()));
    let position = byParty.get(partyId);
    if (!position) {
      position = new PositionEntity(marketId, partyId);
      byParty.set(partyId, position);
      this.all.push(position);
      const list = this.byMarket.get(marketId);
      if (list) list.push(position);
      else this.byMarket.set(marketId, [position]);
    }
    return position;
  }

  private touch(position: PositionEntity, blockTimeNs: bigint): void {
    position.updatedAt = blockTimeNs;
    this.changed.touch(position);
  }
}
