import {
  OrderTimeInForce,
  OrderType,
  PeggedReference,
  TransactionResultStatus,
  type TransactionResult,
} from '../../codecs/index.js';
import type { EngineCommand, TxOutcome } from './commands.js';
import { proposalTerms } from './governance.js';

/**
 * The TRANSACTION_RESULT payload of a processed command: the party, the outcome (status,
 * statusDetail, success or failure with the core's error text), the lowercase transaction hash
 * and the command itself in its wire form.
 */
export function transactionResultOf(
  cmd: EngineCommand,
  hash: string,
  outcome: TxOutcome,
  nowNs: bigint,
  stepNs: bigint,
): TransactionResult {
  const result: TransactionResult = {
    partyId: cmd.partyId,
    status: outcome.ok,
    hash,
    statusDetail: outcome.ok ? TransactionResultStatus.STATUS_SUCCESS : TransactionResultStatus.STATUS_FAILURE,
  };
  switch (cmd.kind) {
    case 'submitOrder':
      result.orderSubmission = {
        marketId: cmd.marketId,
        price: (cmd.price ?? 0n).toString(),
        size: cmd.size.toString(),
        side: cmd.side,
        timeInForce:
          cmd.timeInForce ??
          (cmd.type === OrderType.TYPE_MARKET ? OrderTimeInForce.TIME_IN_FORCE_IOC : OrderTimeInForce.TIME_IN_FORCE_GTC),
        expiresAt: (cmd.expiresAt ?? 0n).toString(),
        type: cmd.type ?? OrderType.TYPE_LIMIT,
        reference: cmd.reference ?? '',
        postOnly: cmd.postOnly === true,
        reduceOnly: false,
      };
      break;
    case 'amendOrder':
      result.orderAmendment = {
        orderId: cmd.orderId,
        marketId: cmd.marketId,
        sizeDelta: (cmd.sizeDelta ?? 0n).toString(),
        timeInForce: OrderTimeInForce.TIME_IN_FORCE_UNSPECIFIED,
        peggedOffset: '',
        peggedReference: PeggedReference.PEGGED_REFERENCE_UNSPECIFIED,
      };
      if (cmd.price !== undefined) result.orderAmendment.price = cmd.price.toString();
      if (cmd.expiresAt !== undefined) result.orderAmendment.expiresAt = cmd.expiresAt.toString();
      break;
    case 'cancelOrder':
      result.orderCancellation = { orderId: cmd.orderId ?? '', marketId: cmd.marketId };
      break;
    case 'submitLiquidity':
      result.liquidityProvisionSubmission = {
        marketId: cmd.marketId,
        commitmentAmount: cmd.commitmentAmount.toString(),
        fee: cmd.fee,
        reference: cmd.reference ?? '',
      };
      break;
    case 'amendLiquidity':
      result.liquidityProvisionAmendment = {
        marketId: cmd.marketId,
        commitmentAmount: cmd.commitmentAmount.toString(),
        fee: cmd.fee,
        reference: '',
      };
      break;
    case 'cancelLiquidity':
      result.liquidityProvisionCancellation = { marketId: cmd.marketId };
      break;
    case 'submitProposal':
      result.proposal = {
        reference: cmd.reference ?? '',
        terms: proposalTerms(cmd, nowNs, stepNs),
        rationale: { description: `Set ${cmd.key} to ${cmd.value}`, title: `Update ${cmd.key}` },
      };
      break;
    case 'vote':
      result.voteSubmission = { proposalId: cmd.proposalId, value: cmd.value };
      break;
  }
  if (outcome.ok) result.success = {};
  else result.failure = { error: outcome.error, errors: [] };
  return result;
}
