import { canonicalDecimal } from './canonical.js';
import { checkPlaces, MAX_DECIMAL_PLACES } from './places.js';
import { shiftDecimal } from './shift.js';

/** The decimal-place fields of a market: as decoded (uint64/int64 strings) or as numbers. */
export interface MarketDecimalPlaces {
  /** Price decimal places (uint64): real price = raw / 10^decimalPlaces. */
  readonly decimalPlaces: string | number;
  /** Size decimal places (int64, may be negative): real size = raw / 10^positionDecimalPlaces. */
  readonly positionDecimalPlaces: string | number;
}

/** Converters from a market's raw integer values to human decimals, exactly or as numbers. */
export interface MarketDecimals {
  /** The market's price decimal places. */
  readonly decimalPlaces: number;
  /** The market's size decimal places; negative means sizes are in multiples of 10^-n. */
  readonly positionDecimalPlaces: number;
  /** The settlement asset's decimal places, when given. */
  readonly assetDecimals: number | undefined;
  /** A raw price as an exact human decimal string. */
  price(raw: string): string;
  /** A raw size or volume as an exact human decimal string. */
  size(raw: string): string;
  /** A raw asset amount (balance, fee, margin, notional) as an exact human decimal string; needs the asset decimals. */
  amount(raw: string): string;
  /** A raw price as the nearest number (may round). */
  priceNumber(raw: string): number;
  /** A raw size as the nearest number (may round). */
  sizeNumber(raw: string): number;
  /** A raw asset amount as the nearest number (may round); needs the asset decimals. */
  amountNumber(raw: string): number;
}

/**
 * Converters for one market: prices by `decimalPlaces`, sizes by `positionDecimalPlaces`
 * (negative places scale up), asset amounts by the settlement asset's `decimals`.
 *
 * @example
 * const d = marketDecimals(market, asset.details?.decimals);
 * d.price('123456'); // "1234.56" when decimalPlaces is "2"
 *
 * @throws TypeError or RangeError at once for decimal places that are not integers in range
 * (0..100 for prices and assets, -100..100 for sizes).
 */
export function marketDecimals(market: MarketDecimalPlaces, assetDecimals?: string | number): MarketDecimals {
  const pricePlaces = checkPlaces('marketDecimals: decimalPlaces', market.decimalPlaces, 0);
  const sizePlaces = checkPlaces('marketDecimals: positionDecimalPlaces', market.positionDecimalPlaces, -MAX_DECIMAL_PLACES);
  const assetPlaces = assetDecimals === undefined ? undefined : checkPlaces('marketDecimals: assetDecimals', assetDecimals, 0);
  const amount = (raw: string): string => {
    if (assetPlaces === undefined) {
      throw new TypeError(
        "marketDecimals: amount() needs the settlement asset's decimals; pass them as the second argument, e.g. marketDecimals(market, asset.details?.decimals).",
      );
    }
    return shiftDecimal(canonicalDecimal(raw), -assetPlaces);
  };
  const price = (raw: string): string => shiftDecimal(canonicalDecimal(raw), -pricePlaces);
  const size = (raw: string): string => shiftDecimal(canonicalDecimal(raw), -sizePlaces);
  return {
    decimalPlaces: pricePlaces,
    positionDecimalPlaces: sizePlaces,
    assetDecimals: assetPlaces,
    price,
    size,
    amount,
    priceNumber: (raw) => Number(price(raw)),
    sizeNumber: (raw) => Number(size(raw)),
    amountNumber: (raw) => Number(amount(raw)),
  };
}
