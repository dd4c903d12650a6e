/**
 * Builds the generator's model from the vendored spec: which definitions the 15 stream responses
 * need, their TypeScript names, field types, presence, enum wire numbers and target files.
 * Everything that cannot be resolved with certainty throws: the generator never guesses.
 */
import type { Inputs, Schema } from './inputs.js';

export type ScalarKind =
  | 'string'
  | 'bool'
  | 'int64'
  | 'uint64'
  | 'int32'
  | 'uint32'
  | 'double'
  | 'float'
  | 'bytes';

export type FieldType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'any' }
  | { readonly kind: 'enum'; readonly def: string }
  | { readonly kind: 'message'; readonly def: string }
  | { readonly kind: 'repeated'; readonly item: FieldType }
  | { readonly kind: 'map'; readonly value: FieldType };

export interface FieldModel {
  readonly jsonName: string;
  readonly type: FieldType;
  /** Proto3 `optional` or scalar `oneof` member: absent stays absent. */
  readonly presence: boolean;
  /** Title and description from the spec ('' when it has none). */
  readonly doc: string;
}

export interface MessageModel {
  readonly kind: 'message';
  /** Swagger definition name, e.g. `vegaTrade`. */
  readonly def: string;
  readonly tsName: string;
  /** Proto full name, e.g. `vega.Trade`. */
  readonly proto: string;
  readonly file: string;
  readonly doc: string;
  readonly fields: readonly FieldModel[];
}

export interface EnumValueModel {
  readonly name: string;
  readonly number: number;
  readonly doc: string;
}

export interface EnumModel {
  readonly kind: 'enum';
  readonly def: string;
  readonly tsName: string;
  readonly proto: string;
  readonly file: string;
  readonly doc: string;
  /** Sorted by wire number. */
  readonly values: readonly EnumValueModel[];
}

export type DefinitionModel = MessageModel | EnumModel;

export interface StreamModel {
  readonly route: string;
  readonly response: string;
}

export interface Rename {
  readonly def: string;
  readonly stripped: string;
  readonly tsName: string;
  readonly reason: string;
}

export interface Model {
  /** Keyed by swagger definition name. */
  readonly definitions: ReadonlyMap<string, DefinitionModel>;
  readonly streams: readonly StreamModel[];
  /** Definitions that kept a distinguishing prefix. */
  readonly renames: readonly Rename[];
}

/** Swagger name prefixes (package names without dots), longest first. */
const SWAGGER_PREFIXES = [
  'vegacommandsv1',
  'vegaeventsv1',
  'commandsv1',
  'eventsv1',
  'datav1',
  'apiv2',
  'vega',
  'v1',
  'v2',
];

/** Proto package -> the prefix that tells colliding names apart. */
const PACKAGE_PREFIXES: Readonly<Record<string, string>> = {
  vega: 'Vega',
  'vega.events.v1': 'Events',
  'vega.commands.v1': 'Commands',
  'vega.data.v1': 'Data',
  'datanode.api.v2': 'Api',
};

/** A generated file holds at most this many definitions; bigger groups are split by first letter. */
const MAX_DEFINITIONS_PER_FILE = 60;

export const ENUMS_FILE = 'enums.ts';

/** Names a generated type must not take: globals the generated code could shadow, runtime exports. */
const RESERVED = new Set([
  'Array',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'Map',
  'NonNullable',
  'Number',
  'Object',
  'Partial',
  'Promise',
  'Readonly',
  'Record',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'DecodeError',
  'EnumType',
  'IoTsAdapter',
  'MapType',
  'MessageType',
  'ProtoType',
  'RepeatedType',
  'ScalarType',
]);

class GeneratorError extends Error {
  constructor(message: string) {
    super(`generate-codecs: ${message}`);
  }
}

function fail(message: string): never {
  throw new GeneratorError(message);
}

/** `vegaTrade` -> `Trade`, `v2ObserveTradesResponse` -> `ObserveTradesResponse`; others unchanged. */
export function stripSwaggerPrefix(def: string): string {
  for (const prefix of SWAGGER_PREFIXES) {
    const next = def.charAt(prefix.length);
    if (def.startsWith(prefix) && next >= 'A' && next <= 'Z') return def.slice(prefix.length);
  }
  return def;
}

/** `vega.events.v1.AMM.Status` -> `vega.events.v1` (leading lower-case segments). */
export function protoPackage(protoName: string): string {
  const segments = protoName.split('.');
  const pkg: string[] = [];
  for (const s of segments) {
    if (s.charAt(0) >= 'A' && s.charAt(0) <= 'Z') break;
    pkg.push(s);
  }
  return pkg.join('.');
}

