import * as t from 'io-ts';
import { DecodeError } from '../errors/index.js';
import { RepeatedType } from './runtime/collections.js';
import { ProtoType } from './runtime/proto-type.js';

/** How many characters of an offending value a `DecodeError` quotes. */
export const DECODE_QUOTE_LENGTH = 80;

const IDENTIFIER_RE = /^[A-Za-z_$][\w$]*$/;

/**
 * Decodes `value` (the `result` member of a frame) with `codec`, or throws a {@link DecodeError}
 * built from the first failure: the JSON path of the bad field (`$.result.trades[0].size`), what
 * was expected there and what came.
 */
export function decodeOrThrow<A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  route: string,
  basePath = '$.result',
): A {
  const result = codec.decode(value);
  if (result._tag === 'Right') return result.right;
  const first = result.left[0];
  if (first === undefined) {
    throw new DecodeError(route, basePath, expectedOf(codec), quoteValue(value));
  }
  const last = first.context[first.context.length - 1];
  throw new DecodeError(
    route,
    formatDecodePath(basePath, first.context),
    last === undefined ? expectedOf(codec) : expectedOf(last.type),
    quoteValue(first.value),
  );
}

/** The JSON path of an io-ts context, e.g. `$.result.trades[0].size`. */
export function formatDecodePath(basePath: string, context: t.Context): string {
  let path = basePath;
  for (let i = 1; i < context.length; i++) {
    const key = (context[i] as t.ContextEntry).key;
    const parent = (context[i - 1] as t.ContextEntry).type;
    if (parent instanceof RepeatedType || parent instanceof t.ArrayType) path += `[${key}]`;
    else if (IDENTIFIER_RE.test(key)) path += `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

/** Short JSON rendering of a value for an error message. */
export function quoteValue(value: unknown, max = DECODE_QUOTE_LENGTH): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // Too deep to print (String() would recurse as deep) or circular: name the kind only.
      text = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function expectedOf(decoder: t.Decoder<unknown, unknown>): string {
  return decoder instanceof ProtoType ? decoder.expected : decoder.name;
}
