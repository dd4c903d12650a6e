import { OrderError, PeggedReference } from '../../codecs/index.js';
import type { Order } from '../../codecs/index.js';
import { normaliseDecimal } from './decimal.js';
import { truncateToMicros } from './event-sequence.js';

const POSITIVE_INTEGER = /^[1-9]\d*$/;

/** An int64 ns timestamp string truncated to microseconds, as Postgres keeps it. */
function micros(text: string): string {
  if (text === '0') return text; // unset times (an order's updatedAt or expiresAt often is)
  // the common case: a positive integer without sign or leading zeros; truncating toward zero
  // (= toward -inf here) to a multiple of 1000 zeroes its last three digits, same text as below
  if (POSITIVE_INTEGER.test(text)) {
    if (text.length <= 3) return '0';
    // already whole µs (block times are): the text itself, not an equal new string
    return text.endsWith('000') ? text : `${text.slice(0, -3)}000`;
  }
  try {
    return truncateToMicros(BigInt(text || '0')).toString();
  } catch {
    return '0';
  }
}

/**
 * A core order as the orders route sends it (v0.79 `entities.OrderFromProto` then `ToProto`):
 * `createdAt`, `updatedAt` and `expiresAt` truncated to microseconds, the price and pegged offset
 * re-printed as decimals, `reason` only when it is not UNSPECIFIED, `peggedOrder` only when its
 * reference is set, the liquidity provision id in lower case. An order that is already so is
 * returned as is (orders are values: nothing mutates them).
 */
export function toDataNodeOrder(order: Order): Order {
  const price = normaliseDecimal(order.price);
  const createdAt = micros(order.createdAt);
  const updatedAt = micros(order.updatedAt);
  const expiresAt = micros(order.expiresAt);
  const liquidityProvisionId = order.liquidityProvisionId.toLowerCase();
  const droppedReason = 'reason' in order && (order.reason === undefined || order.reason === OrderError.ORDER_ERROR_UNSPECIFIED);
  if (
    price === order.price &&
    createdAt === order.createdAt &&
    updatedAt === order.updatedAt &&
    expiresAt === order.expiresAt &&
    liquidityProvisionId === order.liquidityProvisionId &&
    !droppedReason &&
    !('peggedOrder' in order)
  ) {
    return order; // already as the data node prints it (the engine's orders are): no copy
  }
  const out: Order = { ...order, price, createdAt, updatedAt, expiresAt, liquidityProvisionId };
  if (droppedReason) delete out.reason;
  if (order.peggedOrder && order.peggedOrder.reference !== PeggedReference.PEGGED_REFERENCE_UNSPECIFIED) {
    out.peggedOrder = { reference: order.peggedOrder.reference, offset: normaliseDecimal(order.peggedOrder.offset) };
  } else if ('peggedOrder' in out) {
    delete out.peggedOrder;
  }
  return out;
}
