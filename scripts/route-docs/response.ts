/**
 * The Response section of a route page, from the same model the codecs are generated from
 * (scripts/codegen over vendor/vega-v0.79/spec): the response type's fields, and those of its main
 * item type (`trades[]` -> `Trade`), with the swagger descriptions.
 */
import type { DefinitionModel, FieldModel, FieldType, MessageModel, Model } from '../codegen/model.js';
import { SCALAR_TS } from '../codegen/emit.js';
import { code, inline, table } from './markdown.js';

/** A message with more fields than this lists its message-typed fields (event payloads) apart. */
const MAX_TABLE_FIELDS = 40;

const WIRE_NOTE: Readonly<Record<string, string>> = {
  int64: 'int64',
  uint64: 'uint64',
  int32: 'int32',
  uint32: 'uint32',
  double: 'double',
  float: 'float',
  bytes: 'base64 bytes',
};


function fail(message: string): never {
  throw new Error(`generate-route-docs: ${message}`);
}

function definition(model: Model, def: string): DefinitionModel {
  return model.definitions.get(def) ?? fail(`unknown definition ${def}`);
}

function message(model: Model, def: string): MessageModel {
  const d = definition(model, def);
  return d.kind === 'message' ? d : fail(`${def} is not a message`);
}

/** The decoded TypeScript type of a field, e.g. `Trade[]`, and a note on its wire form (`uint64`, `enum`). */
function typeOf(type: FieldType, model: Model): { ts: string; note: string } {
  switch (type.kind) {
    case 'scalar':
      return { ts: (SCALAR_TS as Readonly<Record<string, string>>)[type.scalar] ?? fail(`unknown scalar ${type.scalar}`), note: WIRE_NOTE[type.scalar] ?? '' };
    case 'any':
      return { ts: 'unknown', note: 'any JSON value' };
    case 'enum':
      return { ts: definition(model, type.def).tsName, note: 'enum' };
    case 'message':
      return { ts: definition(model, type.def).tsName, note: '' };
    case 'repeated': {
      const item = typeOf(type.item, model);
      return { ts: /^[\w$]+$/.test(item.ts) ? `${item.ts}[]` : `Array<${item.ts}>`, note: item.note };
    }
    case 'map': {
      const value = typeOf(type.value, model);
      return { ts: `Record<string, ${value.ts}>`, note: value.note };
    }
  }
}

/** Optional in the decoded type: presence fields, sub-messages and free JSON values. */
function isOptional(field: FieldModel): boolean {
  return field.presence || field.type.kind === 'message' || field.type.kind === 'any';
}

function typeCell(field: FieldModel, model: Model): string {
  const { ts, note } = typeOf(field.type, model);
  return inline(`${code(ts)}${note ? ` (${note})` : ''}`);
}

function row(field: FieldModel, model: Model, prefix = ''): string[] {
  return [code(`${prefix}${field.jsonName}${isOptional(field) ? '?' : ''}`), typeCell(field, model), inline(field.doc)];
}

/** The message a field holds, directly or as list items; undefined for other fields. */
function messageOf(type: FieldType): string | undefined {
  if (type.kind === 'message') return type.def;
  if (type.kind === 'repeated' && type.item.kind === 'message') return type.item.def;
  return undefined;
}

/**
 * A response field whose message only wraps a list of items, beside flags
 * (`snapshot{accounts[], lastPage}`): the item's definition; undefined for other fields.
 */
function wrapperItem(model: Model, field: FieldModel): string | undefined {
  if (field.type.kind !== 'message') return undefined;
  const inner = message(model, field.type.def);
  const lists = inner.fields.filter((f) => f.type.kind === 'repeated' && f.type.item.kind === 'message');
  const flags = inner.fields.filter((f) => f.type.kind === 'scalar' && f.type.scalar === 'bool');
  return lists.length === 1 && lists.length + flags.length === inner.fields.length ? messageOf((lists[0] as FieldModel).type) : undefined;
}

/** What the route streams, in the model. */
export interface ResponseModel {
  readonly response: MessageModel;
  /** The main item type: the list item, a wrapped list's item, or the single message. */
  readonly item: MessageModel;
}

/** The response and main item of a route path; fails when the response has no single item type. */
export function responseModel(model: Model, route: string): ResponseModel {
  const stream = model.streams.find((s) => s.route === route) ?? fail(`the spec has no stream ${route}`);
  const response = message(model, stream.response);
  const items = new Set<string>();
  for (const field of response.fields) {
    const item = wrapperItem(model, field) ?? messageOf(field.type);
    if (item !== undefined) items.add(item);
  }
  if (items.size !== 1) fail(`${route}: expected one item type in ${response.tsName}, found [${[...items].join(', ')}]`);
  return { response, item: message(model, [...items][0] as string) };
}

/** The response fields for the overview table, e.g. `snapshot{accounts[], lastPage}` / `updates{accounts[]}`. */
export function responseSummary(model: Model, route: string): string {
  const { response, item } = responseModel(model, route);
  return response.fields
    .map((field) => {
      const list = field.type.kind === 'repeated' ? '[]' : '';
      if (field.type.kind === 'message' && field.type.def !== item.def) {
        const inner = message(model, field.type.def).fields.map((f) => `${f.jsonName}${f.type.kind === 'repeated' ? '[]' : ''}`);
        return code(`${field.jsonName}{${inner.join(', ')}}`);
      }
      return `${code(`${field.jsonName}${list}`)} (${code(item.tsName)})`;
    })
    .join(' or ');
}

/** The Response section's lines (without its heading), with `notes` (paragraphs) after its first one. */
export function responseSection(model: Model, route: string, notes: readonly string[] = []): string[] {
  const { response, item } = responseModel(model, route);
  const lines: string[] = [];
  lines.push(
    `Each frame's \`result\` decodes to ${code(response.tsName)} (proto ${code(response.proto)}). ` +
      'Fields the node left out decode to their defaults; fields marked `?` stay optional ' +
      '(see [codecs.md](../codecs.md)).',
    '',
    ...notes.flatMap((note) => [note, '']),
  );
  const rows: string[][] = [];
  for (const field of response.fields) {
    rows.push(row(field, model));
    if (field.type.kind === 'message' && field.type.def !== item.def) {
      for (const inner of message(model, field.type.def).fields) rows.push(row(inner, model, `${field.jsonName}.`));
    }
  }
  lines.push(...table(['field', 'type', 'description'], rows), '');
  lines.push(`### ${item.tsName}`, '');
  const doc = inline(item.doc);
  lines.push(`Proto ${code(item.proto)}${doc ? `: ${doc}` : '.'}`, '');
  if (item.fields.length <= MAX_TABLE_FIELDS) {
    lines.push(...table(['field', 'type', 'description'], item.fields.map((f) => row(f, model))));
    return lines;
  }
  const payloads = item.fields.filter((f) => f.type.kind === 'message');
  lines.push(...table(['field', 'type', 'description'], item.fields.filter((f) => f.type.kind !== 'message').map((f) => row(f, model))), '');
  lines.push(
    `And ${payloads.length} message fields: ` +
      payloads.map((f) => `${code(`${f.jsonName}?`)} (${code(definition(model, (f.type as { def: string }).def).tsName)})`).join(', ') +
      '.',
  );
  return lines;
}