function packagePrefix(protoName: string): string {
  const pkg = protoPackage(protoName);
  return PACKAGE_PREFIXES[pkg] ?? fail(`no name prefix is configured for proto package "${pkg}"`);
}

/**
 * Base name of the generated file for a proto source file: `vega/markets.proto` -> `markets`,
 * `vega/data_source.proto` -> `data-source`, `vega/commands/v1/*.proto` -> `commands`,
 * `vega/events/v1/*` -> `events`, `vega/data/v1/*` -> `data`, `data-node/api/v2/*` -> `api`.
 */
export function fileGroup(protoFile: string): string {
  const versioned = /^vega\/(commands|events|data)\/v1\/[\w-]+\.proto$/.exec(protoFile);
  if (versioned) return versioned[1] as string;
  if (/^data-node\/api\/v2\/[\w-]+\.proto$/.test(protoFile)) return 'api';
  const top = /^vega\/([\w-]+)\.proto$/.exec(protoFile);
  if (top) return (top[1] as string).replace(/_/g, '-');
  return fail(`no generated file is configured for proto file "${protoFile}"`);
}

/**
 * Splits the definitions of one group into files of at most {@link MAX_DEFINITIONS_PER_FILE},
 * cutting at first-letter boundaries: `events` -> `events-a-l.ts`, `events-m-z.ts`.
 */
function assignFiles(group: string, tsNames: readonly string[]): Map<string, string> {
  const sorted = [...tsNames].sort();
  const files = new Map<string, string>();
  if (sorted.length <= MAX_DEFINITIONS_PER_FILE) {
    for (const n of sorted) files.set(n, `${group}.ts`);
    return files;
  }
  const parts = Math.ceil(sorted.length / MAX_DEFINITIONS_PER_FILE);
  const target = Math.ceil(sorted.length / parts);
  const letters = [...new Set(sorted.map((n) => n.charAt(0).toUpperCase()))];
  const chunks: string[][] = [];
  let chunk: string[] = [];
  for (const letter of letters) {
    const names = sorted.filter((n) => n.charAt(0).toUpperCase() === letter);
    if (chunk.length > 0 && chunk.length + names.length > target && chunks.length < parts - 1) {
      chunks.push(chunk);
      chunk = [];
    }
    chunk.push(...names);
  }
  chunks.push(chunk);
  for (const c of chunks) {
    const first = (c[0] as string).charAt(0).toLowerCase();
    const last = (c[c.length - 1] as string).charAt(0).toLowerCase();
    for (const n of c) files.set(n, `${group}-${first}-${last}.ts`);
  }
  return files;
}

function refName(ref: string): string {
  const m = /^#\/definitions\/(.+)$/.exec(ref);
  return m?.[1] ?? fail(`unsupported $ref "${ref}"`);
}

function docOf(schema: Schema): string {
  const parts = [schema.title, schema.description]
    .map((s) => (s ?? '').trim())
    .filter((s) => s.length > 0);
  return parts.join('\n\n');
}

/**
 * Maps a swagger enum definition to its `enums.v0.79.json` entry: the entry must list exactly the
 * same value names, and its proto name (dots removed) must end with the swagger name stripped of
 * its package prefix. Zero or several matches is an error.
 */
export function mapEnum(def: string, names: readonly string[], inputs: Inputs): string {
  const wanted = [...names].sort().join('\n');
  const sameNames = Object.entries(inputs.enums.enums)
    .filter(([, values]) => Object.keys(values).sort().join('\n') === wanted)
    .map(([proto]) => proto);
  const stripped = stripSwaggerPrefix(def);
  const matches = sameNames.filter((proto) => proto.replace(/\./g, '').endsWith(stripped));
  if (matches.length === 1) return matches[0] as string;
  if (sameNames.length === 0) {
    fail(`enum ${def}: no entry of enums.v0.79.json has exactly the values [${names.join(', ')}]`);
  }
  fail(
    `enum ${def}: cannot map it to one enums.v0.79.json entry; same value names: [${sameNames.join(', ')}], ` +
      `of which named like "${stripped}": [${matches.join(', ')}]`,
  );
}

/** Parses a swagger enum description ("- NAME: text" lines) into per-value docs. */
function enumValueDocs(
  description: string | undefined,
  names: readonly string[],
): { preamble: string; values: Map<string, string> } {
  const known = new Set(names);
  const values = new Map<string, string[]>();
  const preamble: string[] = [];
  let current: string[] = preamble;
  for (const line of (description ?? '').split('\n')) {
    const m = /^\s*-\s+([A-Z0-9_]+):\s?(.*)$/.exec(line);
    if (m && known.has(m[1] as string)) {
      current = [m[2] as string];
      values.set(m[1] as string, current);
    } else {
      current.push(line.trim());
    }
  }
  return {
    preamble: preamble.join('\n').trim(),
    values: new Map([...values].map(([k, v]) => [k, v.join('\n').trim()])),
  };
}

