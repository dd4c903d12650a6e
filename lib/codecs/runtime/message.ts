import * as t from 'io-ts';
import { asProtoType, FAIL, isJsonObject, ProtoType, type Fail } from './proto-type.js';

/** One codec per JSON field name of the message type `A`. */
export type MessageProps<A> = { readonly [K in keyof A]-?: t.Decoder<unknown, NonNullable<A[K]>> };

const ZERO = 0;
const REPEATED = 1;
const MAP = 2;
const OPTIONAL = 3;

/** A generated one-pass decoder of one message type (see {@link MessageType.fast}). */
export type MessageDecoder<A> = (u: unknown) => A | Fail;

/** The field table of a message, built on first use (so codecs may refer to each other). */
interface Fields {
  readonly keys: readonly string[];
  readonly codecs: readonly ProtoType<unknown>[];
  /** What an absent field becomes: {@link ZERO}, {@link REPEATED}, {@link MAP} or {@link OPTIONAL}. */
  readonly modes: Uint8Array;
  readonly zeros: readonly unknown[];
}

/**
 * A proto3 message as JSON (lowerCamelCase keys). The output holds exactly the known fields:
 * unknown keys are ignored; an absent or `null` scalar, enum, repeated or map field takes its zero
 * value (`""`, `"0"`, `0`, `false`, `[]`, `{}`); an absent sub-message or field with presence
 * (proto3 `optional`, scalar `oneof` member) is left out.
 */
export class MessageType<A> extends ProtoType<A> {
  private table: Fields | undefined;

  constructor(
    /** The swagger definition name, e.g. `vegaTrade`. */
    name: string,
    private readonly props: () => MessageProps<A>,
    /** JSON names of the fields with presence. */
    readonly presence: ReadonlyArray<keyof A & string>,
    /**
     * The generated decoder (scripts/codegen): straight-line code over named fields that builds
     * fixed-shape objects, several times faster than {@link decodeByTable} and identical to it in
     * output, key order included. Without one, `fast` walks the field table.
     */
    private readonly decoder?: MessageDecoder<A>,
  ) {
    super(name, `object ${name}`, 'optional', undefined);
  }

  /** The field table (resolved lazily, so definition order and cycles need no care). */
  get fields(): Fields {
    return (this.table ??= this.compile());
  }

  private compile(): Fields {
    const props = this.props() as Readonly<Record<string, t.Decoder<unknown, unknown>>>;
    const keys = Object.keys(props);
    const presence = new Set<string>(this.presence);
    for (const key of presence) {
      if (!keys.includes(key)) throw new Error(`${this.name}: presence field "${key}" is not a field`);
    }
    const codecs: ProtoType<unknown>[] = [];
    const modes = new Uint8Array(keys.length);
    const zeros: unknown[] = [];
    keys.forEach((key, i) => {
      const codec = asProtoType(props[key] as t.Decoder<unknown, unknown>);
      codecs.push(codec);
      zeros.push(codec.zero);
      modes[i] = presence.has(key)
        ? OPTIONAL
        : codec.absent === 'zero'
          ? ZERO
          : codec.absent === 'repeated'
            ? REPEATED
            : codec.absent === 'map'
              ? MAP
              : OPTIONAL;
    });
    return { keys, codecs, modes, zeros };
  }

  /** Decodes `u` in one pass with the generated decoder, or by the field table without one. */
  fast(u: unknown): A | Fail {
    return this.decoder === undefined ? this.decodeByTable(u) : this.decoder(u);
  }

  /**
   * The one-pass decode driven by the field table: the reference the generated decoder is
   * checked against (spec/codecs), and `fast` for messages built without one.
   */
  decodeByTable(u: unknown): A | Fail {
    if (!isJsonObject(u)) return FAIL;
    const { keys, codecs, modes, zeros } = this.fields;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const v = u[key];
      if (v === undefined || v === null) {
        const mode = modes[i];
        if (mode === ZERO) out[key] = zeros[i];
        else if (mode === REPEATED) out[key] = [];
        else if (mode === MAP) out[key] = {};
        continue;
      }
      const r = (codecs[i] as ProtoType<unknown>).fast(v);
      if (r === FAIL) return FAIL;
      out[key] = r;
    }
    return out as A;
  }

  /**
   * Fields in declaration order. Stream form: a field holding its proto3 default is left out
   * (a field with presence or a sub-message is written whenever it is set, `{}` included).
   * REST form: every field is written, unset sub-messages and presence fields as `null`.
   */
  override toJson(a: A, rest: boolean): unknown {
    const { keys, codecs, modes } = this.fields;
    const value = a as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const v = value[key];
      if (v === undefined) {
        if (rest) out[key] = modes[i] === REPEATED ? [] : modes[i] === MAP ? {} : null;
        continue;
      }
      const codec = codecs[i] as ProtoType<unknown>;
      if (!rest && modes[i] !== OPTIONAL && codec.isDefault(v)) continue;
      out[key] = codec.toJson(v, rest);
    }
    return out;
  }

  slow(u: unknown, c: t.Context): t.Validation<A> {
    if (!isJsonObject(u)) return t.failure(u, c, `expected ${this.expected}`);
    const { keys, codecs, modes, zeros } = this.fields;
    const errors: t.Errors = [];
    const out: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      const v = u[key];
      const mode = modes[i];
      if (v === undefined || v === null) {
        if (mode === ZERO) out[key] = zeros[i];
        else if (mode === REPEATED) out[key] = [];
        else if (mode === MAP) out[key] = {};
        return;
      }
      const codec = codecs[i] as ProtoType<unknown>;
      const r = codec.validate(v, t.appendContext(c, key, codec, v));
      if (r._tag === 'Left') errors.push(...r.left);
      else out[key] = r.right;
    });
    return errors.length > 0 ? t.failures(errors) : t.success(out as A);
  }
}

/**
 * Codec for a proto3 message. `props` is a thunk (called once, on first decode) so generated codecs
 * can reference each other in any order, cycles included. `decoder`, when given, must decode
 * exactly as the field table does (the generated ones are checked to).
 */
export function message<A>(
  name: string,
  props: () => MessageProps<A>,
  presence: ReadonlyArray<keyof A & string>,
  decoder?: MessageDecoder<A>,
): MessageType<A> {
  return new MessageType<A>(name, props, presence, decoder);
}
