import type { OrderTimeInForce, OrderType, Side, VoteValue } from '../../codecs/index.js';

/** Submit an order (prices in price units, sizes in position units). */
export interface SubmitOrderCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'submitOrder';
  /** Submitting party. */
  readonly partyId: string;
  /** Target market. */
  readonly marketId: string;
  /** Buy or sell. */
  readonly side: Side;
  /** Size in position units (> 0). */
  readonly size: bigint;
  /** LIMIT (default) or MARKET. */
  readonly type?: OrderType;
  /** Limit price in price units (required for limit orders, ignored for market orders). */
  readonly price?: bigint;
  /** Default GTC for limit orders, IOC for market orders. */
  readonly timeInForce?: OrderTimeInForce;
  /** Expiry (Unix ns) of a GTT order. */
  readonly expiresAt?: bigint;
  /** Reject instead of trading on entry. */
  readonly postOnly?: boolean;
  /** Client reference carried by the order. */
  readonly reference?: string;
}

/** Amend a resting order: new price, size delta (+/-) and/or new GTT expiry. */
export interface AmendOrderCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'amendOrder';
  /** The order's owner. */
  readonly partyId: string;
  /** The order's market. */
  readonly marketId: string;
  /** The order. */
  readonly orderId: string;
  /** New limit price. */
  readonly price?: bigint;
  /** Change of size (and remaining). */
  readonly sizeDelta?: bigint;
  /** New expiry of a GTT order. */
  readonly expiresAt?: bigint;
}

/** Cancel one order, or (without orderId) all of the party's orders in the market. */
export interface CancelOrderCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'cancelOrder';
  /** The order's owner. */
  readonly partyId: string;
  /** The market. */
  readonly marketId: string;
  /** The order; absent or "" cancels all the party's orders in the market. */
  readonly orderId?: string;
}

/** Commit liquidity to a market (the bond moves from general to a bond account). */
export interface SubmitLiquidityCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'submitLiquidity';
  /** Liquidity provider. */
  readonly partyId: string;
  /** Market. */
  readonly marketId: string;
  /** Commitment in asset units. */
  readonly commitmentAmount: bigint;
  /** Nominated liquidity fee factor, e.g. "0.001". */
  readonly fee: string;
  /** Client reference. */
  readonly reference?: string;
}

/** Change an existing liquidity commitment. */
export interface AmendLiquidityCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'amendLiquidity';
  /** Liquidity provider. */
  readonly partyId: string;
  /** Market. */
  readonly marketId: string;
  /** New commitment in asset units. */
  readonly commitmentAmount: bigint;
  /** New nominated fee factor. */
  readonly fee: string;
}

/** Withdraw a liquidity commitment (the bond is released). */
export interface CancelLiquidityCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'cancelLiquidity';
  /** Liquidity provider. */
  readonly partyId: string;
  /** Market. */
  readonly marketId: string;
}

/** Propose a network parameter change. */
export interface SubmitProposalCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'submitProposal';
  /** Proposer. */
  readonly partyId: string;
  /** Network parameter key. */
  readonly key: string;
  /** Proposed value. */
  readonly value: string;
  /** Blocks until voting closes (default 20). */
  readonly closeAfterBlocks?: number;
  /** Blocks from closing to enactment (default 5). */
  readonly enactAfterBlocks?: number;
  /** Client reference. */
  readonly reference?: string;
}

/** Vote on an open proposal. */
export interface VoteCommand {
  /** Which command this is (the {@link EngineCommand} discriminant). */
  readonly kind: 'vote';
  /** Voter. */
  readonly partyId: string;
  /** Proposal. */
  readonly proposalId: string;
  /** Yes or no. */
  readonly value: VoteValue;
}

/** A transaction the engine can process: from its agents or injected with `Engine.submit`. */
export type EngineCommand =
  | SubmitOrderCommand
  | AmendOrderCommand
  | CancelOrderCommand
  | SubmitLiquidityCommand
  | AmendLiquidityCommand
  | CancelLiquidityCommand
  | SubmitProposalCommand
  | VoteCommand;

/** How a transaction ended: the TRANSACTION_RESULT status and error text. */
export type TxOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** The successful outcome. */
export const TX_OK: TxOutcome = { ok: true };

/** A failed outcome with the core's error text. */
export function txFailed(error: string): TxOutcome {
  return { ok: false, error };
}
