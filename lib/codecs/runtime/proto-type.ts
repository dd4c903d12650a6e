import * as t from 'io-ts';

/**
 * Returned by {@link ProtoType.fast} when the input does not match. A sentinel instead of an
 * io-ts `Left`, so that the common (valid) path allocates no error contexts at all.
 */
export const FAIL: unique symbol = Symbol('vega-streams/decode-failed');
export type Fail = typeof FAIL;

/**
 * How a codec behaves as a message field whose key is absent (or `null`):
 * `zero` decodes to the codec's zero value, `repeated` to a fresh `[]`, `map` to a fresh `{}`,
 * `optional` leaves the key out of the output (sub-messages and fields with presence).
 */
export type AbsentMode = 'zero' | 'repeated' | 'map' | 'optional';

/**
 * Base of every codec of the proto3-JSON runtime. It is an ordinary io-ts `Type` (so it composes
 * with io-ts and `decode` returns a `Validation`), plus:
 * - {@link fast}: one validating pass that builds the output and returns {@link FAIL} on the first
 *   mismatch without allocating io-ts contexts;
 * - {@link slow}: the io-ts pass with contexts, only run once `fast` failed, to say where and why.
 */
export abstract class ProtoType<A> extends t.Type<A, unknown, unknown> {
  constructor(
    name: string,
    /** What this codec accepts, as written in a `DecodeError`, e.g. `uint64 (decimal string)`. */
    readonly expected: string,
    /** Behaviour as a message field when the key is absent or `null`. */
    readonly absent: AbsentMode,
    /** Output for an absent field when {@link ProtoType.absent} is `zero`. */
    readonly zero: A | undefined,
  ) {
    super(
      name,
      (u: unknown): u is A => this.fast(u) !== FAIL,
      (u, c) => {
        const r = this.fast(u);
        return r === FAIL ? this.slow(u, c) : t.success(r);
      },
      t.identity,
    );
  }

  /** Decodes `u` in one pass, or returns {@link FAIL}. Never throws, never allocates errors. */
  abstract fast(u: unknown): A | Fail;

  /** Decodes `u` reporting failures with io-ts contexts (run after {@link fast} failed). */
  abstract slow(u: unknown, c: t.Context): t.Validation<A>;

  /**
   * The value as proto3 JSON. `rest` selects the REST form (enum names, defaults emitted, `null`
   * for unset sub-messages); otherwise the stream form (enum numbers). Leaving out default
   * fields is the enclosing message's job ({@link isDefault}). Identity unless overridden.
   */
  toJson(a: A, _rest: boolean): unknown {
    return a;
  }

  /** True when a field holding `a` is left out of stream JSON: it is the proto3 default. */
  isDefault(_a: A): boolean {
    return false;
  }

  override decode(u: unknown): t.Validation<A> {
    const r = this.fast(u);
    return r === FAIL ? this.slow(u, [{ key: '', type: this, actual: u }]) : t.success(r);
  }
}

/**
 * Wraps a plain io-ts codec so it can be used as a message field or a repeated/map item. Absent
 * fields of such a codec are left out of the output.
 */
export class IoTsAdapter<A> extends ProtoType<A> {
  constructor(
    /** The wrapped io-ts codec. */
    readonly codec: t.Decoder<unknown, A>,
  ) {
    super(codec.name, codec.name, 'optional', undefined);
  }

  fast(u: unknown): A | Fail {
    const r = this.codec.validate(u, [{ key: '', type: this.codec, actual: u }]);
    return r._tag === 'Right' ? r.right : FAIL;
  }

  slow(u: unknown, c: t.Context): t.Validation<A> {
    return this.codec.validate(u, c);
  }
}

/** The codec itself when it is a {@link ProtoType}, otherwise an {@link IoTsAdapter} around it. */
export function asProtoType<A>(codec: t.Decoder<unknown, A>): ProtoType<A> {
  return codec instanceof ProtoType ? (codec as ProtoType<A>) : new IoTsAdapter(codec);
}

/** True for a JSON object (not `null`, not an array). */
export function isJsonObject(u: unknown): u is Record<string, unknown> {
  return typeof u === 'object' && u !== null && !Array.isArray(u);
}
