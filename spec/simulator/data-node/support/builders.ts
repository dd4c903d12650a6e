// Builders of complete core events and blocks for the data-node specs: each builder takes the
// JSON fields that matter (stream encoding: int64 as strings, enums as numbers) and the codecs
// fill in every other field with its proto3 default.
import { BusEventCodec, BusEventType, decodeOrThrow } from '../../../../lib/codecs/index.js';
import type { BusEvent } from '../../../../lib/codecs/index.js';
import type { CoreBlock } from '../../../../lib/simulator/core-block.js';

/** A JSON object in stream encoding. */
export type Json = Record<string, unknown>;

/** Ids used by the specs (64 lowercase hex characters). */
export const MARKET_A = 'a'.repeat(64);
export const MARKET_B = 'b'.repeat(64);
export const ASSET = 'c'.repeat(64);
export const ALICE = '1'.repeat(64);
export const BOB = '2'.repeat(64);
export const CAROL = '3'.repeat(64);

/** Order statuses, sides, types and times in force by wire number. */
export const ACTIVE = 1;
export const EXPIRED = 2;
export const CANCELLED = 3;
export const FILLED = 5;
export const PARKED = 8;
export const BUY = 1;
export const SELL = 2;

/** An ORDER event payload: a GTC limit order of ALICE in MARKET_A, active, remaining = size, unless overridden. */
export function order(fields: Json & { id: string; price: string; size: string }): Json {
  return {
    type: BusEventType.BUS_EVENT_TYPE_ORDER,
    order: {
      marketId: MARKET_A,
      partyId: ALICE,
      side: BUY,
      type: 1,
      timeInForce: 1,
      status: ACTIVE,
      version: '1',
      remaining: fields.size,
      ...fields,
    },
  };
}

/** A TRADE event payload (aggressor: buyer) in MARKET_A. */
export function trade(fields: Json & { id: string; price: string; size: string; buyer: string; seller: string }): Json {
  return {
    type: BusEventType.BUS_EVENT_TYPE_TRADE,
    trade: { marketId: MARKET_A, aggressor: BUY, type: 1, buyOrder: `${fields.id}-b`, sellOrder: `${fields.id}-s`, ...fields },
  };
}

/** An ACCOUNT event payload. */
export function account(fields: Json & { owner: string; balance: string; type: number }): Json {
  return {
    type: BusEventType.BUS_EVENT_TYPE_ACCOUNT,
    account: { id: `${fields.owner}${fields.type}`, asset: ASSET, marketId: '!', ...fields },
  };
}

/** A MARKET_DATA event payload with a mark price. */
export function marketData(market: string, markPrice: string): Json {
  return { type: BusEventType.BUS_EVENT_TYPE_MARKET_DATA, marketData: { market, markPrice } };
}

/** An ASSET event payload. */
export function asset(id: string, decimals: number): Json {
  return { type: BusEventType.BUS_EVENT_TYPE_ASSET, asset: { id, details: { name: id, symbol: 'A', decimals: String(decimals) }, status: 4 } };
}

/** A MARKET_CREATED event payload: a future settling in `settlementAsset`. */
export function marketCreated(id: string, decimalPlaces: number, positionDecimalPlaces: number, settlementAsset = ASSET): Json {
  return {
    type: BusEventType.BUS_EVENT_TYPE_MARKET_CREATED,
    marketCreated: {
      id,
      decimalPlaces: String(decimalPlaces),
      positionDecimalPlaces: String(positionDecimalPlaces),
      tradableInstrument: { instrument: { id: `${id}-i`, code: 'TEST', future: { settlementAsset } } },
    },
  };
}

/**
 * A complete core block: BEGIN_BLOCK, the payloads, END_BLOCK, with ids `<height>-<index>` (index
 * from 1) and the block hash, every event decoded with the codecs (defaults filled in).
 */
export function block(height: number, timeNs: bigint, payloads: readonly Json[]): CoreBlock {
  const hash = height.toString(16).padStart(64, '0');
  const raw: Json[] = [
    { type: BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK, beginBlock: { height: String(height), timestamp: String(timeNs), hash } },
    ...payloads,
    { type: BusEventType.BUS_EVENT_TYPE_END_BLOCK, endBlock: { height: String(height) } },
  ];
  const events: BusEvent[] = raw.map((payload, i) =>
    decodeOrThrow(BusEventCodec, { ...payload, id: `${height}-${i + 1}`, block: hash.toUpperCase() }, 'spec', `$[${i}]`),
  );
  return { height: BigInt(height), hash, timeNs, events };
}

/** Feeds blocks one a second from `startNs` (heights from 1), returning a function per next block. */
export function blockSequence(startNs = 1_700_000_000_000_000_000n, stepNs = 1_000_000_000n): (payloads: readonly Json[]) => CoreBlock {
  let height = 0;
  return (payloads) => {
    height += 1;
    return block(height, startNs + BigInt(height - 1) * stepNs, payloads);
  };
}
