/**
 * Emits lib/codecs/generated/decoders.ts: one straight-line decoder function per message, passed
 * to its codec as `MessageType`'s generated decoder. Each reads the fields by name and builds the
 * output as an object literal, so V8 sees one shape per message instead of the field-table loop's
 * generic keyed loads and stores. It must decode exactly as `MessageType.decodeByTable` does
 * (spec/codecs/generated-decoders.spec.ts checks it), which fixes these rules:
 * - not a JSON object: FAIL;
 * - absent or `null`: the zero value (scalars, enums), a fresh `[]` / `{}` (repeated, map), left
 *   out (sub-messages, `google.protobuf.Value`, fields with presence);
 * - otherwise the field's codec decides, and an item of a list or map is never `null`;
 * - output keys in declaration order.
 */
import type { FieldModel, FieldType, MessageModel, Model, ScalarKind } from './model.js';

/** The generated file holding the decoders (not re-exported by the generated index). */
export const DECODERS_FILE = 'decoders.ts';

const RUNTIME_MODULE = '../runtime/index.js';
const IDENTIFIER_RE = /^[A-Za-z_$][\w$]*$/;
const MAX_LINE = 100;

/** Runtime parse function of each scalar (a list item or a field with presence). */
const SCALAR_PARSERS: Readonly<Record<ScalarKind, string>> = {
  string: 'parseString',
  bool: 'parseBool',
  int64: 'parseInt64',
  uint64: 'parseUint64',
  int32: 'parseInt32',
  uint32: 'parseUint32',
  double: 'parseDouble',
  float: 'parseDouble',
  bytes: 'parseBytes',
};

/** Runtime field decoder of each scalar (absent or `null` gives the zero value). */
const SCALAR_FIELDS: Readonly<Record<ScalarKind, string>> = {
  string: 'stringField',
  bool: 'boolField',
  int64: 'int64Field',
  uint64: 'uint64Field',
  int32: 'int32Field',
  uint32: 'uint32Field',
  double: 'doubleField',
  float: 'doubleField',
  bytes: 'bytesField',
};

/** The name of the generated decoder of a message, e.g. `decodeTrade`. */
export function decoderName(tsName: string): string {
  return `decode${tsName}`;
}

/** What one decoders file needs from its model and how it renders names. */
interface Emitter {
  readonly model: Model;
  readonly runtime: Set<string>;
  /** file -> type names imported from it. */
  readonly types: Map<string, Set<string>>;
  /** Enum objects imported from the enums file. */
  readonly enums: Set<string>;
  readonly enumsFile: string;
  /** Renders a doc comment at an indent. */
  readonly jsdoc: (text: string, indent: string) => string;
}

function definition(e: Emitter, def: string): { tsName: string; file: string; kind: 'enum' | 'message' } {
  const d = e.model.definitions.get(def);
  if (d === undefined) throw new Error(`generate-codecs: unknown definition ${def}`);
  return d;
}

/** A property read or write: `x.name` when `name` is an identifier, else `x['name']`. */
function member(target: string, name: string): string {
  return IDENTIFIER_RE.test(name) ? `${target}.${name}` : `${target}[${quote(name)}]`;
}

