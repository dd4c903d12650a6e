/**
 * The generated decoders (lib/codecs/generated/decoders.ts) must decode exactly as the field
 * table does (`MessageType.decodeByTable`): same failures, same values, same key order. Each
 * message is checked at its own level, on every message object of the real sample frames and on
 * random wire values built from its field table (valid, absent, `null`, wrong-typed, unknown
 * keys); sub-messages go through the same (themselves checked) decoders on both sides, so
 * agreement at every level means agreement of whole frames.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import * as generated from '../../lib/codecs/generated/index.js';
import * as decoders from '../../lib/codecs/generated/decoders.js';
import {
  EnumType,
  FAIL,
  MapType,
  MessageType,
  RepeatedType,
  ScalarType,
  STREAM_RESPONSE_CODECS,
  type ProtoType,
} from '../../lib/codecs/index.js';
import { messagesOf, protoOf, type AnyMessage } from '../fuzz/support/codecs.js';
import { loadSamples, sampleResult } from '../support/samples.js';

type Decoder = (u: unknown) => unknown;

/** Every generated message codec with its generated decoder. */
const MESSAGES: { name: string; codec: AnyMessage; decode: Decoder }[] = Object.entries(generated as Record<string, unknown>)
  .filter((entry): entry is [string, AnyMessage] => entry[0].endsWith('Codec') && entry[1] instanceof MessageType)
  .map(([name, codec]) => {
    const decode = (decoders as Record<string, unknown>)[`decode${name.slice(0, -'Codec'.length)}`];
    if (typeof decode !== 'function') throw new Error(`${name} has no generated decoder`);
    return { name, codec, decode: decode as Decoder };
  });

/** Both decoders agree on `u`: both fail, or both give equal values with keys in the same order. */
function expectSame(name: string, codec: AnyMessage, decode: Decoder, u: unknown): void {
  const fromTable = codec.decodeByTable(u);
  const fromCode = decode(u);
  const where = `${name} on ${JSON.stringify(u)?.slice(0, 300)}`;
  if (fromTable === FAIL || fromCode === FAIL) {
    expect(fromCode === FAIL, `${where}: generated ${fromCode === FAIL ? 'fails' : 'decodes'}, table ${fromTable === FAIL ? 'fails' : 'decodes'}`).to.equal(fromTable === FAIL);
    return;
  }
  expect(fromCode, where).to.deep.equal(fromTable);
  expect(keyOrder(fromCode), `${where}: key order`).to.deep.equal(keyOrder(fromTable));
}

/** The keys of every object in a value, depth first. */
function keyOrder(value: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(value)) for (const item of value) keyOrder(item, out);
  else if (typeof value === 'object' && value !== null) {
    out.push(Object.keys(value));
    for (const v of Object.values(value)) keyOrder(v, out);
  }
  return out;
}

/** Values no field of any kind should take for granted. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom([], {}, [1], { a: 1 }, '', '-1', '1.5', '1e3', 'NaN', '-Infinity', 'AQID', 'AQ=', '9223372036854775808', '18446744073709551616', 2 ** 31, -(2 ** 31) - 1, 2 ** 53, '__proto__', 'toString'),
);

const INT64 = fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n);
const UINT64 = fc.bigInt(0n, 2n ** 64n - 1n);

/** A well-formed wire value of a scalar, in each JSON form proto3 allows. */
function scalarValue(codec: ScalarType<unknown>): fc.Arbitrary<unknown> {
  switch (codec.name) {
    case 'string':
      return fc.string({ maxLength: 12 });
    case 'bool':
      return fc.boolean();
    case 'int64':
      return fc.oneof(INT64.map(String), fc.maxSafeInteger(), fc.constantFrom('-0', '007'));
    case 'uint64':
      return fc.oneof(UINT64.map(String), fc.maxSafeNat(), fc.constant('00018446744073709551615'));
    case 'int32':
      return fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer().map(String), fc.constant('1e2'));
    case 'uint32':
      return fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), fc.nat().map(String));
    case 'double':
    case 'float':
      return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1.5e3', '.5'));
    case 'bytes':
      return fc.oneof(fc.uint8Array({ maxLength: 9 }).map((b) => Buffer.from(b).toString('base64')), fc.constant('-_8='));
    default:
      throw new Error(`no values for scalar ${codec.name}`);
  }
}