function fieldType(schema: Schema, where: string, inputs: Inputs, closure: ReadonlySet<string>): FieldType {
  if (schema.$ref !== undefined) {
    const def = refName(schema.$ref);
    if (!closure.has(def)) fail(`${where} refers to ${def}, which is not in the stream closure`);
    const target = inputs.swagger.definitions[def] ?? fail(`${where}: unknown definition ${def}`);
    return target.enum !== undefined ? { kind: 'enum', def } : { kind: 'message', def };
  }
  switch (schema.type) {
    case 'string':
      switch (schema.format) {
        case undefined:
          return { kind: 'scalar', scalar: 'string' };
        case 'int64':
          return { kind: 'scalar', scalar: 'int64' };
        case 'uint64':
          return { kind: 'scalar', scalar: 'uint64' };
        case 'byte':
          return { kind: 'scalar', scalar: 'bytes' };
        default:
          return fail(`${where}: unsupported string format "${schema.format}"`);
      }
    case 'boolean':
      return { kind: 'scalar', scalar: 'bool' };
    case 'integer':
      // protoc-gen-openapiv2 writes int32 as integer/int32 and uint32 as integer/int64; 64-bit
      // integers are strings (see above).
      if (schema.format === 'int32') return { kind: 'scalar', scalar: 'int32' };
      if (schema.format === 'int64') return { kind: 'scalar', scalar: 'uint32' };
      return fail(`${where}: unsupported integer format "${schema.format}"`);
    case 'number':
      if (schema.format === 'double') return { kind: 'scalar', scalar: 'double' };
      if (schema.format === 'float') return { kind: 'scalar', scalar: 'float' };
      return fail(`${where}: unsupported number format "${schema.format}"`);
    case 'array':
      return {
        kind: 'repeated',
        item: fieldType(schema.items ?? fail(`${where}: array without items`), `${where}[]`, inputs, closure),
      };
    case 'object':
      if (typeof schema.additionalProperties === 'object') {
        return {
          kind: 'map',
          value: fieldType(schema.additionalProperties, `${where}{}`, inputs, closure),
        };
      }
      if (schema.properties === undefined) return { kind: 'any' };
      return fail(`${where}: inline object schemas with properties are not supported`);
    default:
      return fail(`${where}: unsupported schema ${JSON.stringify(schema)}`);
  }
}

