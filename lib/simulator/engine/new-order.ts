import { OrderError, OrderStatus, OrderTimeInForce, OrderType } from '../../codecs/index.js';
import type { SubmitOrderCommand } from './commands.js';
import type { MarketConfig } from './market-config.js';
import type { SimOrder } from './sim-order.js';

const TIME_IN_FORCE_FOK = OrderTimeInForce.TIME_IN_FORCE_FOK;
const TIME_IN_FORCE_GTC = OrderTimeInForce.TIME_IN_FORCE_GTC;
const TIME_IN_FORCE_GTT = OrderTimeInForce.TIME_IN_FORCE_GTT;
const TIME_IN_FORCE_IOC = OrderTimeInForce.TIME_IN_FORCE_IOC;
const TYPE_MARKET = OrderType.TYPE_MARKET;

/** A submission turned into an order, or refused before it became one. */
export type NewOrder =
  /** The order; `rejection` says why it must be REJECTED, if it must. */
  | { readonly ok: true; readonly order: SimOrder; readonly rejection: OrderError | undefined }
  /** A malformed command: the transaction fails and no order exists. */
  | { readonly ok: false; readonly error: string };

/**
 * Validates a submission as the core does, in two stages: malformed commands (size, missing
 * price, market orders that are not IOC/FOK, post-only on non-persistent orders) fail the
 * transaction without an order; otherwise the order is built (status ACTIVE, version 1, remaining
 * = size) and checks that need the market (price off the tick, GTT expiry missing or not in the
 * future, an expiry on a non-GTT order) give the reason to reject it.
 */
export function newOrder(cmd: SubmitOrderCommand, id: string, cfg: MarketConfig, nowNs: bigint, nowText: string): NewOrder {
  const type = cmd.type ?? OrderType.TYPE_LIMIT;
  const isMarket = type === TYPE_MARKET;
  const tif = cmd.timeInForce ?? (isMarket ? TIME_IN_FORCE_IOC : TIME_IN_FORCE_GTC);
  const persistent = tif === TIME_IN_FORCE_GTC || tif === TIME_IN_FORCE_GTT;
  if (cmd.size <= 0n) return { ok: false, error: 'order_submission.size (must be positive)' };
  if (!isMarket && (cmd.price === undefined || cmd.price <= 0n)) return { ok: false, error: 'order_submission.price (must be positive)' };
  if (isMarket && persistent) return { ok: false, error: 'order_submission.time_in_force (expected fok or ioc)' };
  if (cmd.postOnly === true && (isMarket || !persistent)) {
    return { ok: false, error: 'order_submission.post_only (only valid for persistent limit orders)' };
  }
  if (!persistent && tif !== TIME_IN_FORCE_IOC && tif !== TIME_IN_FORCE_FOK) {
    return { ok: false, error: 'order_submission.time_in_force (unsupported)' };
  }
  const order: SimOrder = {
    id,
    marketId: cfg.id,
    partyId: cmd.partyId,
    side: cmd.side,
    price: isMarket ? 0n : (cmd.price as bigint),
    size: cmd.size,
    remaining: cmd.size,
    timeInForce: tif,
    type,
    createdAt: nowText,
    updatedAt: '0',
    expiresAt: cmd.expiresAt ?? 0n,
    status: OrderStatus.STATUS_ACTIVE,
    reason: undefined,
    reference: cmd.reference ?? '',
    version: 1,
    postOnly: cmd.postOnly === true,
  };
  let rejection: OrderError | undefined;
  if (!isMarket && order.price % cfg.tickSize !== 0n) rejection = OrderError.ORDER_ERROR_PRICE_NOT_IN_TICK_SIZE;
  else if (tif === TIME_IN_FORCE_GTT) {
    if (cmd.expiresAt === undefined) rejection = OrderError.ORDER_ERROR_INVALID_EXPIRATION_DATETIME;
    else if (cmd.expiresAt <= nowNs) rejection = OrderError.ORDER_ERROR_EXPIRYAT_BEFORE_CREATEDAT;
  } else if (cmd.expiresAt !== undefined && cmd.expiresAt !== 0n) {
    rejection = OrderError.ORDER_ERROR_CANNOT_HAVE_GTC_AND_EXPIRYAT;
  }
  return { ok: true, order, rejection };
}
