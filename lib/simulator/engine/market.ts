import {
  AccountType,
  BusEventType,
  OrderError,
  OrderStatus,
  OrderTimeInForce,
  OrderType,
  Side,
  type MarketData,
} from '../../codecs/index.js';
import { LedgerBatch, NO_MARKET, SYSTEM_OWNER, type Collateral, type SimAccount } from './collateral.js';
import { txFailed, TX_OK, type AmendOrderCommand, type CancelOrderCommand, type SubmitOrderCommand, type TxOutcome } from './commands.js';
import type { EmitContext } from './event-writer.js';
import { feeTotal, tradeFees, transferFees, type FeeAccounts, type TradeFees } from './fees.js';
import type { IdSource } from './ids.js';
import { LiquidityProvisions } from './liquidity.js';
import { emitMarginLevels, initialMarginFor, rebalanceMargin } from './margin.js';
import type { MarketConfig } from './market-config.js';
import { applyFills, planMatch, wouldCross, type MatchPlan } from './matching.js';
import { orderErrorText } from './order-errors.js';
import { OrderBook } from './order-book.js';
import { PartyMarket } from './party-market.js';
import { markToMarket } from './settlement.js';
import { newOrder } from './new-order.js';
import { tradeToProto } from './trade-proto.js';
import { LiveOrders } from './live-orders.js';
import { marketDataOf, positionStateOf } from './market-data.js';
import { orderToProto, type SimOrder } from './sim-order.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const ACCOUNT_TYPE_FEES_INFRASTRUCTURE = AccountType.ACCOUNT_TYPE_FEES_INFRASTRUCTURE;
const ACCOUNT_TYPE_FEES_LIQUIDITY = AccountType.ACCOUNT_TYPE_FEES_LIQUIDITY;
const ACCOUNT_TYPE_FEES_MAKER = AccountType.ACCOUNT_TYPE_FEES_MAKER;
const ACCOUNT_TYPE_INSURANCE = AccountType.ACCOUNT_TYPE_INSURANCE;
const ACCOUNT_TYPE_SETTLEMENT = AccountType.ACCOUNT_TYPE_SETTLEMENT;
const BUS_EVENT_TYPE_MARKET_DATA = BusEventType.BUS_EVENT_TYPE_MARKET_DATA;
const BUS_EVENT_TYPE_ORDER = BusEventType.BUS_EVENT_TYPE_ORDER;
const BUS_EVENT_TYPE_POSITION_STATE = BusEventType.BUS_EVENT_TYPE_POSITION_STATE;
const BUS_EVENT_TYPE_TRADE = BusEventType.BUS_EVENT_TYPE_TRADE;
const ORDER_ERROR_AMEND_FAILURE = OrderError.ORDER_ERROR_AMEND_FAILURE;
const ORDER_ERROR_CANNOT_HAVE_GTC_AND_EXPIRYAT = OrderError.ORDER_ERROR_CANNOT_HAVE_GTC_AND_EXPIRYAT;
const ORDER_ERROR_EXPIRYAT_BEFORE_CREATEDAT = OrderError.ORDER_ERROR_EXPIRYAT_BEFORE_CREATEDAT;
const ORDER_ERROR_INSUFFICIENT_FUNDS_TO_PAY_FEES = OrderError.ORDER_ERROR_INSUFFICIENT_FUNDS_TO_PAY_FEES;
const ORDER_ERROR_INVALID_PARTY_ID = OrderError.ORDER_ERROR_INVALID_PARTY_ID;
const ORDER_ERROR_MARGIN_CHECK_FAILED = OrderError.ORDER_ERROR_MARGIN_CHECK_FAILED;
const ORDER_ERROR_NOT_FOUND = OrderError.ORDER_ERROR_NOT_FOUND;
const ORDER_ERROR_POST_ONLY_ORDER_WOULD_TRADE = OrderError.ORDER_ERROR_POST_ONLY_ORDER_WOULD_TRADE;
const ORDER_ERROR_PRICE_NOT_IN_TICK_SIZE = OrderError.ORDER_ERROR_PRICE_NOT_IN_TICK_SIZE;
const ORDER_ERROR_SELF_TRADING = OrderError.ORDER_ERROR_SELF_TRADING;
const STATUS_ACTIVE = OrderStatus.STATUS_ACTIVE;
const STATUS_CANCELLED = OrderStatus.STATUS_CANCELLED;
const STATUS_EXPIRED = OrderStatus.STATUS_EXPIRED;
const STATUS_FILLED = OrderStatus.STATUS_FILLED;
const STATUS_PARTIALLY_FILLED = OrderStatus.STATUS_PARTIALLY_FILLED;
const STATUS_REJECTED = OrderStatus.STATUS_REJECTED;
const STATUS_STOPPED = OrderStatus.STATUS_STOPPED;
const TIME_IN_FORCE_FOK = OrderTimeInForce.TIME_IN_FORCE_FOK;
const TIME_IN_FORCE_GTC = OrderTimeInForce.TIME_IN_FORCE_GTC;
const TIME_IN_FORCE_GTT = OrderTimeInForce.TIME_IN_FORCE_GTT;
const TYPE_MARKET = OrderType.TYPE_MARKET;
const SIDE_BUY = Side.SIDE_BUY;