/**
 * A wire value for a field of `codec`: mostly well formed, sometimes `null` or junk; only well
 * formed when `clean` (a big message with junk somewhere nearly always fails as a whole, so clean
 * values are what exercise the decoding of every field).
 */
function fieldValue(codec: ProtoType<unknown>, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  if (clean) return wellFormed(codec, depth, clean);
  return fc.oneof(
    { weight: 6, arbitrary: wellFormed(codec, depth, clean) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: junk },
  );
}

const cache = new Map<ProtoType<unknown>, Map<string, fc.Arbitrary<unknown>>>();

/** A value of the codec's wire form (sub-messages below `depth` 0 are empty). */
function wellFormed(codec: ProtoType<unknown>, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  const byDepth = cache.get(codec) ?? new Map<string, fc.Arbitrary<unknown>>();
  cache.set(codec, byDepth);
  const key = `${depth}:${clean}`;
  const known = byDepth.get(key);
  if (known !== undefined) return known;
  const made = build(codec, depth, clean);
  byDepth.set(key, made);
  return made;
}

function build(codec: ProtoType<unknown>, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  if (codec instanceof ScalarType) return scalarValue(codec);
  if (codec instanceof EnumType) {
    const names = [...codec.byName.keys()];
    return fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(...names, 'NOT_A_VALUE', 'hasOwnProperty'));
  }
  if (codec instanceof RepeatedType) {
    const item = wellFormed(codec.item, depth, clean);
    return fc.array(clean ? item : fc.oneof({ weight: 8, arbitrary: item }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), junk) }), { maxLength: 3 });
  }
  if (codec instanceof MapType) {
    const value = wellFormed(codec.value, depth, clean);
    return fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constant('__proto__')), clean ? value : fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: junk }), { maxKeys: 3 });
  }
  if (codec instanceof MessageType) return messageValue(codec as AnyMessage, depth, clean);
  return fc.oneof(junk, fc.constant(null)); // google.protobuf.Value: any JSON
}

/** A message object: each field absent, `null`, well formed or junk; unknown keys; any key order. */
function messageValue(codec: AnyMessage, depth: number, clean: boolean): fc.Arbitrary<Record<string, unknown>> {
  if (depth < 0) return fc.constant({});
  const { keys, codecs } = codec.fields;
  const fields = keys.map((key, i) =>
    fc.option(fieldValue(codecs[i] as ProtoType<unknown>, depth - 1, clean), { freq: 3, nil: undefined }).map((v) => [key, v] as const),
  );
  return fc
    .tuple(fc.tuple(...fields), fc.dictionary(fc.string({ maxLength: 5 }), junk, { maxKeys: 2 }), fc.boolean())
    .map(([entries, extra, reverse]) => {
      const present = entries.filter(([, v]) => v !== undefined);
      const object: Record<string, unknown> = { ...extra };
      for (const [key, v] of reverse ? present.reverse() : present) object[key] = v;
      return object;
    });
}

describe('codecs: generated decoders', () => {
  it('exist for every generated message codec, and fast uses them', () => {
    expect(MESSAGES.length).to.be.greaterThan(300);
    for (const { name, codec, decode } of MESSAGES) {
      // A non-object fails both ways; `{}` is every field absent.
      expect(decode('x'), name).to.equal(FAIL);
      expect(codec.fast({}), name).to.deep.equal(decode({}));
    }
  });

  it('decode every message object of the real sample frames as the field table does', () => {
    let checked = 0;
    const byCodec = new Map<unknown, (typeof MESSAGES)[number]>(MESSAGES.map((m) => [m.codec, m]));
    for (const sample of loadSamples()) {
      if (sample.route === undefined || sample.sampleClass === 'NEGATIVE') continue;
      const routeCodec = protoOf(STREAM_RESPONSE_CODECS[sample.route]);
      const result = sampleResult(sample.file);
      for (const { path, codec } of messagesOf(routeCodec, result)) {
        const value = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], result);
        const entry = byCodec.get(codec);
        if (entry === undefined) throw new Error(`${codec.name} is not a generated codec`);
        expectSame(entry.name, codec, entry.decode, value);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(500);
  });

  it('decode random wire values of every message as the field table does (fixed seed)', function () {
    this.timeout(60_000);
    for (const { name, codec, decode } of MESSAGES) {
      fc.assert(
        fc.property(fc.oneof(messageValue(codec, 2, true), messageValue(codec, 2, false)), (u) => expectSame(name, codec, decode, u)),
        { seed: 20261124, numRuns: 40 },
      );
    }
  });
});
