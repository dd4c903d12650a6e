import {
  AccountType,
  BusEventType,
  LiquidityProvisionStatus,
  TransferType,
  type LiquidityProvision,
} from '../../codecs/index.js';
import { LedgerBatch, type Collateral, type SimAccount } from './collateral.js';
import { txFailed, TX_OK, type TxOutcome } from './commands.js';
import type { EmitContext } from './event-writer.js';
import type { MarketConfig } from './market-config.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const ACCOUNT_TYPE_BOND = AccountType.ACCOUNT_TYPE_BOND;
const BUS_EVENT_TYPE_LIQUIDITY_PROVISION = BusEventType.BUS_EVENT_TYPE_LIQUIDITY_PROVISION;
const STATUS_ACTIVE = LiquidityProvisionStatus.STATUS_ACTIVE;
const STATUS_CANCELLED = LiquidityProvisionStatus.STATUS_CANCELLED;
const TRANSFER_TYPE_BOND_HIGH = TransferType.TRANSFER_TYPE_BOND_HIGH;
const TRANSFER_TYPE_BOND_LOW = TransferType.TRANSFER_TYPE_BOND_LOW;
const TRANSFER_TYPE_LIQUIDITY_FEE_DISTRIBUTE = TransferType.TRANSFER_TYPE_LIQUIDITY_FEE_DISTRIBUTE;

/** One liquidity commitment. */
export interface SimLiquidityProvision {
  /** 64-hex id. */
  readonly id: string;
  /** Provider. */
  readonly partyId: string;
  /** Block time it was created (ns text). */
  readonly createdAt: string;
  /** Block time of the last change (ns text). */
  updatedAt: string;
  /** Commitment (= bond) in asset units. */
  commitment: bigint;
  /** Nominated fee factor. */
  fee: string;
  /** 1, +1 per amendment. */
  version: number;
  /** ACTIVE, or CANCELLED once withdrawn. */
  status: LiquidityProvisionStatus;
  /** Client reference. */
  readonly reference: string;
  /** The provider's bond account. */
  readonly bond: SimAccount;
  /** The provider's general account. */
  readonly general: SimAccount;
}

/** The LIQUIDITY_PROVISION event payload of a commitment (no orders: v0.79 commitments are SLA-based). */
export function liquidityProvisionToProto(cfg: MarketConfig, lp: SimLiquidityProvision): LiquidityProvision {
  return {
    id: lp.id,
    partyId: lp.partyId,
    createdAt: lp.createdAt,
    updatedAt: lp.updatedAt,
    marketId: cfg.id,
    commitmentAmount: lp.commitment.toString(),
    fee: lp.fee,
    sells: [],
    buys: [],
    version: String(lp.version),
    status: lp.status,
    reference: lp.reference,
  };
}

/**
 * The liquidity commitments of one market: submissions move the bond from general to a bond
 * account, amendments move the difference, cancellations release it; every change emits a
 * LIQUIDITY_PROVISION event. Collected liquidity fees are paid out pro rata to commitment.
 */
export class LiquidityProvisions {
  private readonly byParty = new Map<string, SimLiquidityProvision>();
  /** Sum of active commitments (MarketData.suppliedStake). */
  supplied = 0n;

  constructor(
    private readonly cfg: MarketConfig,
    private readonly collateral: Collateral,
  ) {}

  /** The party's active commitment, if any. */
  get(partyId: string): SimLiquidityProvision | undefined {
    return this.byParty.get(partyId);
  }

  /** Active commitments in creation order. */
  all(): IterableIterator<SimLiquidityProvision> {
    return this.byParty.values();
  }

  private emit(ctx: EmitContext, lp: SimLiquidityProvision): void {
    ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_LIQUIDITY_PROVISION, 'liquidityProvision', liquidityProvisionToProto(this.cfg, lp));
  }

  /** Processes a submission. */
  submit(ctx: EmitContext, id: string, general: SimAccount, partyId: string, amount: bigint, fee: string, reference: string): TxOutcome {
    if (this.byParty.has(partyId)) return txFailed('liquidity provision already exists');
    if (amount <= 0n) return txFailed('liquidity_provision_submission.commitment_amount (must be positive)');
    if (general.balance < amount) return txFailed('insufficient balance to cover the bond');
    const bond = this.collateral.open(ctx, ACCOUNT_TYPE_BOND, this.cfg.asset.id, partyId, this.cfg.id);
    const batch = new LedgerBatch(ctx);
    batch.move(general, bond, amount, TRANSFER_TYPE_BOND_LOW);
    batch.flush();
    const lp: SimLiquidityProvision = {
      id,
      partyId,
      createdAt: ctx.w.timeText,
      updatedAt: ctx.w.timeText,
      commitment: amount,
      fee,
      version: 1,
      status: STATUS_ACTIVE,
      reference,
      bond,
      general,
    };
    this.byParty.set(partyId, lp);
    this.supplied += amount;
    this.emit(ctx, lp);
    return TX_OK;
  }

  /** Processes an amendment. */
  amend(ctx: EmitContext, partyId: string, amount: bigint, fee: string): TxOutcome {
    const lp = this.byParty.get(partyId);
    if (lp === undefined) return txFailed('liquidity provision does not exist');
    if (amount <= 0n) return txFailed('liquidity_provision_amendment.commitment_amount (must be positive)');
    const delta = amount - lp.commitment;
    if (delta > 0n && lp.general.balance < delta) return txFailed('insufficient balance to cover the bond');
    const batch = new LedgerBatch(ctx);
    if (delta > 0n) batch.move(lp.general, lp.bond, delta, TRANSFER_TYPE_BOND_LOW);
    else batch.move(lp.bond, lp.general, -delta, TRANSFER_TYPE_BOND_HIGH);
    batch.flush();
    this.supplied += delta;
    lp.commitment = amount;
    lp.fee = fee;
    lp.version++;
    lp.updatedAt = ctx.w.timeText;
    this.emit(ctx, lp);
    return TX_OK;
  }

  /** Processes a cancellation. */
  cancel(ctx: EmitContext, partyId: string): TxOutcome {
    const lp = this.byParty.get(partyId);
    if (lp === undefined) return txFailed('liquidity provision does not exist');
    const batch = new LedgerBatch(ctx);
    batch.move(lp.bond, lp.general, lp.bond.balance, TRANSFER_TYPE_BOND_HIGH);
    batch.flush();
    this.supplied -= lp.commitment;
    this.byParty.delete(partyId);
    lp.status = STATUS_CANCELLED;
    lp.updatedAt = ctx.w.timeText;
    this.emit(ctx, lp);
    return TX_OK;
  }

  /** Pays the market's collected liquidity fees to the providers, pro rata to commitment. */
  distributeFees(ctx: EmitContext, feeAccount: SimAccount): void {
    const pot = feeAccount.balance;
    if (pot === 0n || this.supplied === 0n) return;
    const batch = new LedgerBatch(ctx);
    for (const lp of this.byParty.values()) {
      batch.move(feeAccount, lp.general, (pot * lp.commitment) / this.supplied, TRANSFER_TYPE_LIQUIDITY_FEE_DISTRIBUTE);
    }
    batch.flush();
  }
}
