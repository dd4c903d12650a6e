import {
  AccountType,
  BusEventType,
  LossSocializationType,
  TransferType,
  type SettlePosition,
} from '../../codecs/index.js';
import { divCeil } from './decimal.js';
import type { Collateral, LedgerBatch, SimAccount } from './collateral.js';
import type { EmitContext } from './event-writer.js';
import type { MarketConfig } from './market-config.js';
import type { PartyMarket } from './party-market.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const ACCOUNT_TYPE_MARGIN = AccountType.ACCOUNT_TYPE_MARGIN;
const BUS_EVENT_TYPE_LOSS_SOCIALIZATION = BusEventType.BUS_EVENT_TYPE_LOSS_SOCIALIZATION;
const BUS_EVENT_TYPE_SETTLE_POSITION = BusEventType.BUS_EVENT_TYPE_SETTLE_POSITION;
const TYPE_SETTLEMENT = LossSocializationType.TYPE_SETTLEMENT;
const TRANSFER_TYPE_CLEAR_ACCOUNT = TransferType.TRANSFER_TYPE_CLEAR_ACCOUNT;
const TRANSFER_TYPE_MTM_LOSS = TransferType.TRANSFER_TYPE_MTM_LOSS;
const TRANSFER_TYPE_MTM_WIN = TransferType.TRANSFER_TYPE_MTM_WIN;

/** The market accounts mark-to-market settlement goes through. */
export interface SettlementAccounts {
  /** Market settlement account (empty between settlements). */
  readonly settlement: SimAccount;
  /** Market insurance pool: covers shortfalls, receives rounding dust. */
  readonly insurance: SimAccount;
}

/** The SETTLE_POSITION payload for one party (prices in asset decimals, as the core sends). */
function settlePositionToProto(cfg: MarketConfig, pm: PartyMarket, mark: bigint): SettlePosition {
  return {
    marketId: cfg.id,
    partyId: pm.partyId,
    price: (mark * cfg.assetScale).toString(),
    tradeSettlements: pm.pending.map((t) => ({
      size: t.size.toString(),
      price: (t.price * cfg.assetScale).toString(),
      marketPrice: t.price.toString(),
    })),
    positionFactor: cfg.positionFactor.toString(),
  };
}

/**
 * Mark-to-market of one market from `oldMark` to `newMark` (price units). Each party with a
 * settled position or trades since the last settlement gets a SETTLE_POSITION event; its cash
 * flow is settledVolume x (newMark - oldMark) + sum of trade size x (newMark - trade price), in
 * asset units, losses rounded up and wins down. Losers pay into the settlement account from
 * margin, then general, then the insurance pool covers what is missing; winners are paid from the
 * settlement account into their margin accounts (pro rata, with LOSS_SOCIALIZATION events, if it
 * is short); what is left (rounding dust) goes to the insurance pool. Returns the settled parties.
 */
export function markToMarket(
  ctx: EmitContext,
  collateral: Collateral,
  batch: LedgerBatch,
  cfg: MarketConfig,
  parties: Iterable<PartyMarket>,
  oldMark: bigint,
  newMark: bigint,
  accounts: SettlementAccounts,
): PartyMarket[] {
  const settled: PartyMarket[] = [];
  const wins: { pm: PartyMarket; amount: bigint }[] = [];
  const losses: { pm: PartyMarket; amount: bigint }[] = [];
  const dMark = newMark - oldMark;
  for (const pm of parties) {
    if (pm.settledVolume === 0n && pm.pending.length === 0) continue;
    let flow = pm.settledVolume * dMark;
    for (const t of pm.pending) flow += t.size * (newMark - t.price);
    ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_SETTLE_POSITION, 'settlePosition', settlePositionToProto(cfg, pm, newMark));
    const scaled = flow * cfg.assetScale;
    if (scaled > 0n) wins.push({ pm, amount: scaled / cfg.positionFactor });
    else if (scaled < 0n) losses.push({ pm, amount: divCeil(-scaled, cfg.positionFactor) });
    pm.settledVolume = pm.openVolume;
    pm.pending = [];
    settled.push(pm);
  }
  const { settlement, insurance } = accounts;
  let shortfall = 0n;
  for (const { pm, amount } of losses) {
    let left = amount;
    if (pm.margin !== undefined) {
      const take = left < pm.margin.balance ? left : pm.margin.balance;
      batch.move(pm.margin, settlement, take, TRANSFER_TYPE_MTM_LOSS);
      left -= take;
    }
    const take = left < pm.general.balance ? left : pm.general.balance;
    batch.move(pm.general, settlement, take, TRANSFER_TYPE_MTM_LOSS);
    shortfall += left - take;
  }
  if (shortfall > 0n) {
    const cover = shortfall < insurance.balance ? shortfall : insurance.balance;
    batch.move(insurance, settlement, cover, TRANSFER_TYPE_MTM_LOSS);
  }
  let totalWins = 0n;
  for (const w of wins) totalWins += w.amount;
  const available = settlement.balance;
  const haircut = available < totalWins;
  for (const { pm, amount } of wins) {
    const pay = haircut ? (amount * available) / totalWins : amount;
    pm.margin ??= collateral.open(ctx, ACCOUNT_TYPE_MARGIN, cfg.asset.id, pm.partyId, cfg.id);
    batch.move(settlement, pm.margin, pay, TRANSFER_TYPE_MTM_WIN);
    if (pay < amount) {
      ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_LOSS_SOCIALIZATION, 'lossSocialization', {
        marketId: cfg.id,
        partyId: pm.partyId,
        amount: (pay - amount).toString(),
        lossType: TYPE_SETTLEMENT,
      });
    }
  }
  batch.move(settlement, insurance, settlement.balance, TRANSFER_TYPE_CLEAR_ACCOUNT);
  return settled;
}
