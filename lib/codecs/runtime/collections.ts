import * as t from 'io-ts';
import { asProtoType, FAIL, isJsonObject, ProtoType, type Fail } from './proto-type.js';

/** proto `repeated T`: a JSON array; a fresh `[]` when the field is absent or `null`. */
export class RepeatedType<A> extends ProtoType<A[]> {
  /** The codec of each element. */
  readonly item: ProtoType<A>;

  constructor(item: t.Decoder<unknown, A>) {
    const proto = asProtoType(item);
    super(`Array<${proto.name}>`, `array of ${proto.name}`, 'repeated', undefined);
    this.item = proto;
  }

  fast(u: unknown): A[] | Fail {
    if (!Array.isArray(u)) return FAIL;
    const item = this.item;
    const n = u.length;
    const out = new Array<A>(n);
    for (let i = 0; i < n; i++) {
      const r = item.fast(u[i]);
      if (r === FAIL) return FAIL;
      out[i] = r;
    }
    return out;
  }

  slow(u: unknown, c: t.Context): t.Validation<A[]> {
    if (!Array.isArray(u)) return t.failure(u, c, `expected ${this.expected}`);
    const errors: t.Errors = [];
    const out: A[] = [];
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i];
      const r = this.item.validate(v, t.appendContext(c, String(i), this.item, v));
      if (r._tag === 'Left') errors.push(...r.left);
      else out.push(r.right);
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  }

  override toJson(a: A[], rest: boolean): unknown {
    const item = this.item;
    return a.map((v) => item.toJson(v, rest));
  }

  override isDefault(a: A[]): boolean {
    return a.length === 0;
  }
}

/** proto `map<string, V>`: a JSON object; a fresh `{}` when the field is absent or `null`. */
export class MapType<V> extends ProtoType<Record<string, V>> {
  /** The codec of each value. */
  readonly value: ProtoType<V>;

  constructor(value: t.Decoder<unknown, V>) {
    const proto = asProtoType(value);
    super(`Record<string, ${proto.name}>`, `object (map of ${proto.name})`, 'map', undefined);
    this.value = proto;
  }

  fast(u: unknown): Record<string, V> | Fail {
    const value = this.value;
    return decodeMapValues(u, (v) => value.fast(v));
  }

  slow(u: unknown, c: t.Context): t.Validation<Record<string, V>> {
    if (!isJsonObject(u)) return t.failure(u, c, `expected ${this.expected}`);
    const errors: t.Errors = [];
    const out: Record<string, V> = {};
    for (const key of Object.keys(u)) {
      const v = u[key];
      const r = this.value.validate(v, t.appendContext(c, key, this.value, v));
      if (r._tag === 'Left') errors.push(...r.left);
      else setOwn(out, key, r.right);
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  }

  /** Keys sorted, as the Go encoder writes maps. */
  override toJson(a: Record<string, V>, rest: boolean): unknown {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(a).sort()) setOwn(out, key, this.value.toJson(a[key] as V, rest));
    return out;
  }

  override isDefault(a: Record<string, V>): boolean {
    for (const _key in a) return false;
    return true;
  }
}

/**
 * A proto `map<string, V>` from JSON: an object whose values each decode with `decodeValue`, or
 * {@link FAIL}. A `__proto__` key stays an own key.
 */
export function decodeMapValues<V>(u: unknown, decodeValue: (v: unknown) => V | Fail): Record<string, V> | Fail {
  if (!isJsonObject(u)) return FAIL;
  const out: Record<string, V> = {};
  for (const key of Object.keys(u)) {
    const r = decodeValue(u[key]);
    if (r === FAIL) return FAIL;
    setOwn(out, key, r);
  }
  return out;
}

/** Sets an own property, even for the key `__proto__` (a plain assignment would set the prototype). */
function setOwn<V>(target: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Codec for a proto `repeated` field of `item`. */
export function repeated<A>(item: t.Decoder<unknown, A>): RepeatedType<A> {
  return new RepeatedType(item);
}

/** Codec for a proto `map<string, V>` field. */
export function map<V>(value: t.Decoder<unknown, V>): MapType<V> {
  return new MapType(value);
}
