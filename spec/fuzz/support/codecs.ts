/**
 * Codec-aware helpers for the fuzz specs: walk a wire JSON value along a route's codec (to find
 * the places a mutation can hit), say which values each kind of field must accept or refuse
 * (proto3 JSON as docs/codecs.md describes it), and check that a decoded value has the codec's
 * shape. Written from the documented rules, not from the decoder's code.
 */
import {
  EnumType,
  MapType,
  MessageType,
  RepeatedType,
  ScalarType,
  asProtoType,
  type ProtoType,
} from '../../../lib/codecs/index.js';
import type { Decoder } from 'io-ts';

/** A message codec of any type. */
export type AnyMessage = MessageType<Record<string, unknown>>;

/** A JSON path below `result`: object keys and array indices. */
export type Path = readonly (string | number)[];

/** One place in a wire value: a field (present or not), an array item, or a map value. */
export interface Site {
  readonly path: Path;
  /** The codec of the value at this place. */
  readonly codec: ProtoType<unknown>;
  /** False for a message field the frame leaves out. */
  readonly present: boolean;
  /** The message the field belongs to, and its key (absent for array items and map values). */
  readonly owner?: AnyMessage;
}

/** The codec as the runtime's ProtoType (every generated codec is one). */
export function protoOf(codec: Decoder<unknown, unknown>): ProtoType<unknown> {
  return asProtoType(codec);
}

/** Every place of `value` (wire JSON) the codec describes, its absent fields included, depth first. */
export function sitesOf(codec: ProtoType<unknown>, value: unknown, path: Path = [], out: Site[] = []): Site[] {
  if (codec instanceof MessageType) {
    if (!isObject(value)) return out;
    const { keys, codecs } = codec.fields;
    keys.forEach((key, i) => {
      const field = codecs[i] as ProtoType<unknown>;
      const v = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
      const here = [...path, key];
      out.push({ path: here, codec: field, present: v !== undefined && v !== null, owner: codec });
      if (v !== undefined && v !== null) descend(field, v, here, out);
    });
    return out;
  }
  descend(codec, value, path, out);
  return out;
}

function descend(codec: ProtoType<unknown>, value: unknown, path: Path, out: Site[]): void {
  if (codec instanceof MessageType) {
    sitesOf(codec, value, path, out);
  } else if (codec instanceof RepeatedType && Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ path: [...path, i], codec: codec.item, present: true });
      descend(codec.item, item, [...path, i], out);
    });
  } else if (codec instanceof MapType && isObject(value)) {
    for (const key of Object.keys(value)) {
      out.push({ path: [...path, key], codec: codec.value, present: true });
      descend(codec.value, value[key], [...path, key], out);
    }
  }
}

/** The message objects of a wire value (where an unknown field can be added), with their paths. */
export function messagesOf(codec: ProtoType<unknown>, value: unknown): { path: Path; codec: AnyMessage }[] {
  const found: { path: Path; codec: AnyMessage }[] = [];
  if (codec instanceof MessageType && isObject(value)) found.push({ path: [], codec });
  for (const site of sitesOf(codec, value)) {
    if (site.present && site.codec instanceof MessageType) found.push({ path: site.path, codec: site.codec });
  }
  return found;
}

/**
 * What a message field decodes to when the frame leaves it out or sends `null` (proto3):
 * the scalar's zero, `0` for an enum, `[]`, `{}`, or nothing (`undefined`: left out) for a
 * sub-message or a field with presence.
 */
export function absentValue(owner: AnyMessage, key: string, codec: ProtoType<unknown>): { value: unknown } | undefined {
  if ((owner.presence as readonly string[]).includes(key)) return undefined;
  if (codec instanceof EnumType) return { value: 0 };
  if (codec instanceof RepeatedType) return { value: [] };
  if (codec instanceof MapType) return { value: {} };
  if (codec instanceof ScalarType) return { value: codec.zero };
  return undefined;
}

/** A wire value a field accepts, and what it decodes to. */
export interface Accepted {
  readonly wire: unknown;
  readonly decoded: unknown;
}

/**
 * Values other than the usual form that a field of this codec must accept (docs/codecs.md):
 * enum numbers the spec does not list (kept), enum names (turned into numbers), 64-bit integers
 * as safe JSON numbers (turned into decimal strings). `pick` chooses among the candidates.
 */
export function tolerated(codec: ProtoType<unknown>, pick: number): Accepted | undefined {
  if (codec instanceof EnumType) {
    const known = new Set(codec.byName.values());
    const names = [...codec.byName.keys()];
    const unknown = [7_777, 2_147_483_647, -2_147_483_648, -1, 1_000 + (pick % 100)].filter((n) => !known.has(n));
    const options: Accepted[] = unknown.map((n) => ({ wire: n, decoded: n }));
    const name = names[pick % names.length];
    if (name !== undefined) options.push({ wire: name, decoded: codec.byName.get(name) });
    return options[pick % options.length];
  }
  if (codec instanceof ScalarType && (codec.name === 'int64' || codec.name === 'uint64')) {
    const n = [0, 1, 42, Number.MAX_SAFE_INTEGER][pick % 4] as number;
    return { wire: n, decoded: String(n) };
  }
  return undefined;
}

