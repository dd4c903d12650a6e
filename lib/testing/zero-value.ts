import type { Decoder } from 'io-ts';
import { decodeOrThrow } from '../codecs/index.js';

/**
 * The all-defaults value of a message codec (`""`, `"0"`, `0`, `false`, `[]`; optional fields
 * left out): what the codec decodes `{}` to. A fresh object each call.
 */
export function zeroOf<A>(codec: Decoder<unknown, A>): A {
  return decodeOrThrow(codec, {}, 'testing/zeroOf');
}

/**
 * `fields` without its `undefined` values, so that spreading builder overrides over defaults
 * never replaces a default with `undefined` (`{ owner: maybeParty }` keeps the default owner).
 */
export function definedFields<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