/** Builds the model, checking every fact the output depends on. */
export function buildModel(inputs: Inputs): Model {
  const defs = inputs.swagger.definitions;
  const streams: StreamModel[] = Object.entries(inputs.streams.streams)
    .map(([route, s]) => ({ route, response: s.response }))
    .sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
  const closure = new Set<string>();
  for (const s of Object.values(inputs.streams.streams)) for (const d of s.closure) closure.add(d);
  if (closure.size !== inputs.streams.unionClosureSize) {
    fail(`closure has ${closure.size} definitions, stream-definitions.json says ${inputs.streams.unionClosureSize}`);
  }
  for (const s of streams) {
    if (!closure.has(s.response)) fail(`response ${s.response} of ${s.route} is not in the closure`);
  }
  const sortedDefs = [...closure].sort();
  for (const def of sortedDefs) if (defs[def] === undefined) fail(`definition ${def} is not in the swagger`);

  // Proto names: messages from proto-presence.json, enums from enums.v0.79.json.
  const protoOf = new Map<string, string>();
  for (const def of sortedDefs) {
    const schema = defs[def] as Schema;
    if (schema.enum !== undefined) protoOf.set(def, mapEnum(def, schema.enum, inputs));
    else {
      const facts =
        inputs.presence.definitions[def] ??
        fail(`message ${def} has no entry in proto-presence.json (presence facts unknown)`);
      protoOf.set(def, facts.proto);
    }
  }
  const seenProto = new Map<string, string>();
  for (const [def, proto] of protoOf) {
    const other = seenProto.get(proto);
    if (other !== undefined) fail(`${def} and ${other} both map to proto ${proto}`);
    seenProto.set(proto, def);
  }

  // TypeScript names.
  const byStripped = new Map<string, string[]>();
  for (const def of sortedDefs) {
    const stripped = stripSwaggerPrefix(def);
    byStripped.set(stripped, [...(byStripped.get(stripped) ?? []), def]);
  }
  const tsNameOf = new Map<string, string>();
  const renames: Rename[] = [];
  for (const [stripped, group] of byStripped) {
    const reserved = RESERVED.has(stripped);
    for (const def of group) {
      if (group.length === 1 && !reserved) {
        tsNameOf.set(def, stripped);
        continue;
      }
      const tsName = packagePrefix(protoOf.get(def) as string) + stripped;
      tsNameOf.set(def, tsName);
      renames.push({
        def,
        stripped,
        tsName,
        reason: reserved ? `"${stripped}" is reserved` : `collides with ${group.filter((d) => d !== def).join(', ')}`,
      });
    }
  }
  const identifiers = new Map<string, string>();
  for (const [def, tsName] of tsNameOf) {
    for (const id of [tsName, `${tsName}Codec`]) {
      const other = identifiers.get(id);
      if (other !== undefined) fail(`identifier ${id} is produced by both ${other} and ${def}`);
      if (RESERVED.has(id)) fail(`identifier ${id} (from ${def}) is reserved`);
      identifiers.set(id, def);
    }
  }

  // Files: enums together; messages by proto source file, big groups split by first letter.
  const groups = new Map<string, string[]>();
  for (const def of sortedDefs) {
    if ((defs[def] as Schema).enum !== undefined) continue;
    const facts = inputs.presence.definitions[def];
    const group = fileGroup(facts?.file ?? fail(`message ${def} has no proto file in proto-presence.json`));
    groups.set(group, [...(groups.get(group) ?? []), def]);
  }
  const fileOf = new Map<string, string>();
  for (const [group, members] of groups) {
    const byTsName = assignFiles(group, members.map((d) => tsNameOf.get(d) as string));
    for (const d of members) fileOf.set(d, byTsName.get(tsNameOf.get(d) as string) as string);
  }
  if ([...fileOf.values()].includes(ENUMS_FILE)) fail(`a message file would be named ${ENUMS_FILE}`);

  const definitions = new Map<string, DefinitionModel>();
  for (const def of sortedDefs) {
    const schema = defs[def] as Schema;
    const proto = protoOf.get(def) as string;
    const tsName = tsNameOf.get(def) as string;
    if (schema.enum !== undefined) {
      const numbers = inputs.enums.enums[proto] as Readonly<Record<string, number>>;
      const zero = Object.entries(numbers).find(([, n]) => n === 0);
      if (zero === undefined) fail(`enum ${def} (${proto}) has no value 0`);
      if (schema.default !== undefined && schema.default !== zero[0]) {
        fail(`enum ${def}: swagger default ${schema.default} is not the zero value ${zero[0]}`);
      }
      const docs = enumValueDocs(schema.description, schema.enum);
      const values = Object.entries(numbers)
        .map(([name, number]) => ({ name, number, doc: docs.values.get(name) ?? '' }))
        .sort((a, b) => a.number - b.number || (a.name < b.name ? -1 : 1));
      definitions.set(def, {
        kind: 'enum',
        def,
        tsName,
        proto,
        file: ENUMS_FILE,
        doc: [schema.title ?? '', docs.preamble].map((s) => s.trim()).filter(Boolean).join('\n\n'),
        values,
      });
      continue;
    }
    if (schema.type !== undefined && schema.type !== 'object') fail(`${def}: not an object schema`);
    const presence = new Set(inputs.presence.definitions[def]?.presence ?? []);
    const properties = schema.properties ?? {};
    for (const p of presence) {
      if (properties[p] === undefined) fail(`${def}: presence field "${p}" is not a property`);
    }
    const fields: FieldModel[] = Object.entries(properties).map(([jsonName, prop]) => {
      const type = fieldType(prop, `${def}.${jsonName}`, inputs, closure);
      if (presence.has(jsonName) && (type.kind === 'repeated' || type.kind === 'map')) {
        fail(`${def}.${jsonName}: a repeated or map field cannot have presence`);
      }
      return { jsonName, type, presence: presence.has(jsonName), doc: docOf(prop) };
    });
    definitions.set(def, {
      kind: 'message',
      def,
      tsName,
      proto,
      file: fileOf.get(def) as string,
      doc: docOf(schema),
      fields,
    });
  }

  for (const s of streams) {
    const expected = `Observe${stripSwaggerPrefix(s.response).replace(/^Observe/, '')}`;
    if (tsNameOf.get(s.response) !== expected) {
      fail(`response ${s.response} of ${s.route} would be named ${tsNameOf.get(s.response)}, not ${expected}`);
    }
  }
  return { definitions, streams, renames };
}