/** The sum of the fees of a plan's fills. */
function totalFees(fees: readonly TradeFees[]): bigint {
  let total = 0n;
  for (const f of fees) total += feeTotal(f);
  return total;
}

/** What a market needs from the rest of the engine. */
export interface MarketEnv {
  /** All collateral accounts. */
  readonly collateral: Collateral;
  /** Id source for trades. */
  readonly ids: IdSource;
  /** The general account of a party in an asset (opened at genesis). */
  general(partyId: string, assetId: string): SimAccount;
  /** Minimum time between two marks-to-market, ns (Vega's network.markPriceUpdateMaximumFrequency). */
  readonly markToMarketNs: bigint;
}

/**
 * One market's execution: its order book and matching, orders' life cycle (submit, amend,
 * cancel, expire), fees, positions, margins, mark-to-market settlement, liquidity commitments and
 * the MARKET_DATA / POSITION_STATE events, all emitted as the core would.
 */
export class MarketEngine {
  /** The limit order book. */
  readonly book = new OrderBook();
  /** Live (resting) orders. */
  readonly live = new LiveOrders();
  /** Per-party state, created on first use. */
  readonly parties = new Map<string, PartyMarket>();
  /** Liquidity commitments. */
  readonly liquidity: LiquidityProvisions;
  /** Mark price (price units): the last traded price as of the last mark-to-market. */
  markPrice: bigint;
  /** Last traded price (0 before the first trade). */
  lastTradedPrice = 0n;
  /** Sum of long open volumes. */
  openInterest = 0n;
  private touched = new Set<PartyMarket>();
  /** Something traded since the last mark-to-market. */
  private tradedSinceMtm = false;
  /** Earliest block time of the next mark-to-market. */
  private nextMtmNs = 0n;
  private accounts: (FeeAccounts & { settlement: SimAccount; insurance: SimAccount }) | undefined;

  constructor(
    /** The market's configuration. */
    readonly cfg: MarketConfig,
    private readonly env: MarketEnv,
  ) {
    this.markPrice = cfg.initialPrice;
    this.liquidity = new LiquidityProvisions(cfg, env.collateral);
  }

  /** Opens the market's network accounts (genesis), each announced by an ACCOUNT event. */
  openAccounts(ctx: EmitContext): void {
    const c = this.env.collateral;
    const asset = this.cfg.asset.id;
    const id = this.cfg.id;
    this.accounts = {
      insurance: c.open(ctx, ACCOUNT_TYPE_INSURANCE, asset, SYSTEM_OWNER, id),
      settlement: c.open(ctx, ACCOUNT_TYPE_SETTLEMENT, asset, SYSTEM_OWNER, id),
      maker: c.open(ctx, ACCOUNT_TYPE_FEES_MAKER, asset, SYSTEM_OWNER, id),
      liquidity: c.open(ctx, ACCOUNT_TYPE_FEES_LIQUIDITY, asset, SYSTEM_OWNER, id),
      infrastructure: c.open(ctx, ACCOUNT_TYPE_FEES_INFRASTRUCTURE, asset, SYSTEM_OWNER, NO_MARKET),
    };
  }

  private get acc(): FeeAccounts & { settlement: SimAccount; insurance: SimAccount } {
    if (this.accounts === undefined) throw new Error('market accounts not opened');
    return this.accounts;
  }

