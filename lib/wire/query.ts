import { quoteValue } from '../codecs/decode.js';
import { BadRequestError } from '../errors/index.js';
import { candleIdProblem } from './candle-id.js';
import { isPartyId, isTxHash, isVegaId } from './ids.js';

/** A TypeScript numeric enum object (maps names to numbers and numbers to names). */
export type EnumObject = Readonly<Record<string, string | number>>;

/** How a query parameter's value is checked and written. */
export type ParamKind =
  /** A Vega id: 64 lowercase hex characters. */
  | 'id'
  /** A party id: a Vega id or `network`. */
  | 'partyId'
  /** A whole number >= 0, written in decimal. */
  | 'count'
  /** A transaction hash (64 hex, either case). */
  | 'hash'
  /** true / false. */
  | 'bool'
  /** An enum given by name or number, written as its name. */
  | 'enum'
  /** A candle id `trades_candle_<interval>_<marketId>`. */
  | 'candleId';

/** One query parameter a route accepts. */
export interface ParamSpec {
  /** camelCase name, as sent (the gateway also takes proto names; we always send camelCase). */
  readonly name: string;
  /** How the value is checked and written. */
  readonly kind: ParamKind;
  /** Repeated field: an array, sent as repeated keys `?k=a&k=b`. */
  readonly repeated?: boolean;
  /** Refuse the request when absent. */
  readonly required?: boolean;
  /** For `enum` params: the enum object and its proto name (for messages). */
  readonly enumType?: {
    /** The enum object, e.g. `AccountType`. */
    readonly values: EnumObject;
    /** Its proto name, e.g. `vega.AccountType`. */
    readonly name: string;
  };
}

/** A scalar filter value as users give it. */
type Scalar = string | number | boolean;

/** One checked parameter value, as written: `[name, value]`. */
export type ParamValue = readonly [name: string, value: string];

/**
 * Check a route's filters against its parameter list and return the values as they are
 * written (enum names, decimal numbers), in parameter order; arrays give one entry per element.
 * Refuses, with a {@link BadRequestError} naming the parameter: unknown filter names (the node
 * would silently ignore them), empty strings (the node would match nothing), empty arrays (the
 * node would match everything: leave the filter out to mean that), malformed ids, unknown enum
 * values, missing required parameters. Undefined values are left out.
 */
export function checkParams(
  route: string,
  params: readonly ParamSpec[],
  filters: Readonly<Record<string, unknown>>,
): ParamValue[] {
  const known = new Set(params.map((p) => p.name));
  for (const key of Object.keys(filters)) {
    if (!known.has(key) && filters[key] !== undefined) {
      const names = params.map((p) => p.name).join(', ') || 'none';
      throw new BadRequestError(route, key, `unknown filter (the node would silently ignore it). Filters of this route: ${names}`);
    }
  }
  const values: ParamValue[] = [];
  for (const param of params) {
    const raw = filters[param.name];
    if (raw === undefined) {
      if (param.required) throw new BadRequestError(route, param.name, 'is required');
      continue;
    }
    for (const value of param.repeated ? listOf(route, param, raw) : [raw]) {
      values.push([param.name, written(route, param, value)]);
    }
  }
  return values;
}

/**
 * The query string of a route for some filters (with its leading `?`, or '' when there is
 * nothing to send): camelCase keys, arrays as repeated keys. Throws a {@link BadRequestError}
 * naming the parameter for an unknown, empty, malformed or missing required filter.
 */
export function buildQuery(
  route: string,
  params: readonly ParamSpec[],
  filters: Readonly<Record<string, unknown>>,
): string {
  const parts = checkParams(route, params, filters).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function listOf(route: string, param: ParamSpec, raw: unknown): readonly unknown[] {
  if (!Array.isArray(raw)) {
    throw new BadRequestError(route, param.name, `must be an array (got ${quoteValue(raw)})`);
  }
  if (raw.length === 0) {
    throw new BadRequestError(route, param.name, 'is an empty list, which the node treats as no filter at all. Leave the filter out to mean "all"');
  }
  return raw;
}

/** Check one value and return it as written in the query string. */
function written(route: string, param: ParamSpec, value: unknown): string {
  const fail = (problem: string): never => {
    throw new BadRequestError(route, param.name, problem);
  };
  if (!isScalar(value)) return fail(`must be a ${param.kind === 'bool' ? 'boolean' : param.kind === 'count' ? 'number' : 'string'} (got ${typeof value === 'object' ? '' : `a ${typeof value}: `}${quoteValue(value)})`);
  if (value === '') return fail('is empty: the node would match nothing. Leave the filter out to match everything');
  switch (param.kind) {
    case 'id':
      if (typeof value !== 'string' || !isVegaId(value)) fail(`${quoteValue(value)} is not a Vega id (64 lowercase hex characters)`);
      return String(value);
    case 'partyId':
      if (typeof value !== 'string' || !isPartyId(value)) fail(`${quoteValue(value)} is not a party id (64 lowercase hex characters, or "network")`);
      return String(value);
    case 'count':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(`must be a whole number >= 0 (got ${quoteValue(value)})`);
      return String(value);
    case 'hash':
      if (typeof value !== 'string' || !isTxHash(value)) fail(`${quoteValue(value)} is not a transaction hash (64 hex characters)`);
      return String(value);
    case 'bool':
      if (typeof value !== 'boolean') fail(`must be true or false (got ${quoteValue(value)})`);
      return String(value);
    case 'candleId': {
      if (typeof value !== 'string') return fail(`must be a string (got ${quoteValue(value)})`);
      const problem = candleIdProblem(value);
      if (problem) fail(problem);
      return value;
    }
    case 'enum':
      return enumName(param, value, fail);
  }
}

function enumName(param: ParamSpec, value: Scalar, fail: (problem: string) => never): string {
  const type = param.enumType;
  if (!type) return fail('has no enum type (a bug in vega-streams: please report it)');
  const name = typeof value === 'number' ? type.values[value] : value;
  if (typeof name === 'string' && typeof type.values[name] === 'number') return name;
  const names = Object.keys(type.values).filter((k) => typeof type.values[k] === 'number');
  return fail(`${quoteValue(value)} is not a ${type.name} value: use one of ${names.join(', ')} (or its number)`);
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

