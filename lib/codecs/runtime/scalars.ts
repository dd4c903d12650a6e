import * as t from 'io-ts';
import { FAIL, ProtoType, type Fail } from './proto-type.js';

/**
 * A proto3 scalar: one parse function used by both passes. Null and absence are handled by the
 * enclosing message (the field takes {@link ProtoType.zero}); a scalar codec given `null` fails.
 */
export class ScalarType<A> extends ProtoType<A> {
  constructor(
    name: string,
    expected: string,
    zero: A,
    /** Returns the decoded value or {@link FAIL}. */
    readonly parse: (u: unknown) => A | Fail,
  ) {
    super(name, expected, 'zero', zero);
  }

  fast(u: unknown): A | Fail {
    return this.parse(u);
  }

  slow(u: unknown, c: t.Context): t.Validation<A> {
    const r = this.parse(u);
    return r === FAIL ? t.failure(u, c, `expected ${this.expected}`) : t.success(r);
  }

  /** NaN and the infinities are written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. */
  override toJson(a: A): unknown {
    return typeof a === 'number' && !Number.isFinite(a) ? String(a) : a;
  }

  override isDefault(a: A): boolean {
    return a === this.zero;
  }
}

const INT64_MAX = '9223372036854775807';
const INT64_MIN_ABS = '9223372036854775808';
const UINT64_MAX = '18446744073709551615';
const BASE64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DECIMAL_NUMBER_RE = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when `s` from index `start` on is one or more ASCII digits. */
function isDigits(s: string, start: number): boolean {
  const n = s.length;
  if (n <= start) return false;
  for (let i = start; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The digits of `s` from `start` on, as an unsigned integer, are at most `max` (same form). */
function digitsAtMost(s: string, start: number, max: string): boolean {
  let i = start;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  const d = i === 0 ? s : s.slice(i);
  return d.length < max.length || (d.length === max.length && d <= max);
}

/** proto `string` from JSON: the string, or {@link FAIL}. */
export function parseString(u: unknown): string | Fail {
  return typeof u === 'string' ? u : FAIL;
}

/** proto `bool` from JSON: the boolean, or {@link FAIL}. */
export function parseBool(u: unknown): boolean | Fail {
  return typeof u === 'boolean' ? u : FAIL;
}

/** proto `int64` from JSON: the decimal string, or {@link FAIL} (see {@link int64}). */
export function parseInt64(u: unknown): string | Fail {
  if (typeof u === 'string') {
    const start = u.charCodeAt(0) === 45 /* - */ ? 1 : 0;
    if (!isDigits(u, start)) return FAIL;
    // Up to 18 digits always fits; longer ones are compared with the int64 bounds.
    if (u.length - start <= 18) return u;
    return digitsAtMost(u, start, start === 1 ? INT64_MIN_ABS : INT64_MAX) ? u : FAIL;
  }
  return typeof u === 'number' && Number.isSafeInteger(u) ? String(u) : FAIL;
}

/** proto `uint64` from JSON: the decimal string, or {@link FAIL} (see {@link uint64}). */
export function parseUint64(u: unknown): string | Fail {
  if (typeof u === 'string') {
    if (!isDigits(u, 0)) return FAIL;
    return u.length <= 19 || digitsAtMost(u, 0, UINT64_MAX) ? u : FAIL;
  }
  return typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? String(u) : FAIL;
}

/** A JSON number, or a decimal string (proto3 JSON accepts quoted numbers), as a JS number. */
function toNumber(u: unknown): number | Fail {
  if (typeof u === 'number') return u;
  if (typeof u === 'string' && DECIMAL_NUMBER_RE.test(u)) return Number(u);
  return FAIL;
}

/** proto `int32` from JSON: the number, or {@link FAIL} (see {@link int32}). */
export function parseInt32(u: unknown): number | Fail {
  const n = toNumber(u);
  return n !== FAIL && Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : FAIL;
}

/** proto `uint32` from JSON: the number, or {@link FAIL} (see {@link uint32}). */
export function parseUint32(u: unknown): number | Fail {
  const n = toNumber(u);
  return n !== FAIL && Number.isInteger(n) && n >= 0 && n <= 4294967295 ? n : FAIL;
}

/** proto `double` and `float` from JSON: the number, or {@link FAIL} (see {@link protoDouble}). */
export function parseDouble(u: unknown): number | Fail {
  if (typeof u === 'string') {
    if (u === 'NaN') return NaN;
    if (u === 'Infinity') return Infinity;
    if (u === '-Infinity') return -Infinity;
  }
  return toNumber(u);
}

/** proto `bytes` from JSON: the base64 text, or {@link FAIL} (see {@link protoBytes}). */
export function parseBytes(u: unknown): string | Fail {
  return typeof u === 'string' && u.length % 4 !== 1 && BASE64_RE.test(u) ? u : FAIL;
}

/** proto `string` (also decimals, prices and ids): a JSON string; `""` when absent. */
export const protoString: ScalarType<string> = new ScalarType('string', 'string', '', parseString);

/** proto `bool`: `true`/`false`; `false` when absent. */
export const protoBool: ScalarType<boolean> = new ScalarType('bool', 'bool', false, parseBool);

/**
 * proto `int64`: a decimal string such as `"-6795364573871345152"` (a safe-integer JSON number is
 * accepted and turned into its decimal string); `"0"` when absent. Never a JS number.
 */
export const int64: ScalarType<string> = new ScalarType(
  'int64',
  'int64 (decimal string)',
  '0',
  parseInt64,
);

/** proto `uint64`: an unsigned decimal string (or a safe non-negative integer); `"0"` when absent. */
export const uint64: ScalarType<string> = new ScalarType(
  'uint64',
  'uint64 (decimal string)',
  '0',
  parseUint64,
);

/** proto `int32`: a JSON integer (or decimal string) in the int32 range; `0` when absent. */
export const int32: ScalarType<number> = new ScalarType(
  'int32',
  'int32 (number)',
  0,
  parseInt32,
);

/** proto `uint32`: a JSON integer (or decimal string) in the uint32 range; `0` when absent. */
export const uint32: ScalarType<number> = new ScalarType(
  'uint32',
  'uint32 (number)',
  0,
  parseUint32,
);

/** proto `double`: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`; `0` when absent. */
export const protoDouble: ScalarType<number> = new ScalarType(
  'double',
  'double (number)',
  0,
  parseDouble,
);

/** proto `float`: same JSON form as `double`; `0` when absent. */
export const protoFloat: ScalarType<number> = new ScalarType(
  'float',
  'float (number)',
  0,
  parseDouble,
);

/** proto `bytes`: a base64 string (standard or URL-safe alphabet), kept as text; `""` when absent. */
export const protoBytes: ScalarType<string> = new ScalarType(
  'bytes',
  'bytes (base64 string)',
  '',
  parseBytes,
);

/**
 * `google.protobuf.Value`: any JSON value, kept as parsed. As a message field it is left out when
 * absent.
 */
export const jsonValue: ProtoType<unknown> = new (class JsonValueType extends ProtoType<unknown> {
  constructor() {
    super('google.protobuf.Value', 'any JSON value', 'optional', undefined);
  }

  fast(u: unknown): unknown {
    return u;
  }

  slow(u: unknown): t.Validation<unknown> {
    return t.success(u);
  }
})();
