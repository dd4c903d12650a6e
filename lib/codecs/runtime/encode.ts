import type * as t from 'io-ts';
import { asProtoType } from './proto-type.js';

/**
 * A decoded value as the data node writes it in stream frames (jsonpb with enums as numbers and
 * defaults omitted): zero scalars, enum 0, empty arrays and maps left out; sub-messages and
 * fields with presence written whenever set; 64-bit integers and decimals as strings.
 */
export function encodeStream<A>(codec: t.Decoder<unknown, A>, value: A): unknown {
  return asProtoType(codec).toJson(value, false);
}

/**
 * A decoded value as the data node writes ordinary REST responses (enum names, every default
 * written, unset sub-messages as `null`).
 */
export function encodeRest<A>(codec: t.Decoder<unknown, A>, value: A): unknown {
  return asProtoType(codec).toJson(value, true);
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text as Go's encoder writes it: compact, with `<`, `>`, `&`, U+2028 and U+2029 escaped
 * (so frames are byte-for-byte what a real node sends).
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] as string);
}
