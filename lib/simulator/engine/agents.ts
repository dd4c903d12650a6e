import { OrderTimeInForce, OrderType, Side, VoteValue } from '../../codecs/index.js';
import type { EngineCommand } from './commands.js';
import type { Governance } from './governance.js';
import { IdSource } from './ids.js';
import type { MarketEngine } from './market.js';
import type { Prng } from './prng.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const TIME_IN_FORCE_FOK = OrderTimeInForce.TIME_IN_FORCE_FOK;
const TIME_IN_FORCE_GTC = OrderTimeInForce.TIME_IN_FORCE_GTC;
const TIME_IN_FORCE_GTT = OrderTimeInForce.TIME_IN_FORCE_GTT;
const TIME_IN_FORCE_IOC = OrderTimeInForce.TIME_IN_FORCE_IOC;
const TYPE_MARKET = OrderType.TYPE_MARKET;
const SIDE_BUY = Side.SIDE_BUY;
const SIDE_SELL = Side.SIDE_SELL;
const VALUE_NO = VoteValue.VALUE_NO;
const VALUE_YES = VoteValue.VALUE_YES;

const PROPOSAL_KEYS: readonly string[] = [
  'market.liquidity.stakeToCcyVolume',
  'spam.protection.max.votes',
  'market.value.windowLength',
  'network.markPriceUpdateMaximumFrequency',
  'limits.markets.maxPeggedOrders',
];
/** The agents aim at about this many resting orders per market. */
const TARGET_LIVE_ORDERS = 60;
const LP_FEES: readonly string[] = ['0.0005', '0.001', '0.002'];

/** |x - ref|. */
function distance(x: bigint, ref: bigint): bigint {
  return x > ref ? x - ref : ref - x;
}

/** How busy the agents are. */
export interface AgentTuning {
  /** Order actions (place, amend, cancel...) per market per block. */
  readonly ordersPerBlock: number;
  /** Submit, amend and cancel liquidity commitments now and then. */
  readonly liquidity: boolean;
  /** Propose network parameter changes and vote now and then. */
  readonly governance: boolean;
}

/**
 * The simulated traders. Each market has a reference price on a seeded, mean-reverting random
 * walk (in whole ticks); parties place passive limit orders around it (GTC, some GTT, some
 * post-only), cross the spread with aggressive limits and market orders (GTC/IOC/FOK), amend
 * and cancel resting orders, keep their positions within the market's limit, and now and then
 * send an oversized order (rejected by the margin check) or cancel an unknown order (failed
 * transaction). Everything comes from one {@link Prng}, so a seed replays exactly.
 */
export class Agents {
  private readonly ref: number[];
  private readonly init: number[];
  private readonly fakeIds: IdSource;
  private counter = 0;

  constructor(
    private readonly prng: Prng,
    private readonly parties: readonly string[],
    private readonly markets: readonly MarketEngine[],
    private readonly tuning: AgentTuning,
  ) {
    this.init = markets.map((m) => Number(m.cfg.initialPrice / m.cfg.tickSize));
    this.ref = [...this.init];
    this.fakeIds = new IdSource(prng);
  }

  /** Reference price of market `i`, in price units (a whole number of ticks, at least one). */
  referencePrice(i: number): bigint {
    const m = this.markets[i] as MarketEngine;
    const ticks = Math.max(1, Math.round(this.ref[i] as number));
    return BigInt(ticks) * m.cfg.tickSize;
  }

  /** Moves every reference price one block along its walk. */
  stepReferences(): void {
    for (let i = 0; i < this.markets.length; i++) {
      const m = this.markets[i] as MarketEngine;
      const init = this.init[i] as number;
      let r = this.ref[i] as number;
      r += this.prng.normal() * m.cfg.volatilityTicks - (r - init) * 0.002;
      r = Math.min(init * 1.5, Math.max(init * 0.5, r));
      this.ref[i] = r;
    }
  }

  private size(m: MarketEngine): bigint {
    const p = this.prng;
    const lots = p.chance(0.1) ? 5 + p.int(16) : 1 + p.int(5);
    return BigInt(lots) * m.cfg.lotSize;
  }

  /** A side the party may add `size` on without passing its position limit, if any. */
  private side(m: MarketEngine, partyId: string, size: bigint): Side | undefined {
    const pm = m.party(partyId);
    const limit = BigInt(m.cfg.maxPositionLots) * m.cfg.lotSize;
    const okBuy = pm.openVolume + pm.buyRemaining + size <= limit;
    const okSell = pm.sellRemaining + size - pm.openVolume <= limit;
    const wantBuy = this.prng.chance(0.5);
    if (wantBuy) return okBuy ? SIDE_BUY : okSell ? SIDE_SELL : undefined;
    return okSell ? SIDE_SELL : okBuy ? SIDE_BUY : undefined;
  }

  private reference(): string {
    this.counter++;
    return `sim-${this.counter}`;
  }

