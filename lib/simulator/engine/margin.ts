import {
  AccountType,
  BusEventType,
  MarginMode,
  TransferType,
  type MarginLevels,
} from '../../codecs/index.js';
import { divCeil, mulCeil } from './decimal.js';
import type { Collateral, LedgerBatch } from './collateral.js';
import type { EmitContext } from './event-writer.js';
import type { MarketConfig } from './market-config.js';
import type { MarginLevelsState, PartyMarket } from './party-market.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const ACCOUNT_TYPE_MARGIN = AccountType.ACCOUNT_TYPE_MARGIN;
const BUS_EVENT_TYPE_MARGIN_LEVELS = BusEventType.BUS_EVENT_TYPE_MARGIN_LEVELS;
const MARGIN_MODE_CROSS_MARGIN = MarginMode.MARGIN_MODE_CROSS_MARGIN;
const TRANSFER_TYPE_MARGIN_HIGH = TransferType.TRANSFER_TYPE_MARGIN_HIGH;
const TRANSFER_TYPE_MARGIN_LOW = TransferType.TRANSFER_TYPE_MARGIN_LOW;

/**
 * Margin levels for a worst-case exposure (position units) at a mark price (price units):
 * maintenance = ceil(riskFactor x exposure x mark) in asset units; search, initial and release are
 * the maintenance level times the market's scaling factors (1.1, 1.2, 1.4), rounded up.
 */
export function marginLevelsFor(cfg: MarketConfig, exposure: bigint, mark: bigint): MarginLevelsState {
  return levelsFromMaintenance(cfg, maintenanceFor(cfg, exposure, mark));
}

/** The maintenance level of {@link marginLevelsFor}. */
function maintenanceFor(cfg: MarketConfig, exposure: bigint, mark: bigint): bigint {
  if (exposure === 0n || mark === 0n) return 0n;
  return divCeil(exposure * mark * cfg.assetScale * cfg.riskFactor.num, cfg.positionFactor * cfg.riskFactor.den);
}

/** The initial level of {@link marginLevelsFor} (without the other levels). */
export function initialMarginFor(cfg: MarketConfig, exposure: bigint, mark: bigint): bigint {
  return mulCeil(maintenanceFor(cfg, exposure, mark), cfg.scaling.initial);
}

function levelsFromMaintenance(cfg: MarketConfig, maintenance: bigint): MarginLevelsState {
  return {
    maintenance,
    search: mulCeil(maintenance, cfg.scaling.search),
    initial: mulCeil(maintenance, cfg.scaling.initial),
    release: mulCeil(maintenance, cfg.scaling.release),
  };
}

/** The MARGIN_LEVELS event payload. */
export function marginLevelsToProto(pm: PartyMarket, l: MarginLevelsState, timeText: string): MarginLevels {
  return {
    maintenanceMargin: l.maintenance.toString(),
    searchLevel: l.search.toString(),
    initialMargin: l.initial.toString(),
    collateralReleaseLevel: l.release.toString(),
    partyId: pm.partyId,
    marketId: pm.market.id,
    asset: pm.market.asset.id,
    timestamp: timeText,
    orderMargin: '0',
    marginMode: MARGIN_MODE_CROSS_MARGIN,
    marginFactor: '0',
  };
}

function sameLevels(a: MarginLevelsState | undefined, b: MarginLevelsState): boolean {
  return (
    a !== undefined &&
    a.maintenance === b.maintenance &&
    a.search === b.search &&
    a.initial === b.initial &&
    a.release === b.release
  );
}

/**
 * Brings a party's margin account in line with its levels at `mark`: below the search level it
 * is topped up to the initial level from the general account (as far as that goes); above the
 * release level the excess over the initial level goes back to general. Returns the new levels
 * when they differ from the last emitted ones (the caller emits MARGIN_LEVELS for them), else
 * undefined.
 */
export function rebalanceMargin(
  pm: PartyMarket,
  mark: bigint,
  collateral: Collateral,
  batch: LedgerBatch,
  ctx: EmitContext,
): MarginLevelsState | undefined {
  // the levels are a function of the maintenance level (the market is fixed): reuse them when it is unchanged
  const maintenance = maintenanceFor(pm.market, pm.exposure(), mark);
  const previous = pm.levels;
  const levels =
    previous !== undefined && previous.maintenance === maintenance ? previous : levelsFromMaintenance(pm.market, maintenance);
  const balance = pm.margin === undefined ? 0n : pm.margin.balance;
  if (balance < levels.search) {
    const want = levels.initial - balance;
    const amount = want < pm.general.balance ? want : pm.general.balance;
    if (amount > 0n) {
      pm.margin ??= collateral.open(ctx, ACCOUNT_TYPE_MARGIN, pm.market.asset.id, pm.partyId, pm.market.id);
      batch.move(pm.general, pm.margin, amount, TRANSFER_TYPE_MARGIN_LOW);
    }
  } else if (balance > levels.release && pm.margin !== undefined) {
    batch.move(pm.margin, pm.general, balance - levels.initial, TRANSFER_TYPE_MARGIN_HIGH);
  }
  if (levels === previous || sameLevels(previous, levels)) return undefined;
  pm.levels = levels;
  return levels;
}

/** Emits MARGIN_LEVELS for each changed party (as returned by {@link rebalanceMargin}). */
export function emitMarginLevels(ctx: EmitContext, changed: readonly PartyMarket[]): void {
  for (const pm of changed) {
    if (pm.levels === undefined) continue;
    ctx.w.emit(
      ctx.tx,
      BUS_EVENT_TYPE_MARGIN_LEVELS,
      'marginLevels',
      marginLevelsToProto(pm, pm.levels, ctx.w.timeText),
    );
  }
}