  /** The party's state in this market (created on first use). */
  party(partyId: string): PartyMarket {
    let pm = this.parties.get(partyId);
    if (pm === undefined) {
      pm = new PartyMarket(partyId, this.cfg, this.env.general(partyId, this.cfg.asset.id));
      this.parties.set(partyId, pm);
    }
    return pm;
  }

  private addLive(o: SimOrder, pm: PartyMarket): void {
    this.book.sideOf(o.side).add(o);
    pm.addResting(o.side, o.price, o.remaining);
    this.live.add(o);
  }

  /** Takes a live order off the book and out of the party's resting totals (still live). */
  private unrest(o: SimOrder, pm: PartyMarket): void {
    this.book.sideOf(o.side).remove(o);
    pm.addResting(o.side, o.price, -o.remaining);
  }

  private forget(o: SimOrder): void {
    this.live.delete(o);
  }

  private emitOrder(ctx: EmitContext, o: SimOrder): void {
    ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_ORDER, 'order', orderToProto(o));
  }

  private reject(ctx: EmitContext, o: SimOrder, reason: OrderError): TxOutcome {
    o.status = STATUS_REJECTED;
    o.reason = reason;
    this.emitOrder(ctx, o);
    return txFailed(orderErrorText(reason));
  }

  /**
   * Funds check before an order (or amendment) takes effect: the party must afford the fees of
   * its prospective trades and, if its worst-case exposure grows, the initial margin of the new
   * exposure at the mark price, from its general and margin accounts together.
   */
  private checkFunds(pm: PartyMarket, extraBuy: bigint, extraSell: bigint, fees: bigint): OrderError | undefined {
    const available = pm.general.balance + (pm.margin === undefined ? 0n : pm.margin.balance);
    if (available < fees) return ORDER_ERROR_INSUFFICIENT_FUNDS_TO_PAY_FEES;
    const after = pm.exposure(extraBuy, extraSell);
    if (after > pm.exposure()) {
      if (available - fees < initialMarginFor(this.cfg, after, this.markPrice)) return ORDER_ERROR_MARGIN_CHECK_FAILED;
    }
    return undefined;
  }

  /** The fees of each fill of a plan, in order (computed once: checked, then charged). */
  private planFees(plan: MatchPlan): TradeFees[] {
    return plan.fills.map((f) => tradeFees(this.cfg, f.passive.price, f.size));
  }

  /** Processes an order submission; `orderId` was allocated for it. */
  submit(ctx: EmitContext, cmd: SubmitOrderCommand, orderId: string): TxOutcome {
    const created = newOrder(cmd, orderId, this.cfg, ctx.w.timeNs, ctx.w.timeText);
    if (!created.ok) return txFailed(created.error);
    const o = created.order;
    if (created.rejection !== undefined) return this.reject(ctx, o, created.rejection);
    if (o.postOnly && wouldCross(this.book, o.side, o.price)) {
      return this.reject(ctx, o, ORDER_ERROR_POST_ONLY_ORDER_WOULD_TRADE);
    }
    const pm = this.party(cmd.partyId);
    const plan = planMatch(this.book, o.side, o.type === TYPE_MARKET ? null : o.price, o.size, o.partyId);
    if (o.timeInForce === TIME_IN_FORCE_FOK && (plan.filled < o.size || plan.selfTrade)) {
      o.status = STATUS_STOPPED;
      if (plan.selfTrade) o.reason = ORDER_ERROR_SELF_TRADING;
      this.emitOrder(ctx, o);
      return TX_OK;
    }
    const buy = o.side === SIDE_BUY;
    const fees = this.planFees(plan);
    const problem = this.checkFunds(pm, buy ? o.size : 0n, buy ? 0n : o.size, totalFees(fees));
    if (problem !== undefined) return this.reject(ctx, o, problem);
    this.execute(ctx, o, pm, plan, fees);
    return TX_OK;
  }

  /**
   * Runs an aggressive order (new, or amended to a new price) against the book as planned: fees,
   * trades, passive order updates, positions; then rests, fills or stops the aggressor and
   * rebalances the margins of everyone involved. Emits, in the core's order: fee transfers, the
   * aggressor's ORDER, the passive ORDERs, the TRADEs, margin transfers, MARGIN_LEVELS.
   * `fees` are the plan's fees per fill ({@link planFees}).
   */
  private execute(ctx: EmitContext, o: SimOrder, pm: PartyMarket, plan: MatchPlan, fees: readonly TradeFees[]): void {
    const buy = o.side === SIDE_BUY;
    const batch = new LedgerBatch(ctx);
    const fills = plan.fills;
    const involved: PartyMarket[] = [pm];
    this.touched.add(pm);
    if (fills.length > 0) {
      const makerShares = new Map<PartyMarket, bigint>();
      let maker = 0n;
      let infrastructure = 0n;
      let liquidity = 0n;
      for (let i = 0; i < fills.length; i++) {
        const f = fills[i] as (typeof fills)[number];
        const fee = fees[i] as TradeFees;
        maker += fee.maker;
        infrastructure += fee.infrastructure;
        liquidity += fee.liquidity;
        const ppm = this.party(f.passive.partyId);
        makerShares.set(ppm, (makerShares.get(ppm) ?? 0n) + fee.maker);
      }
      transferFees(batch, this.acc, pm, makerShares, { maker, infrastructure, liquidity });
      batch.flush();
      applyFills(this.book, o.side, plan);
    }
    // positions and passive orders
    const updatedPassives: SimOrder[] = [];
    for (const f of fills) {
      const p = f.passive;
      const ppm = this.party(p.partyId);
      ppm.addResting(p.side, p.price, -f.size);
      p.updatedAt = ctx.w.timeText;
      if (p.remaining === 0n) {
        p.status = STATUS_FILLED;
        this.forget(p);
      }
      updatedPassives.push(p);
      this.openInterest += pm.applyTrade(buy ? f.size : -f.size, p.price);
      this.openInterest += ppm.applyTrade(buy ? -f.size : f.size, p.price);
      if (!involved.includes(ppm)) involved.push(ppm);
      this.touched.add(ppm);
      this.lastTradedPrice = p.price;
      this.tradedSinceMtm = true;
    }
    o.remaining -= plan.filled;
    const persistent =
      o.timeInForce === TIME_IN_FORCE_GTC || o.timeInForce === TIME_IN_FORCE_GTT;
    if (plan.selfTrade) {
      o.status = STATUS_STOPPED;
      o.reason = ORDER_ERROR_SELF_TRADING;
      this.forget(o);
    } else if (o.remaining === 0n) {
      o.status = STATUS_FILLED;
      this.forget(o);
    } else if (!persistent) {
      o.status = plan.filled > 0n ? STATUS_PARTIALLY_FILLED : STATUS_STOPPED;
    } else {
      o.status = STATUS_ACTIVE;
      this.addLive(o, pm);
    }
    this.emitOrder(ctx, o);
    for (const p of updatedPassives) this.emitOrder(ctx, p);
    for (let i = 0; i < fills.length; i++) {
      const f = fills[i] as (typeof fills)[number];
      const trade = tradeToProto(this.cfg, this.env.ids.next(), o, f.passive, f.size, fees[i] as TradeFees, ctx.w.timeText);
      ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_TRADE, 'trade', trade);
    }
    this.rebalance(ctx, involved);
  }

  private rebalance(ctx: EmitContext, parties: Iterable<PartyMarket>): void {
    const batch = new LedgerBatch(ctx);
    const changed: PartyMarket[] = [];
    for (const pm of parties) {
      if (rebalanceMargin(pm, this.markPrice, this.env.collateral, batch, ctx) !== undefined) changed.push(pm);
    }
    batch.flush();
    emitMarginLevels(ctx, changed);
  }

  /** Processes an amendment: price or size increase loses time priority, a size decrease keeps it. */
  amend(ctx: EmitContext, cmd: AmendOrderCommand): TxOutcome {
    const o = this.live.get(cmd.orderId);
    if (o === undefined) return txFailed(orderErrorText(ORDER_ERROR_NOT_FOUND));
    if (o.partyId !== cmd.partyId) return txFailed(orderErrorText(ORDER_ERROR_INVALID_PARTY_ID));
    const price = cmd.price ?? o.price;
    const delta = cmd.sizeDelta ?? 0n;
    const expiresAt = cmd.expiresAt ?? o.expiresAt;
    if (price === o.price && delta === 0n && expiresAt === o.expiresAt) {
      return txFailed(orderErrorText(ORDER_ERROR_AMEND_FAILURE));
    }
    if (price <= 0n || price % this.cfg.tickSize !== 0n) {
      return txFailed(orderErrorText(ORDER_ERROR_PRICE_NOT_IN_TICK_SIZE));
    }
    if (expiresAt !== o.expiresAt) {
      if (o.timeInForce !== TIME_IN_FORCE_GTT) {
        return txFailed(orderErrorText(ORDER_ERROR_CANNOT_HAVE_GTC_AND_EXPIRYAT));
      }
      if (expiresAt <= ctx.w.timeNs) return txFailed(orderErrorText(ORDER_ERROR_EXPIRYAT_BEFORE_CREATEDAT));
    }
    const pm = this.party(o.partyId);
    const remaining = o.remaining + delta;
    if (remaining <= 0n) {
      // Vega: an amendment that leaves nothing to trade cancels the order.
      this.unrest(o, pm);
      this.forget(o);
      o.status = STATUS_CANCELLED;
      o.updatedAt = ctx.w.timeText;
      this.emitOrder(ctx, o);
      this.touched.add(pm);
      this.rebalance(ctx, [pm]);
      return TX_OK;
    }
    const priceChanged = price !== o.price;
    const buy = o.side === SIDE_BUY;
    if (priceChanged) {
      if (o.postOnly && wouldCross(this.book, o.side, price)) {
        return txFailed(orderErrorText(ORDER_ERROR_POST_ONLY_ORDER_WOULD_TRADE));
      }
      // the order's own side does not take part in matching, so plan before taking it off
      const plan = planMatch(this.book, o.side, price, remaining, o.partyId);
      const fees = this.planFees(plan);
      const problem = this.checkFunds(pm, buy ? delta : 0n, buy ? 0n : delta, totalFees(fees));
      if (problem !== undefined) return txFailed(orderErrorText(problem));
      this.unrest(o, pm);
      o.price = price;
      o.size += delta;
      o.remaining = remaining;
      o.expiresAt = expiresAt;
      o.version++;
      o.updatedAt = ctx.w.timeText;
      this.execute(ctx, o, pm, plan, fees);
      return TX_OK;
    }
    if (delta > 0n) {
      const problem = this.checkFunds(pm, buy ? delta : 0n, buy ? 0n : delta, 0n);
      if (problem !== undefined) return txFailed(orderErrorText(problem));
      this.unrest(o, pm);
      o.size += delta;
      o.remaining = remaining;
      this.book.sideOf(o.side).add(o);
      pm.addResting(o.side, o.price, o.remaining);
    } else if (delta < 0n) {
      this.book.sideOf(o.side).resize(o, remaining);
      pm.addResting(o.side, o.price, delta);
      o.size += delta;
    }
    o.expiresAt = expiresAt;
    o.version++;
    o.updatedAt = ctx.w.timeText;
    this.emitOrder(ctx, o);
    this.touched.add(pm);
    this.rebalance(ctx, [pm]);
    return TX_OK;
  }

  /** Processes a cancellation (one order, or all of the party's orders in this market). */
  cancel(ctx: EmitContext, cmd: CancelOrderCommand): TxOutcome {
    const pm = this.party(cmd.partyId);
    let targets: SimOrder[];
    if (cmd.orderId === undefined || cmd.orderId === '') {
      targets = [];
      for (const o of this.live.values()) if (o.partyId === cmd.partyId) targets.push(o);
    } else {
      const o = this.live.get(cmd.orderId);
      if (o === undefined) return txFailed(orderErrorText(ORDER_ERROR_NOT_FOUND));
      if (o.partyId !== cmd.partyId) return txFailed(orderErrorText(ORDER_ERROR_INVALID_PARTY_ID));
      targets = [o];
    }
    for (const o of targets) {
      this.unrest(o, pm);
      this.forget(o);
      o.status = STATUS_CANCELLED;
      o.updatedAt = ctx.w.timeText;
      this.emitOrder(ctx, o);
    }
    if (targets.length > 0) {
      this.touched.add(pm);
      this.rebalance(ctx, [pm]);
    }
    return TX_OK;
  }

  /** Start of block: expires GTT orders whose expiry is at or before the block time. */
  expireOrders(ctx: EmitContext): void {
    const expired = this.live.expiredBy(ctx.w.timeNs);
    if (expired.length === 0) return;
    const affected: PartyMarket[] = [];
    for (const o of expired) {
      const pm = this.party(o.partyId);
      this.unrest(o, pm);
      this.forget(o);
      o.status = STATUS_EXPIRED;
      o.updatedAt = ctx.w.timeText;
      this.emitOrder(ctx, o);
      this.touched.add(pm);
      if (!affected.includes(pm)) affected.push(pm);
    }
    this.rebalance(ctx, affected);
  }

  /**
   * End of block: when the mark-to-market is due (every `markToMarketNs`) and something traded
   * since the last one, settles at the last traded price, rebalances margins (everyone when the
   * mark moved, else the settled parties) and stops the orders of parties that cannot meet
   * maintenance; then emits MARKET_DATA.
   */
  endBlock(ctx: EmitContext): void {
    const now = ctx.w.timeNs;
    if (now >= this.nextMtmNs) {
      this.nextMtmNs = now + this.env.markToMarketNs;
      if (this.tradedSinceMtm) {
        this.tradedSinceMtm = false;
        const oldMark = this.markPrice;
        const newMark = this.lastTradedPrice;
        const batch = new LedgerBatch(ctx);
        const settled = markToMarket(ctx, this.env.collateral, batch, this.cfg, this.parties.values(), oldMark, newMark, this.acc);
        batch.flush();
        this.markPrice = newMark;
        const targets: PartyMarket[] = [];
        if (newMark !== oldMark) {
          for (const pm of this.parties.values()) {
            if (pm.exposure() > 0n || (pm.margin !== undefined && pm.margin.balance > 0n)) targets.push(pm);
          }
        } else {
          targets.push(...settled);
        }
        this.rebalance(ctx, targets);
        this.stopDistressed(ctx, targets);
      }
    }
    ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_MARKET_DATA, 'marketData', this.marketData(ctx.w.timeText));
  }

  /** Stops the orders of parties whose margin stays below maintenance after rebalancing. */
  private stopDistressed(ctx: EmitContext, parties: readonly PartyMarket[]): void {
    const distressed: PartyMarket[] = [];
    for (const pm of parties) {
      const l = pm.levels;
      const balance = pm.margin === undefined ? 0n : pm.margin.balance;
      if (l !== undefined && balance < l.maintenance && pm.buyRemaining + pm.sellRemaining > 0n) distressed.push(pm);
    }
    if (distressed.length === 0) return;
    for (const pm of distressed) {
      const orders = [...this.live.values()].filter((o) => o.partyId === pm.partyId);
      for (const o of orders) {
        this.unrest(o, pm);
        this.forget(o);
        o.status = STATUS_STOPPED;
        o.reason = ORDER_ERROR_MARGIN_CHECK_FAILED;
        o.updatedAt = ctx.w.timeText;
        this.emitOrder(ctx, o);
      }
      this.touched.add(pm);
    }
    this.rebalance(ctx, distressed);
  }

  /** Emits POSITION_STATE for every party whose orders or position changed this block. */
  emitPositionStates(ctx: EmitContext): void {
    for (const pm of this.touched) {
      ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_POSITION_STATE, 'positionStateEvent', positionStateOf(pm));
    }
    this.touched = new Set();
  }

  /** The MARKET_DATA payload for the current state at block time `timeText`. */
  marketData(timeText: string): MarketData {
    return marketDataOf(
      {
        markPrice: this.markPrice,
        lastTradedPrice: this.lastTradedPrice,
        openInterest: this.openInterest,
        cfg: this.cfg,
        book: this.book,
        suppliedStake: this.liquidity.supplied,
        nextMarkToMarketNs: this.nextMtmNs,
      },
      timeText,
    );
  }

  /** Mark price, last traded price and open interest. */
  prices(): { markPrice: bigint; lastTradedPrice: bigint; openInterest: bigint } {
    return { markPrice: this.markPrice, lastTradedPrice: this.lastTradedPrice, openInterest: this.openInterest };
  }

  /** The market's liquidity fee account. */
  liquidityFeeAccount(): SimAccount {
    return this.acc.liquidity;
  }
}
