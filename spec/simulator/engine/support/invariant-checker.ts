import {
  BusEventType,
  OrderStatus,
  Side,
  type AccountDetails,
  type BusEvent,
  type MarginLevels,
  type Order,
} from '../../../../lib/codecs/index.js';
import type { CoreBlock } from '../../../../lib/simulator/core-block.js';
import type { Engine } from '../../../../lib/simulator/engine/index.js';
import { sameJson } from './same-json.js';

const BUS_EVENT_TYPE_BEGIN_BLOCK = BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK;
const SIDE_BUY = Side.SIDE_BUY;
const SIDE_SELL = Side.SIDE_SELL;
const STATUS_ACTIVE = OrderStatus.STATUS_ACTIVE;
const STATUS_CANCELLED = OrderStatus.STATUS_CANCELLED;
const STATUS_EXPIRED = OrderStatus.STATUS_EXPIRED;
const STATUS_FILLED = OrderStatus.STATUS_FILLED;
const STATUS_PARTIALLY_FILLED = OrderStatus.STATUS_PARTIALLY_FILLED;
const STATUS_REJECTED = OrderStatus.STATUS_REJECTED;
const STATUS_STOPPED = OrderStatus.STATUS_STOPPED;

const HEX64_UPPER = /^[0-9A-F]{64}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const NON_NEGATIVE = /^(0|[1-9]\d*)$/;

const FIRST_STATUSES = new Set<OrderStatus>([
  STATUS_ACTIVE,
  STATUS_FILLED,
  STATUS_PARTIALLY_FILLED,
  STATUS_STOPPED,
  STATUS_REJECTED,
]);
const FROM_ACTIVE = new Set<OrderStatus>([
  STATUS_ACTIVE,
  STATUS_FILLED,
  STATUS_CANCELLED,
  STATUS_EXPIRED,
  STATUS_STOPPED,
]);

function detailsId(d: AccountDetails | undefined): string {
  if (d === undefined) throw new Error('ledger entry without account');
  return `${d.marketId ?? '!'}${d.owner ?? '*'}${d.assetId}${d.type}`;
}

/** Counts of what a run produced, to check the run exercised every path. */
export interface RunStats {
  blocks: number;
  events: number;
  trades: number;
  statuses: Map<OrderStatus, number>;
  types: Map<BusEventType, number>;
  failedTx: number;
  maxBookLevels: number;
}

/**
 * Checks one block at a time, against the previous blocks and the engine's state, and throws
 * on the first broken invariant (with the block height and event id in the message).
 */
export class InvariantChecker {
  private readonly orders = new Map<string, Order>();
  private readonly balances = new Map<string, bigint>();
  private readonly positions = new Map<string, bigint>();
  private readonly margins = new Map<string, MarginLevels>();
  private lastTime = -1n;
  private lastHeight = 0n;
  readonly stats: RunStats = {
    blocks: 0,
    events: 0,
    trades: 0,
    statuses: new Map(),
    types: new Map(),
    failedTx: 0,
    maxBookLevels: 0,
  };

  constructor(
    private readonly engine: Engine,
    private readonly deposits: ReadonlyMap<string, bigint>,
  ) {}

  private fail(block: CoreBlock, msg: string, ev?: BusEvent): never {
    throw new Error(`block ${block.height}${ev === undefined ? '' : ` event ${ev.id}`}: ${msg}`);
  }

  check(block: CoreBlock): void {
    const live = new Map<string, Order>();
    for (const o of this.engine.liveOrders()) live.set(o.id, o);
    this.checkEnvelope(block);
    this.checkOrdersAndTrades(block, live);
    this.checkLedger(block);
    this.checkState(block, live);
  }