  /** The next order action for market `i` at block time `nowNs`. */
  orderCommand(i: number, nowNs: bigint, stepNs: bigint): EngineCommand {
    const m = this.markets[i] as MarketEngine;
    const cfg = m.cfg;
    const p = this.prng;
    const partyId = p.pick(this.parties);
    const live = m.live.size;
    let r = p.float();
    // keep the book near its target depth: cancel more above it, place more below it
    const target = TARGET_LIVE_ORDERS;
    if (live > target * 2 && r < 0.6) r = 0.8;
    else if (r >= 0.78 && r < 0.97 && live < target && p.float() > live / target) r = p.float() * 0.46;
    if (live === 0 && r >= 0.62) r = p.float() * 0.62;
    if (r >= 0.62 && r < 0.97) {
      const o = m.live.at(p.int(live));
      if (o !== undefined) {
        if (r < 0.78) {
          const k = p.float();
          if (k < 0.1 && o.timeInForce === TIME_IN_FORCE_GTT) {
            return { kind: 'amendOrder', partyId: o.partyId, marketId: cfg.id, orderId: o.id, expiresAt: o.expiresAt + stepNs * BigInt(1 + p.int(10)) };
          }
          if (k < 0.55) {
            const move = BigInt((1 + p.int(3)) * (p.chance(0.5) ? 1 : -1)) * cfg.tickSize;
            const price = o.price + move > 0n ? o.price + move : o.price + cfg.tickSize;
            return { kind: 'amendOrder', partyId: o.partyId, marketId: cfg.id, orderId: o.id, price };
          }
          const lots = BigInt(1 + p.int(3)) * cfg.lotSize;
          return { kind: 'amendOrder', partyId: o.partyId, marketId: cfg.id, orderId: o.id, sizeDelta: k < 0.8 ? -lots : lots };
        }
        // cancel the farther from the reference of two random live orders
        const other = m.live.at(p.int(live)) ?? o;
        const ref = this.referencePrice(i);
        const victim = distance(other.price, ref) > distance(o.price, ref) ? other : o;
        return { kind: 'cancelOrder', partyId: victim.partyId, marketId: cfg.id, orderId: victim.id };
      }
    }
    if (r >= 0.97 && r < 0.975) return { kind: 'cancelOrder', partyId, marketId: cfg.id };
    if (r >= 0.975 && r < 0.99) {
      if (p.chance(0.5)) r = p.float() * 0.46;
      else return { kind: 'cancelOrder', partyId, marketId: cfg.id, orderId: this.fakeIds.next() };
    }
    const size = r >= 0.99 ? cfg.lotSize * 1_000_000n : this.size(m);
    const side = r >= 0.99 ? (p.chance(0.5) ? SIDE_BUY : SIDE_SELL) : this.side(m, partyId, size);
    if (side === undefined) return { kind: 'cancelOrder', partyId, marketId: cfg.id };
    const buy = side === SIDE_BUY;
    const ref = this.referencePrice(i);
    const tick = cfg.tickSize;
    const reference = this.reference();
    if (r < 0.46 || r >= 0.99) {
      // passive limit around the reference price
      const away = BigInt(p.int(15)) * tick;
      let price = buy ? ref - away : ref + away;
      if (price <= 0n) price = tick;
      if (r >= 0.36 && r < 0.46) {
        const expiresAt = nowNs + stepNs * BigInt(2 + p.int(20));
        return { kind: 'submitOrder', partyId, marketId: cfg.id, side, size, price, timeInForce: TIME_IN_FORCE_GTT, expiresAt, reference };
      }
      return { kind: 'submitOrder', partyId, marketId: cfg.id, side, size, price, postOnly: p.chance(0.1), reference };
    }
    if (r < 0.56) {
      // aggressive limit through the touch
      const touch = buy ? m.book.asks.best() : m.book.bids.best();
      const base = touch === undefined ? ref : touch.price;
      const through = BigInt(p.int(3)) * tick;
      let price = buy ? base + through : base - through;
      if (price <= 0n) price = tick;
      const t = p.float();
      const timeInForce = t < 0.5 ? TIME_IN_FORCE_GTC : t < 0.85 ? TIME_IN_FORCE_IOC : TIME_IN_FORCE_FOK;
      return { kind: 'submitOrder', partyId, marketId: cfg.id, side, size, price, timeInForce, reference };
    }
    // market order
    const timeInForce = p.chance(0.7) ? TIME_IN_FORCE_IOC : TIME_IN_FORCE_FOK;
    return { kind: 'submitOrder', partyId, marketId: cfg.id, side, size, type: TYPE_MARKET, timeInForce, reference };
  }

  /** Occasional liquidity and governance actions for this block. */
  otherCommands(governance: Governance | undefined): EngineCommand[] {
    const p = this.prng;
    const out: EngineCommand[] = [];
    if (this.tuning.liquidity && p.chance(0.02)) {
      const m = p.pick(this.markets);
      const partyId = p.pick(this.parties);
      const lp = m.liquidity.get(partyId);
      const fee = p.pick(LP_FEES);
      const amount = m.cfg.asset.quantum * BigInt(1000 + p.int(19000));
      if (lp === undefined) out.push({ kind: 'submitLiquidity', partyId, marketId: m.cfg.id, commitmentAmount: amount, fee, reference: this.reference() });
      else if (p.chance(0.5)) out.push({ kind: 'amendLiquidity', partyId, marketId: m.cfg.id, commitmentAmount: amount, fee });
      else out.push({ kind: 'cancelLiquidity', partyId, marketId: m.cfg.id });
    }
    if (this.tuning.governance && governance !== undefined) {
      const open = governance.open();
      if (open.length < 2 && p.chance(0.01)) {
        out.push({
          kind: 'submitProposal',
          partyId: p.pick(this.parties),
          key: p.pick(PROPOSAL_KEYS),
          value: String(1 + p.int(100)),
          closeAfterBlocks: 10 + p.int(20),
          enactAfterBlocks: 1 + p.int(5),
          reference: this.reference(),
        });
      }
      for (const prop of open) {
        if (p.chance(0.3)) {
          out.push({ kind: 'vote', partyId: p.pick(this.parties), proposalId: prop.id, value: p.chance(0.75) ? VALUE_YES : VALUE_NO });
        }
      }
    }
    return out;
  }
}
