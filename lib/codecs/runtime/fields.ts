/**
 * Field decoders for the generated message decoders (lib/codecs/generated/decoders.ts): each takes
 * the raw value of one field and gives its decoded value, its proto3 zero when the field is absent
 * or `null`, or {@link FAIL}. Small and monomorphic, so the engine inlines them into the decoders.
 */
import { decodeMapValues } from './collections.js';
import { parseEnum } from './enums.js';
import { FAIL, type Fail } from './proto-type.js';
import { parseBytes, parseDouble, parseInt32, parseInt64, parseUint32, parseUint64 } from './scalars.js';

/** A `string` field: `""` when absent. */
export function stringField(v: unknown): string | Fail {
  return v == null ? '' : typeof v === 'string' ? v : FAIL;
}

/** A `bool` field: `false` when absent. */
export function boolField(v: unknown): boolean | Fail {
  return v == null ? false : typeof v === 'boolean' ? v : FAIL;
}

/** An `int64` field: `"0"` when absent. */
export function int64Field(v: unknown): string | Fail {
  return v == null ? '0' : parseInt64(v);
}

/** A `uint64` field: `"0"` when absent. */
export function uint64Field(v: unknown): string | Fail {
  return v == null ? '0' : parseUint64(v);
}

/** An `int32` field: `0` when absent. */
export function int32Field(v: unknown): number | Fail {
  return v == null ? 0 : parseInt32(v);
}

/** A `uint32` field: `0` when absent. */
export function uint32Field(v: unknown): number | Fail {
  return v == null ? 0 : parseUint32(v);
}

/** A `double` or `float` field: `0` when absent. */
export function doubleField(v: unknown): number | Fail {
  return v == null ? 0 : parseDouble(v);
}

/** A `bytes` field: `""` when absent. */
export function bytesField(v: unknown): string | Fail {
  return v == null ? '' : parseBytes(v);
}

/** An enum field of the numeric TypeScript enum `values`: `0` when absent. */
export function enumField(v: unknown, values: Readonly<Record<string, string | number>>): number | Fail {
  return v == null ? 0 : parseEnum(v, values);
}

/** A `repeated` field whose items decode with `item` (an item is never `null`): `[]` when absent. */
export function repeatedField<A>(v: unknown, item: (x: unknown) => A | Fail): A[] | Fail {
  if (v == null) return [];
  if (!Array.isArray(v)) return FAIL;
  const n = v.length;
  const out = new Array<A>(n);
  for (let i = 0; i < n; i++) {
    const r = item(v[i]);
    if (r === FAIL) return FAIL;
    out[i] = r;
  }
  return out;
}

/** A `map<string, V>` field whose values decode with `value`: `{}` when absent. */
export function mapField<V>(v: unknown, value: (x: unknown) => V | Fail): Record<string, V> | Fail {
  return v == null ? {} : decodeMapValues(v, value);
}
