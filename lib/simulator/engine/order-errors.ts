import { OrderError } from '../../codecs/index.js';

const TEXT: Partial<Record<OrderError, string>> = {
  [OrderError.ORDER_ERROR_INVALID_MARKET_ID]: 'OrderError: Invalid Market ID',
  [OrderError.ORDER_ERROR_INVALID_ORDER_ID]: 'OrderError: Invalid Order ID',
  [OrderError.ORDER_ERROR_INVALID_REMAINING_SIZE]: 'OrderError: Invalid Remaining Size',
  [OrderError.ORDER_ERROR_INVALID_EXPIRATION_DATETIME]: 'OrderError: Invalid Expiration Datetime',
  [OrderError.ORDER_ERROR_AMEND_FAILURE]: 'OrderError: Order Amend Failure',
  [OrderError.ORDER_ERROR_NOT_FOUND]: 'OrderError: Order Not Found',
  [OrderError.ORDER_ERROR_INVALID_PARTY_ID]: 'OrderError: Invalid Party ID',
  [OrderError.ORDER_ERROR_MARGIN_CHECK_FAILED]: 'OrderError: Margin Check Failed',
  [OrderError.ORDER_ERROR_INVALID_SIZE]: 'OrderError: Invalid Size',
  [OrderError.ORDER_ERROR_INVALID_PERSISTENCE]: 'OrderError: Invalid Persistence',
  [OrderError.ORDER_ERROR_SELF_TRADING]: 'OrderError: Self trading',
  [OrderError.ORDER_ERROR_INSUFFICIENT_FUNDS_TO_PAY_FEES]: 'OrderError: Insufficient funds to pay fees',
  [OrderError.ORDER_ERROR_EXPIRYAT_BEFORE_CREATEDAT]: 'OrderError: ExpiryAt field must not be before CreatedAt',
  [OrderError.ORDER_ERROR_CANNOT_HAVE_GTC_AND_EXPIRYAT]: 'OrderError: Cannot set ExpiryAt and GTC',
  [OrderError.ORDER_ERROR_POST_ONLY_ORDER_WOULD_TRADE]: 'OrderError: post only order would trade',
  [OrderError.ORDER_ERROR_PRICE_NOT_IN_TICK_SIZE]: 'OrderError: price not in tick size',
};

/** The core's error text for an order error (as a failed TRANSACTION_RESULT carries it). */
export function orderErrorText(e: OrderError): string {
  return TEXT[e] ?? `OrderError: ${OrderError[e] ?? String(e)}`;
}
