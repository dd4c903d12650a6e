import * as t from 'io-ts';
import { FAIL, ProtoType, type Fail } from './proto-type.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * A proto3 enum value from JSON: a number in the int32 range is kept as is (proto3 enums are open),
 * a value name of `values` (a numeric TypeScript enum object) becomes its number; anything else is
 * {@link FAIL}.
 */
export function parseEnum(u: unknown, values: Readonly<Record<string, string | number>>): number | Fail {
  if (typeof u === 'number') {
    return Number.isInteger(u) && u >= INT32_MIN && u <= INT32_MAX ? u : FAIL;
  }
  if (typeof u === 'string' && Object.hasOwn(values, u)) {
    const n = values[u];
    if (typeof n === 'number') return n;
  }
  return FAIL;
}

/**
 * A proto3 enum. Decodes a JSON number (stream frames) or a value name (REST-rendered frames) to
 * the wire NUMBER. Proto3 enums are open: an integer the spec does not list is kept as is (a newer
 * node may send it); an unknown name is a decode failure. `0` when absent.
 */
export class EnumType<E extends number> extends ProtoType<E> {
  /** Value name -> wire number. */
  readonly byName: ReadonlyMap<string, number>;

  constructor(
    /** Proto full name, e.g. `vega.Side`. */
    readonly protoName: string,
    /** The TypeScript enum object (numeric, so it maps names to numbers and back). */
    readonly values: Readonly<Record<string, string | number>>,
  ) {
    super(protoName, `enum ${protoName} (number or name)`, 'zero', 0 as E);
    const byName = new Map<string, number>();
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'number') byName.set(name, value);
    }
    this.byName = byName;
  }

  fast(u: unknown): E | Fail {
    return parseEnum(u, this.values) as E | Fail;
  }

  slow(u: unknown, c: t.Context): t.Validation<E> {
    const r = this.fast(u);
    return r === FAIL ? t.failure(u, c, `expected ${this.expected}`) : t.success(r);
  }

  /** The number on streams; the value name in the REST form (a number the spec does not list stays a number). */
  override toJson(a: E, rest: boolean): unknown {
    if (!rest) return a;
    const name = this.values[a];
    return typeof name === 'string' ? name : a;
  }

  override isDefault(a: E): boolean {
    return a === 0;
  }
}

/** Codec for a numeric TypeScript enum that mirrors the proto enum `protoName`. */
export function enumeration<E extends number>(
  protoName: string,
  values: Readonly<Record<string, string | number>>,
): EnumType<E> {
  return new EnumType<E>(protoName, values);
}
