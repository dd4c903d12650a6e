/** Exact decimal-string arithmetic and scaling for Vega prices, sizes and amounts (no floats). */
export { addDecimal, midDecimal, subtractDecimal } from './arithmetic.js';
export { canonicalDecimal, isCanonicalDecimal, isDecimalString } from './canonical.js';
export { compareDecimal } from './compare.js';
export { marketDecimals, type MarketDecimalPlaces, type MarketDecimals } from './market-decimals.js';
export { MAX_DECIMAL_PLACES } from './places.js';
export { scaleDecimal, unscaleDecimal, type ScaleDecimalOptions } from './scale.js';
export { decimalToNumber } from './to-number.js';