  private checkEnvelope(block: CoreBlock): void {
    const { events } = block;
    const s = this.stats;
    s.blocks++;
    s.events += events.length;
    if (block.height !== this.lastHeight + 1n) this.fail(block, 'height does not follow');
    if (block.timeNs <= this.lastTime) this.fail(block, 'time does not increase');
    this.lastHeight = block.height;
    this.lastTime = block.timeNs;
    if (!HEX64.test(block.hash)) this.fail(block, 'bad block hash');
    const upper = block.hash.toUpperCase();
    const time = block.timeNs.toString();
    const first = events[0];
    const second = events[1];
    const last = events[events.length - 1];
    if (first?.beginBlock === undefined || first.type !== BUS_EVENT_TYPE_BEGIN_BLOCK) this.fail(block, 'no BEGIN_BLOCK first');
    if (first.beginBlock.height !== block.height.toString() || first.beginBlock.hash !== block.hash || first.beginBlock.timestamp !== time) {
      this.fail(block, 'BEGIN_BLOCK fields');
    }
    if (second?.timeUpdate?.timestamp !== time) this.fail(block, 'TIME_UPDATE second, with the block time');
    if (last?.endBlock?.height !== block.height.toString()) this.fail(block, 'END_BLOCK last');
    let txStart = -1;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i] as BusEvent;
      s.types.set(ev.type, (s.types.get(ev.type) ?? 0) + 1);
      if (ev.id !== `${block.height}-${i + 1}`) this.fail(block, `id ${ev.id}`, ev);
      if (ev.block !== upper || ev.version !== 1 || ev.chainId !== this.engine.chainId) this.fail(block, 'envelope', ev);
      if (!HEX64_UPPER.test(ev.txHash)) this.fail(block, 'txHash', ev);
      // every transaction's events are contiguous and end with its TRANSACTION_RESULT
      if (ev.txHash !== upper && block.height > 1n) {
        const prev = events[i - 1];
        if (prev === undefined || prev.txHash !== ev.txHash) txStart = i;
        const next = events[i + 1];
        if (next === undefined || next.txHash !== ev.txHash) {
          const r = ev.transactionResult;
          if (r === undefined) this.fail(block, 'transaction does not end with TRANSACTION_RESULT', ev);
          if (r.hash !== ev.txHash.toLowerCase()) this.fail(block, 'TRANSACTION_RESULT hash', ev);
          if (!r.status) s.failedTx++;
          if ((r.failure === undefined) !== r.status || (r.success === undefined) === r.status) this.fail(block, 'result status/details', ev);
          if (txStart < 0) this.fail(block, 'tx start', ev);
        }
      }
    }
  }

  private checkOrdersAndTrades(block: CoreBlock, live: ReadonlyMap<string, Order>): void {
    const time = block.timeNs.toString();
    // traded size per tx and order
    const traded = new Map<string, bigint>();
    const orderTxs = new Map<string, Set<string>>();
    for (const ev of block.events) {
      if (ev.order !== undefined) {
        let txs = orderTxs.get(ev.txHash);
        if (txs === undefined) orderTxs.set(ev.txHash, (txs = new Set()));
        txs.add(ev.order.id);
      }
      const t = ev.trade;
      if (t === undefined) continue;
      this.stats.trades++;
      if (t.buyer === t.seller) this.fail(block, 'self trade', ev);
      if (BigInt(t.size) <= 0n || BigInt(t.price) <= 0n) this.fail(block, 'trade size/price', ev);
      if (t.aggressor !== SIDE_BUY && t.aggressor !== SIDE_SELL) this.fail(block, 'aggressor', ev);
      if (t.timestamp !== time) this.fail(block, 'trade timestamp', ev);
      const txOrders = orderTxs.get(ev.txHash);
      if (txOrders === undefined || !txOrders.has(t.buyOrder) || !txOrders.has(t.sellOrder)) {
        this.fail(block, 'trade without ORDER events of both orders in its transaction', ev);
      }
      const aggFee = t.aggressor === SIDE_BUY ? t.buyerFee : t.sellerFee;
      const passiveFee = t.aggressor === SIDE_BUY ? t.sellerFee : t.buyerFee;
      if (aggFee === undefined || passiveFee?.makerFee !== '0' || passiveFee.infrastructureFee !== '0') this.fail(block, 'fees on the wrong side', ev);
      for (const id of [t.buyOrder, t.sellOrder]) {
        const key = `${ev.txHash}/${id}`;
        traded.set(key, (traded.get(key) ?? 0n) + BigInt(t.size));
      }
      const key = `${t.marketId}/${t.buyer}`;
      this.positions.set(key, (this.positions.get(key) ?? 0n) + BigInt(t.size));
      const keyS = `${t.marketId}/${t.seller}`;
      this.positions.set(keyS, (this.positions.get(keyS) ?? 0n) - BigInt(t.size));
    }
    for (const ev of block.events) {
      const o = ev.order;
      if (o === undefined) continue;
      const s = this.stats;
      s.statuses.set(o.status, (s.statuses.get(o.status) ?? 0) + 1);
      if (!NON_NEGATIVE.test(o.remaining) || !NON_NEGATIVE.test(o.size) || !NON_NEGATIVE.test(o.price)) this.fail(block, 'negative order numbers', ev);
      const size = BigInt(o.size);
      const remaining = BigInt(o.remaining);
      if (remaining > size || size <= 0n) this.fail(block, 'remaining > size', ev);
      if (o.updatedAt !== '0' && o.updatedAt !== time) this.fail(block, 'updatedAt is not the block time', ev);
      if (BigInt(o.createdAt) > block.timeNs) this.fail(block, 'createdAt in the future', ev);
      const prev = this.orders.get(o.id);
      const tradedHere = traded.get(`${ev.txHash}/${o.id}`) ?? 0n;
      if (prev === undefined) {
        if (!FIRST_STATUSES.has(o.status)) this.fail(block, `first status ${OrderStatus[o.status]}`, ev);
        if (o.version !== '1') this.fail(block, 'first version', ev);
        if (remaining !== size - tradedHere) this.fail(block, 'new order remaining != size - traded', ev);
      } else {
        if (prev.status !== STATUS_ACTIVE) this.fail(block, `order changed after ${OrderStatus[prev.status]}`, ev);
        if (!FROM_ACTIVE.has(o.status)) this.fail(block, `ACTIVE -> ${OrderStatus[o.status]}`, ev);
        if (BigInt(o.version) < BigInt(prev.version)) this.fail(block, 'version went down', ev);
        const expected = BigInt(prev.remaining) + (size - BigInt(prev.size)) - tradedHere;
        if (remaining !== expected) this.fail(block, `remaining ${remaining}, expected ${expected}`, ev);
        if (o.createdAt !== prev.createdAt || o.partyId !== prev.partyId || o.side !== prev.side) this.fail(block, 'immutable fields changed', ev);
      }
      switch (o.status) {
        case STATUS_FILLED:
          if (remaining !== 0n) this.fail(block, 'FILLED with remaining', ev);
          break;
        case STATUS_ACTIVE:
        case STATUS_STOPPED:
        case STATUS_REJECTED:
          if (remaining === 0n) this.fail(block, `${OrderStatus[o.status]} without remaining`, ev);
          break;
        case STATUS_PARTIALLY_FILLED:
          if (remaining === 0n || remaining === size) this.fail(block, 'PARTIALLY_FILLED sizes', ev);
          break;
        default:
          break;
      }
      this.orders.set(o.id, o);
    }
    // the engine's live orders are exactly the ACTIVE ones seen on the stream
    let active = 0;
    for (const o of this.orders.values()) {
      if (o.status !== STATUS_ACTIVE) continue;
      active++;
      const l = live.get(o.id);
      if (l === undefined || l.remaining !== o.remaining || l.price !== o.price || l.version !== o.version) this.fail(block, `order ${o.id} differs from the engine`);
    }
    if (active !== live.size) this.fail(block, 'live order count differs from the stream');
    // prune final orders to keep memory flat
    for (const [id, o] of this.orders) if (o.status !== STATUS_ACTIVE) this.orders.delete(id);
  }

  private checkLedger(block: CoreBlock): void {
    const accountEvents = new Map<string, string>();
    for (const ev of block.events) {
      if (ev.account !== undefined) {
        if (!NON_NEGATIVE.test(ev.account.balance)) this.fail(block, 'negative account balance', ev);
        accountEvents.set(ev.account.id, ev.account.balance);
      }
      const lm = ev.ledgerMovements;
      if (lm === undefined) continue;
      for (const m of lm.ledgerMovements) {
        for (const e of m.entries) {
          const amount = BigInt(e.amount);
          if (amount <= 0n) this.fail(block, 'non-positive transfer', ev);
          if (e.timestamp !== block.timeNs.toString()) this.fail(block, 'ledger timestamp', ev);
          const to = detailsId(e.toAccount);
          const nb = (this.balances.get(to) ?? 0n) + amount;
          this.balances.set(to, nb);
          if (nb.toString() !== e.toAccountBalance) this.fail(block, `toAccountBalance ${e.toAccountBalance} != replayed ${nb}`, ev);
          if (e.fromAccount?.type !== 10) {
            const from = detailsId(e.fromAccount);
            const fb = (this.balances.get(from) ?? 0n) - amount;
            this.balances.set(from, fb);
            if (fb < 0n) this.fail(block, 'replayed balance negative', ev);
            if (fb.toString() !== e.fromAccountBalance) this.fail(block, `fromAccountBalance ${e.fromAccountBalance} != replayed ${fb}`, ev);
          }
        }
      }
    }
    // ACCOUNT events end on the replayed balance, and both match the engine
    for (const a of this.engine.accounts()) {
      if (a.balance < 0n) this.fail(block, `account ${a.id} negative`);
      const replayed = this.balances.get(a.id) ?? 0n;
      if (replayed !== a.balance) this.fail(block, `account ${a.id}: ledger replay ${replayed} != engine ${a.balance}`);
      const last = accountEvents.get(a.id);
      if (last !== undefined && last !== a.balance.toString()) this.fail(block, `account ${a.id}: last ACCOUNT event ${last} != ${a.balance}`);
    }
    for (const [assetId, total] of this.deposits) {
      if (this.engine.totalBalance(assetId) !== total) this.fail(block, `asset ${assetId} total changed`);
    }
  }

  private checkState(block: CoreBlock, live: ReadonlyMap<string, Order>): void {
    const marketData = new Map<string, number>();
    for (const ev of block.events) {
      const md = ev.marketData;
      if (md !== undefined) {
        marketData.set(md.market, (marketData.get(md.market) ?? 0) + 1);
        if (md.timestamp !== block.timeNs.toString()) this.fail(block, 'market data timestamp', ev);
        const bid = BigInt(md.bestBidPrice);
        const ask = BigInt(md.bestOfferPrice);
        if (bid > 0n && ask > 0n && bid >= ask) this.fail(block, 'market data crossed', ev);
        if (!sameJson(md, this.engine.marketData(md.market))) this.fail(block, 'MARKET_DATA differs from the engine', ev);
      }
      const ml = ev.marginLevels;
      if (ml !== undefined) {
        const [m, s, i, r] = [ml.maintenanceMargin, ml.searchLevel, ml.initialMargin, ml.collateralReleaseLevel].map(BigInt) as [bigint, bigint, bigint, bigint];
        if (!(m <= s && s <= i && i <= r && m >= 0n)) this.fail(block, 'margin levels order', ev);
        if (ml.timestamp !== block.timeNs.toString()) this.fail(block, 'margin levels timestamp', ev);
        this.margins.set(`${ml.marketId}/${ml.partyId}`, ml);
      }
    }
    // margin levels: the last event is the engine's, and every margin account sits between the
    // search and release levels after the block (deposits are large enough that no one is short)
    for (const v of this.engine.margins()) {
      const ev = this.margins.get(`${v.marketId}/${v.partyId}`);
      if (ev === undefined || ev.maintenanceMargin !== v.maintenance.toString() || ev.collateralReleaseLevel !== v.release.toString()) {
        this.fail(block, `margin levels of ${v.partyId} differ from the last MARGIN_LEVELS`);
      }
      if (v.marginBalance < v.search || v.marginBalance > v.release) {
        this.fail(block, `margin ${v.marginBalance} outside [${v.search}, ${v.release}] for ${v.partyId}`);
      }
    }
    for (const m of this.engine.markets()) {
      if (marketData.get(m.id) !== 1) this.fail(block, `market ${m.code}: ${marketData.get(m.id) ?? 0} MARKET_DATA events`);
      const book = this.engine.book(m.id);
      this.stats.maxBookLevels = Math.max(this.stats.maxBookLevels, book.bids.length + book.asks.length);
      const bid = book.bids[0];
      const ask = book.asks[0];
      if (bid !== undefined && ask !== undefined && bid.price >= ask.price) this.fail(block, `book ${m.code} crossed`);
      for (const side of [book.bids, book.asks]) {
        for (let i = 0; i < side.length; i++) {
          const l = side[i] as (typeof side)[number];
          if (l.volume <= 0n || l.numberOfOrders <= 0) this.fail(block, `book ${m.code} empty level`);
          const nextLevel = side[i + 1];
          if (nextLevel !== undefined && (side === book.bids ? nextLevel.price >= l.price : nextLevel.price <= l.price)) this.fail(block, 'levels out of order');
        }
      }
      // level volumes add up to the live orders' remaining sizes
      const byPrice = new Map<string, bigint>();
      for (const o of live.values()) {
        if (o.marketId !== m.id) continue;
        const k = `${o.side}/${o.price}`;
        byPrice.set(k, (byPrice.get(k) ?? 0n) + BigInt(o.remaining));
      }
      for (const l of book.bids) if (byPrice.get(`${SIDE_BUY}/${l.price}`) !== l.volume) this.fail(block, 'bid level volume != orders');
      for (const l of book.asks) if (byPrice.get(`${SIDE_SELL}/${l.price}`) !== l.volume) this.fail(block, 'ask level volume != orders');
      let sum = 0n;
      for (const p of this.engine.positions(m.id)) {
        sum += p.openVolume;
        if ((this.positions.get(`${m.id}/${p.partyId}`) ?? 0n) !== p.openVolume) this.fail(block, 'position differs from the trades on the stream');
      }
      if (sum !== 0n) this.fail(block, `market ${m.code}: open volumes sum to ${sum}`);
    }
  }
}