/**
 * Raw JSON texts a field of this codec must refuse (a DecodeError at its path), per the
 * documented proto3 JSON forms; none for `google.protobuf.Value` (any JSON).
 */
export function refused(codec: ProtoType<unknown>): readonly string[] {
  const containers = ['[]', '{}', '[1]', '{"a":1}'];
  if (codec instanceof MessageType) return ['"x"', '1', 'true', '[]', '[{}]'];
  if (codec instanceof RepeatedType) return ['"x"', '1', 'true', '{}', '{"0":1}'];
  if (codec instanceof MapType) return ['"x"', '1', 'true', '[]', '[1]'];
  if (codec instanceof EnumType) return ['"NOT_AN_ENUM_VALUE_NAME"', '""', '1.5', '2147483648', '-2147483649', '1e400', 'true', ...containers];
  if (codec instanceof ScalarType) {
    switch (codec.name) {
      case 'string':
        return ['1', '0', '-1.5', 'true', 'false', '1e400', ...containers];
      case 'bytes':
        return ['1', 'true', '"!!!"', '"a"', ...containers];
      case 'bool':
        return ['"true"', '1', '0', '"x"', ...containers];
      case 'int64':
        return ['"ten"', '"1.5"', '"1e3"', '" 1"', '""', '"9223372036854775808"', '"-9223372036854775809"', '1.5', '9007199254740993', '1e21', 'true', ...containers];
      case 'uint64':
        return ['"ten"', '"1.5"', '"-1"', '-1', '""', '"18446744073709551616"', '"99999999999999999999999"', '1.5', '9007199254740993', '1e21', 'true', ...containers];
      case 'int32':
        return ['1.5', '"x"', '2147483648', '-2147483649', '1e400', 'true', ...containers];
      case 'uint32':
        return ['1.5', '"x"', '-1', '4294967296', 'true', ...containers];
      case 'double':
      case 'float':
        return ['"x"', '"1,5"', '""', 'true', ...containers];
      default:
        return [];
    }
  }
  return []; // google.protobuf.Value and wrapped io-ts codecs: anything goes
}

/**
 * Why `value` does not have the shape the codec decodes to, or undefined when it does: every
 * field known and of its JSON type (decimal strings for 64-bit integers, numbers for enums and
 * 32-bit integers), every non-optional field present.
 */
export function shapeProblem(codec: ProtoType<unknown>, value: unknown, path = '$'): string | undefined {
  if (codec instanceof MessageType) {
    if (!isObject(value)) return `${path}: not an object`;
    const { keys, codecs } = codec.fields;
    for (const key of Object.keys(value)) if (!keys.includes(key)) return `${path}.${key}: not a field of ${codec.name}`;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const field = codecs[i] as ProtoType<unknown>;
      if (!Object.prototype.hasOwnProperty.call(value, key) || value[key] === undefined) {
        if (absentValue(codec, key, field) !== undefined) return `${path}.${key}: missing (a proto3 field always has a value)`;
        continue;
      }
      const problem = shapeProblem(field, value[key], `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (codec instanceof RepeatedType) {
    if (!Array.isArray(value)) return `${path}: not an array`;
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(codec.item, value[i], `${path}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (codec instanceof MapType) {
    if (!isObject(value)) return `${path}: not an object (map)`;
    for (const key of Object.keys(value)) {
      const problem = shapeProblem(codec.value, value[key], `${path}[${JSON.stringify(key)}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (codec instanceof EnumType) {
    return Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647 ? undefined : `${path}: enum ${String(value)} is not an int32`;
  }
  if (codec instanceof ScalarType) {
    const ok = (() => {
      switch (codec.name) {
        case 'string':
        case 'bytes':
          return typeof value === 'string';
        case 'bool':
          return typeof value === 'boolean';
        case 'int64':
          return typeof value === 'string' && /^-?[0-9]+$/.test(value);
        case 'uint64':
          return typeof value === 'string' && /^[0-9]+$/.test(value);
        case 'int32':
          return Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647;
        case 'uint32':
          return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 4_294_967_295;
        case 'double':
        case 'float':
          return typeof value === 'number';
        default:
          return true;
      }
    })();
    return ok ? undefined : `${path}: ${JSON.stringify(value)} is not a ${codec.name}`;
  }
  return undefined; // google.protobuf.Value: any JSON
}

/** The DecodeError path of a place below `result`, e.g. `$.result.trades[1].size`. */
export function jsonPath(path: Path): string {
  let text = '$.result';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** A deep copy of a JSON value (own `__proto__` keys included). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Set an own property, even `__proto__` (a plain assignment would change the prototype). */
export function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The container holding `path` and the last key, walking `root` (undefined when the way is missing). */
export function parentOf(root: unknown, path: Path): { parent: Record<string, unknown> | unknown[]; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (!(isObject(node) || Array.isArray(node))) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  if (!(isObject(node) || Array.isArray(node))) return undefined;
  return { parent: node as Record<string, unknown> | unknown[], key: path[path.length - 1] as string | number };
}

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
