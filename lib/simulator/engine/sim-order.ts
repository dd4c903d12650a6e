import {
  OrderStatus,
  type Order,
  type OrderError,
  type OrderTimeInForce,
  type OrderType,
  type Side,
} from '../../codecs/index.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const STATUS_ACTIVE = OrderStatus.STATUS_ACTIVE;

/** The engine's mutable record of one order (prices and sizes as bigints in market units). */
export interface SimOrder {
  /** 64-hex order id. */
  readonly id: string;
  /** Market id. */
  readonly marketId: string;
  /** Owner party id. */
  readonly partyId: string;
  /** Buy or sell. */
  readonly side: Side;
  /** Limit price in price units (0 for market orders). */
  price: bigint;
  /** Total size in position units. */
  size: bigint;
  /** Size still to trade. */
  remaining: bigint;
  /** Time in force (GTC, GTT, IOC, FOK). */
  readonly timeInForce: OrderTimeInForce;
  /** Limit or market. */
  readonly type: OrderType;
  /** Block time of the submission, as emitted (ns). */
  readonly createdAt: string;
  /** Block time of the last change after creation ("0" until then). */
  updatedAt: string;
  /** GTT expiry in Unix ns (0 for other orders). */
  expiresAt: bigint;
  /** Current status. */
  status: OrderStatus;
  /** Why the order was rejected or stopped, when it was. */
  reason: OrderError | undefined;
  /** Client reference. */
  readonly reference: string;
  /** 1 at creation, +1 per successful amendment. */
  version: number;
  /** Post-only flag. */
  readonly postOnly: boolean;
}

/** True for the statuses after which an order never changes again. */
export function isFinal(status: OrderStatus): boolean {
  return status !== STATUS_ACTIVE;
}

/** The order as the core emits it in an ORDER event (a complete `vega.Order`). */
export function orderToProto(o: SimOrder): Order {
  const out: Order = {
    id: o.id,
    marketId: o.marketId,
    partyId: o.partyId,
    side: o.side,
    price: o.price.toString(),
    size: o.size.toString(),
    remaining: o.remaining.toString(),
    timeInForce: o.timeInForce,
    type: o.type,
    createdAt: o.createdAt,
    status: o.status,
    expiresAt: o.expiresAt.toString(),
    reference: o.reference,
    updatedAt: o.updatedAt,
    version: String(o.version),
    batchId: '0',
    liquidityProvisionId: '',
    postOnly: o.postOnly,
    reduceOnly: false,
  };
  if (o.reason !== undefined) out.reason = o.reason;
  return out;
}
