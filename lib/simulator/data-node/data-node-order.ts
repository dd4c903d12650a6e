import { OrderError, PeggedReference } from '../../codecs/index.js';
import type { Order } from '../../codecs/index.js';
import { normaliseDecimal } from './decimal.js';
import { truncateToMicros } from './event-sequence.js';

const POSITIVE_INTEGER = /^[1-9]\d*$/;

/** An int64 ns timestamp string truncated to microseconds, as Postgres keeps it. */
function micros(text: string): string {
  // the common case: a positive integer without sign or leading zeros; truncating toward zero
  // (= toward -inf here) to a multiple of 1000 zeroes its last three digits, same text as below
  if (POSITIVE_INTEGER.test(text)) return text.length <= 3 ? '0' : `${text.slice(0, -3)}000`;
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
 * reference is set, the liquidity provision id in lower case.
 */
export function toDataNodeOrder(order: Order): Order {
  const out: Order = {
    ...order,
    price: normaliseDecimal(order.price),
    createdAt: micros(order.createdAt),
    updatedAt: micros(order.updatedAt),
    expiresAt: micros(order.expiresAt),
    liquidityProvisionId: order.liquidityProvisionId.toLowerCase(),
  };
  if (out.reason === undefined || out.reason === OrderError.ORDER_ERROR_UNSPECIFIED) delete out.reason;
  if (order.peggedOrder && order.peggedOrder.reference !== PeggedReference.PEGGED_REFERENCE_UNSPECIFIED) {
    out.peggedOrder = { reference: order.peggedOrder.reference, offset: normaliseDecimal(order.peggedOrder.offset) };
  } else {
    delete out.peggedOrder;
  }
  return out;
}