function quote(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The TypeScript type of a decoded value (for the declarations the decoder needs). */
function tsType(e: Emitter, type: FieldType): string {
  switch (type.kind) {
    case 'scalar':
      return type.scalar === 'bool' ? 'boolean' : /int32|double|float/.test(type.scalar) ? 'number' : 'string';
    case 'any':
      return 'unknown';
    case 'enum':
    case 'message': {
      const d = definition(e, type.def);
      const names = e.types.get(d.file) ?? new Set<string>();
      names.add(d.tsName);
      e.types.set(d.file, names);
      return d.tsName;
    }
    case 'repeated':
      return `Array<${tsType(e, type.item)}>`;
    case 'map':
      return `Record<string, ${tsType(e, type.value)}>`;
  }
}

/** A function decoding one non-absent value of a single (non-list, non-map) type, or FAIL. */
function itemDecoder(e: Emitter, type: FieldType): string {
  switch (type.kind) {
    case 'scalar':
      e.runtime.add(SCALAR_PARSERS[type.scalar]);
      return SCALAR_PARSERS[type.scalar];
    case 'any':
      return '(x: unknown) => x';
    case 'enum': {
      const d = definition(e, type.def);
      e.runtime.add('parseEnum');
      e.enums.add(d.tsName);
      return `(x: unknown) => parseEnum(x, ${d.tsName})`;
    }
    case 'message':
      return decoderName(definition(e, type.def).tsName);
    case 'repeated':
    case 'map':
      throw new Error('generate-codecs: a list or map cannot be the item of a list or map');
  }
}

/**
 * Statements that decode field `f` of `u` into the local `name` (FAIL on a mismatch, `undefined`
 * when a field that may be left out is absent).
 */
function fieldStatements(e: Emitter, f: FieldModel, name: string, raw: string): string[] {
  const value = member('u', f.jsonName);
  const type = f.type;
  if (type.kind === 'any') return [`const ${name} = ${value} ?? undefined;`];
  if (leftOutWhenAbsent(f)) {
    const item = itemDecoder(e, type);
    const call = item.startsWith('(') ? `(${item})(${raw})` : `${item}(${raw})`;
    return [`const ${raw} = ${value};`, `const ${name} = ${raw} == null ? undefined : ${call};`];
  }
  if (type.kind === 'repeated' || type.kind === 'map') {
    const helper = type.kind === 'repeated' ? 'repeatedField' : 'mapField';
    e.runtime.add(helper);
    const item = itemDecoder(e, type.kind === 'repeated' ? type.item : type.value);
    return [`const ${name} = ${helper}(${value}, ${item});`];
  }
  if (type.kind === 'enum') {
    const d = definition(e, type.def);
    e.runtime.add('enumField');
    e.enums.add(d.tsName);
    return [`const ${name} = enumField(${value}, ${d.tsName});`];
  }
  if (type.kind === 'message') throw new Error('generate-codecs: a message field is always left out when absent');
  e.runtime.add(SCALAR_FIELDS[type.scalar]);
  return [`const ${name} = ${SCALAR_FIELDS[type.scalar]}(${value});`];
}

/** `if (a === FAIL || b === FAIL …) return FAIL;`, broken over lines that fit. */
function failCheck(names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const tests = names.map((n) => `${n} === FAIL`);
  const one = `if (${tests.join(' || ')}) return FAIL;`;
  if (one.length + 2 <= MAX_LINE) return [one];
  const lines = ['if ('];
  let line = '';
  for (const test of tests) {
    const next = line === '' ? `  ${test}` : `${line} || ${test}`;
    if (next.length + 2 > MAX_LINE) {
      lines.push(`${line} ||`);
      line = `  ${test}`;
    } else line = next;
  }
  lines.push(line, ')', '  return FAIL;');
  return lines;
}

/** True when an absent value leaves the field out of the output. */
function leftOutWhenAbsent(f: FieldModel): boolean {
  return f.presence || f.type.kind === 'message' || f.type.kind === 'any';
}

function emitDecoder(e: Emitter, m: MessageModel): string {
  tsType(e, { kind: 'message', def: m.def });
  const signature = `export function ${decoderName(m.tsName)}(u: unknown): ${m.tsName} | Fail {`;
  const head = [
    e.jsdoc(`One-pass decoder of {@link ${m.tsName}} (\`${m.proto}\`), or FAIL.`, ''),
    ...(signature.length <= MAX_LINE
      ? [signature]
      : [`export function ${decoderName(m.tsName)}(`, '  u: unknown,', `): ${m.tsName} | Fail {`]),
    '  if (!isJsonObject(u)) return FAIL;',
  ];
  if (m.fields.length === 0) return [...head, '  return {};', '}'].join('\n');
  const body: string[] = [];
  m.fields.forEach((f, i) => {
    if (f.jsonName === '__proto__') throw new Error(`generate-codecs: ${m.def} has a field named __proto__`);
    body.push(...fieldStatements(e, f, `f${i}`, `v${i}`));
  });
  // Checked once after all fields: failures are rare, and one test per field keeps the code small.
  body.push(...failCheck(m.fields.flatMap((f, i) => (f.type.kind === 'any' ? [] : [`f${i}`]))));
  // The literal holds every field up to the first that may be left out; the rest are added in
  // order, so the keys come out in declaration order whatever is absent.
  const cut = m.fields.findIndex(leftOutWhenAbsent);
  const inLiteral = cut === -1 ? m.fields.length : cut;
  const entries = m.fields.slice(0, inLiteral).map((f, i) => `${IDENTIFIER_RE.test(f.jsonName) ? f.jsonName : quote(f.jsonName)}: f${i}`);
  const literal = (start: string): string[] => {
    const line = `${start}{ ${entries.join(', ')} } as ${m.tsName};`;
    return line.length + 2 <= MAX_LINE ? [line] : [`${start}{`, ...entries.map((entry) => `  ${entry},`), `} as ${m.tsName};`];
  };
  if (inLiteral === m.fields.length) {
    body.push(...literal('return '));
  } else {
    body.push(...literal('const out = '));
    m.fields.forEach((f, i) => {
      if (i < inLiteral) return;
      const set = `${member('out', f.jsonName)} = f${i};`;
      body.push(leftOutWhenAbsent(f) ? `if (f${i} !== undefined) ${set}` : set);
    });
    body.push('return out;');
  }
  return [...head, ...body.map((l) => `  ${l}`), '}'].join('\n');
}

/**
 * The decoders file: `header` first, then its imports and one decoder per message of the model.
 * `importLine` renders one import statement, `jsdoc` a doc comment; `enumsFile` is where the enum
 * objects live.
 */
export function emitDecodersFile(
  model: Model,
  header: string,
  importLine: (keyword: string, names: string[], module: string) => string,
  jsdoc: (text: string, indent: string) => string,
  enumsFile: string,
): string {
  const e: Emitter = { model, runtime: new Set(['FAIL', 'isJsonObject']), types: new Map(), enums: new Set(), enumsFile, jsdoc };
  const messages = [...model.definitions.values()]
    .filter((d): d is MessageModel => d.kind === 'message')
    .sort((a, b) => (a.tsName < b.tsName ? -1 : a.tsName > b.tsName ? 1 : 0));
  const blocks = messages.map((m) => emitDecoder(e, m));
  const imports = [importLine('import', [...e.runtime, 'type Fail'], RUNTIME_MODULE)];
  const files = [...new Set([...e.types.keys(), enumsFile])].sort();
  for (const file of files) {
    const module = `./${file.replace(/\.ts$/, '.js')}`;
    const values = file === enumsFile ? e.enums : new Set<string>();
    const types = [...(e.types.get(file) ?? [])].filter((name) => !values.has(name));
    if (types.length > 0) imports.push(importLine('import type', types, module));
    if (values.size > 0) imports.push(importLine('import', [...values], module));
  }
  const intro = [
    '// One decoder per message, built as straight-line code so that each output object has a',
    "// single shape; each codec's MessageType calls its decoder from `fast`. They decode exactly",
    '// as MessageType.decodeByTable does (spec/codecs/generated-decoders.spec.ts).',
  ];
  return `${header}${imports.join('\n')}\n\n${intro.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}
