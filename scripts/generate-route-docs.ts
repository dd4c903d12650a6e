/**
 * Generates docs/routes/<route>.md, one reference page per stream route of STREAM_ROUTES, and the
 * route table of docs/routes.md (between its marker comments), from:
 * - the route definitions (lib/endpoints/routes/*.ts): path, parameters, cross-filter checks, and
 *   the filters' doc comments, read with the TypeScript compiler API;
 * - the client's method signatures (lib/client/create-client.ts) and the parameter kinds
 *   (lib/wire/query.ts);
 * - the vendored v0.79 swagger the codecs are generated from (via scripts/codegen): the response
 *   types, their fields and descriptions;
 * - scripts/route-docs/route-notes.ts: what no code says (first frames, cadence, quirks, example);
 * - spec/fixtures/samples: a real frame per route where one exists.
 *
 *   npx tsx scripts/generate-route-docs.ts          write the pages
 *   npx tsx scripts/generate-route-docs.ts --check  exit 1 if the committed pages are not current
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_BUS_REQUEST_FIELDS, STREAM_ROUTES } from '../lib/endpoints/routes/index.js';
import type { RouteDefinition } from '../lib/endpoints/route-definition.js';
import { CANDLE_INTERVALS, candleId } from '../lib/wire/candle-id.js';
import type { ParamSpec } from '../lib/wire/index.js';
import { INPUT_FILES, readInputs, REPO_ROOT } from './codegen/inputs.js';
import { buildModel, type Model } from './codegen/model.js';
import { kebab } from '../lib/cli/stream-command.js';
import { code, inline, table } from './route-docs/markdown.js';
import { responseModel, responseSection, responseSummary } from './route-docs/response.js';
import { ROUTE_NOTES, type RouteNotes } from './route-docs/route-notes.js';
import { SAMPLES_DIR, sampleSection } from './route-docs/samples.js';
import { objectLiteralKeys, readSourceFacts, SOURCES, type RouteSource, type SourceFacts } from './route-docs/source-docs.js';

/** Where the pages go, relative to the repository root. */
export const ROUTE_PAGES_DIR = 'docs/routes';
/** The index page whose route table is generated. */
export const ROUTES_INDEX = 'docs/routes.md';
export const TABLE_BEGIN = '<!-- BEGIN generated route table (npm run docs:routes); do not edit by hand -->';
export const TABLE_END = '<!-- END generated route table -->';

const NOTES_FILE = 'scripts/route-docs/route-notes.ts';
const GENERATOR = 'scripts/generate-route-docs.ts';
const EXAMPLE_NODE = 'wss://api.n07.testnet.vega.xyz';

/**
 * Routes that send their filters in a request frame instead of a query string (their `params`
 * is empty), with the fields of that frame.
 */
const CONVERSATION_FIELDS: Readonly<Record<string, readonly ParamSpec[]>> = {
  eventBus: EVENT_BUS_REQUEST_FIELDS,
};

/** A value of each kind the route checks accept, to probe a route's cross-filter `check`. */
const PROBE_ID = 'a'.repeat(64);

/** How each kind of value is shown in the "sent as" column. */
const PLACEHOLDER: Readonly<Record<ParamSpec['kind'], string>> = {
  id: '<id>',
  partyId: '<party id>',
  count: '<n>',
  hash: '<hash>',
  bool: 'true',
  enum: '<name>',
  candleId: '<candle id>',
};

class RouteDocsError extends Error {
  constructor(message: string) {
    super(`generate-route-docs: ${message}`);
  }
}

function fail(message: string): never {
  throw new RouteDocsError(message);
}

interface Route {
  readonly name: string;
  readonly definition: RouteDefinition<never, unknown>;
  readonly source: RouteSource;
  readonly notes: RouteNotes;
  /** The filters as the library checks them (query parameters, or request-frame fields). */
  readonly params: readonly ParamSpec[];
  /** True when the filters go in a request frame. */
  readonly conversation: boolean;
  readonly page: string;
}

/** Options of {@link generateRouteDocs}, for specs. */
export interface GenerateOptions {
  /** The hand-written notes (default: scripts/route-docs/route-notes.ts). */
  readonly notes?: Readonly<Record<string, RouteNotes>>;
  /** The current text of docs/routes.md, whose route table is replaced (default: read from disk). */
  readonly index?: string;
}

let cachedModel: Model | undefined;
let cachedFacts: SourceFacts | undefined;

function routesOf(notes: Readonly<Record<string, RouteNotes>>, facts: SourceFacts): Route[] {
  const names = Object.keys(STREAM_ROUTES);
  const missing = names.filter((name) => !Object.hasOwn(notes, name));
  if (missing.length > 0) fail(`no notes for route(s) ${missing.join(', ')} in ${NOTES_FILE}`);
  const unknown = Object.keys(notes).filter((name) => !names.includes(name));
  if (unknown.length > 0) fail(`${NOTES_FILE} has notes for unknown route(s) ${unknown.join(', ')} (not in STREAM_ROUTES)`);
  const sourceNames = [...facts.routes.keys()];
  if (sourceNames.join() !== names.join()) fail(`STREAM_ROUTES parsed as [${sourceNames.join()}], loaded as [${names.join()}]`);
  return names.map((name) => {
    const definition = (STREAM_ROUTES as unknown as Record<string, RouteDefinition<never, unknown>>)[name] as RouteDefinition<never, unknown>;
    if (definition.name !== name) fail(`STREAM_ROUTES.${name} is the route named ${definition.name}`);
    const fields = CONVERSATION_FIELDS[name];
    const conversation = definition.conversation !== undefined;
    if (conversation !== (fields !== undefined)) {
      fail(`route ${name}: ${conversation ? 'talks back but has no request fields in CONVERSATION_FIELDS' : 'is in CONVERSATION_FIELDS but has no conversation'}`);
    }
    if (conversation && definition.params.length > 0) fail(`route ${name} has both a conversation and query parameters`);
    return {
      name,
      definition,
      source: facts.routes.get(name) as RouteSource,
      notes: notes[name] as RouteNotes,
      params: fields ?? definition.params,
      conversation,
      page: `${ROUTE_PAGES_DIR}/${kebab(name)}.md`,
    };
  });
}

/** The TypeScript name of an enum parameter's type (`AccountType`), from its proto name. */
function enumTsName(model: Model, proto: string): string {
  for (const d of model.definitions.values()) if (d.kind === 'enum' && d.proto === proto) return d.tsName;
  return fail(`no generated enum has the proto name ${proto}`);
}

/** A valid value of a parameter, for probing. */
function probeValue(param: ParamSpec): unknown {
  const one = ((): unknown => {
    switch (param.kind) {
      case 'id':
      case 'partyId':
      case 'hash':
        return PROBE_ID;
      case 'count':
        return 1;
      case 'bool':
        return true;
      case 'candleId':
        return candleId(PROBE_ID, '1_minute');
      case 'enum': {
        const values = param.enumType?.values ?? fail(`enum parameter ${param.name} has no enumType`);
        const name = Object.keys(values).find((k) => typeof values[k] === 'number' && values[k] !== 0);
        return name ?? fail(`enum ${param.enumType?.name} has no non-zero value`);
      }
    }
  })();
  return param.repeated ? [one] : one;
}

/**
 * The route's cross-filter checks, found by running its `check` on no filters and on each filter
 * alone: `[parameter, problem]`, in that order, without repeats.
 */
function crossChecks(route: Route): Array<{ parameter: string; problem: string }> {
  const check = route.definition.check as ((filters: Record<string, unknown>) => { parameter: string; problem: string } | undefined) | undefined;
  if (check === undefined) return [];
  const probes: Array<Record<string, unknown>> = [{}, ...route.params.map((p) => ({ [p.name]: probeValue(p) }))];
  const found = new Map<string, { parameter: string; problem: string }>();
  for (const probe of probes) {
    const problem = check(probe);
    if (problem !== undefined) found.set(`${problem.parameter}\n${problem.problem}`, problem);
  }
  return [...found.values()];
}

function checkedAs(param: ParamSpec, facts: SourceFacts, model: Model): string {
  let text = facts.paramKinds.get(param.kind) ?? fail(`ParamKind ${param.kind} has no doc in ${SOURCES.query}`);
  if (param.kind === 'enum') {
    const proto = param.enumType?.name ?? fail(`enum parameter ${param.name} has no enumType`);
    text += ` Enum ${code(enumTsName(model, proto))} (${code(proto)}).`;
  }
  if (param.kind === 'candleId') text += ` Intervals: ${Object.keys(CANDLE_INTERVALS).map((i) => code(i)).join(', ')}.`;
  if (param.repeated) text += ' A non-empty array of them.';
  return inline(text);
}

function sentAs(param: ParamSpec, conversation: boolean): string {
  const value = PLACEHOLDER[param.kind];
  if (conversation) {
    const json = param.kind === 'bool' ? value : `"${value}"`;
    return code(`"${param.name}": ${param.repeated ? `[${json}, …]` : json}`);
  }
  return code(param.repeated ? `?${param.name}=${value}&${param.name}=${value}…` : `?${param.name}=${value}`);
}

function filtersSection(route: Route, facts: SourceFacts, model: Model): string[] {
  const docs = new Map(route.source.filters.map((f) => [f.name, f]));
  const names = route.params.map((p) => p.name);
  const undocumented = names.filter((n) => !docs.has(n));
  const unchecked = [...docs.keys()].filter((n) => !names.includes(n));
  if (undocumented.length > 0 || unchecked.length > 0) {
    fail(
      `route ${route.name}: ${route.source.filtersType} (${route.source.filtersFile}) and the checked filters differ: ` +
        `not in the interface [${undocumented.join(', ')}], not checked [${unchecked.join(', ')}]`,
    );
  }
  if (route.params.length === 0) {
    return [`None: ${code(`vega.${route.name}()`)} takes no filters (${code(route.source.filtersType)}).`];
  }
  const lines: string[] = [];
  lines.push(
    route.conversation
      ? `Sent as the JSON request frame the route waits for (the node ignores the query string here), checked like query parameters before the socket opens. Type: ${code(route.source.filtersType)}.`
      : `Sent as query parameters, checked before any socket opens: a bad or unknown filter fails the subscription with a \`BadRequestError\` naming it.${route.params.some((p) => !p.required) ? ' Leave a filter out to mean "all".' : ''} Type: ${code(route.source.filtersType)}.`,
    '',
  );
  const rows = route.params.map((param) => {
    const doc = docs.get(param.name) as (typeof route.source.filters)[number];
    if (Boolean(param.required) === doc.optional) {
      fail(`route ${route.name}: filter ${param.name} is ${param.required ? '' : 'not '}required but ${doc.optional ? 'optional' : 'not optional'} in ${route.source.filtersType}`);
    }
    return [code(param.name), inline(code(doc.type)), checkedAs(param, facts, model), param.required ? 'yes' : '', sentAs(param, route.conversation), inline(doc.doc)];
  });
  lines.push(...table(['filter', 'type', 'checked as', 'required', 'sent as', 'description'], rows));
  const checks = crossChecks(route);
  if (checks.length > 0) {
    lines.push('', 'Checks across filters (the route definition\'s `check`), also before any socket opens:', '');
    for (const c of checks) lines.push(`- ${code(c.parameter)}: ${inline(c.problem)}`);
  }
  return lines;
}

function exampleSection(route: Route): string[] {
  const example = route.notes.example;
  const keys = example.filters === undefined ? [] : objectLiteralKeys(example.filters);
  const names = route.params.map((p) => p.name);
  for (const key of keys) if (!names.includes(key)) fail(`route ${route.name}: the example's filter ${key} is not a filter of the route`);
  for (const p of route.params) {
    if (p.required && !keys.includes(p.name)) fail(`route ${route.name}: the example lacks the required filter ${p.name}`);
  }
  if (route.params.length === 0 && example.filters !== undefined) fail(`route ${route.name} takes no filters, but its example has some`);
  const imports = [...new Set(['createClient', ...(example.imports ?? [])])].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1));
  const next = example.next.split('\n').join('\n  ');
  return [
    '```ts',
    `import { ${imports.join(', ')} } from 'vega-streams';`,
    '',
    ...(example.declare ?? []).map((d) => `declare const ${d};`),
    ...(example.declare?.length ? [''] : []),
    `const vega = createClient({ nodes: ['${EXAMPLE_NODE}'] });`,
    '',
    `const subscription = vega.${route.name}(${example.filters ?? ''}).subscribe({`,
    `  next: ${next},`,
    '  error: (error) => console.error(error), // a typed error: see errors.md',
    '});',
    'setTimeout(() => subscription.unsubscribe(), 60_000); // unsubscribing closes the socket',
    '```',
  ];
}

function pageSources(route: Route, facts: SourceFacts): string[] {
  const files = [route.source.file];
  if (route.source.filtersFile !== route.source.file) files.push(route.source.filtersFile);
  files.push(SOURCES.streamRoutes, SOURCES.client, SOURCES.query);
  if (facts.blockTimeReaders.has(route.name)) files.push(SOURCES.blockTime);
  files.push(INPUT_FILES.swagger, NOTES_FILE);
  if (route.notes.sample) files.push(`${SAMPLES_DIR}/${route.notes.sample.file}`);
  return files;
}

function page(route: Route, facts: SourceFacts, model: Model): string {
  const { source, notes, definition } = route;
  const filtersArg = route.params.length === 0 ? '{}' : 'filters';
  const out: string[] = [];
  out.push(
    `<!-- Generated by \`npm run docs:routes\` (${GENERATOR}) from ${pageSources(route, facts).join(', ')}. Do not edit by hand: edit those and run \`npm run docs:routes\`. -->`,
    '',
    `# ${source.name}`,
    '',
    `${code(definition.path)}: ${inline(source.doc.replace(/^`[^`]+`:\s*/, ''))}`,
    '',
    `- Client method: ${code(`vega.${source.method.signature}`)}${source.method.doc ? `. ${inline(source.method.doc)}` : ''}`,
    `- Route definition: ${code(source.exportName)} (${code(source.file)}), for ${code(`vega.stream(${source.exportName}, ${filtersArg})`)} or, undecoded, ${code(`vega.rawStream(${source.exportName}, ${filtersArg})`)}`,
    `- Path: ${code(`wss://<node>${definition.path}`)}`,
    `- First frames: ${notes.firstFrames.short}; cadence: ${notes.cadence.short}`,
    '',
    'General behaviour of every route (snapshots, errors, reconnecting): [routes.md](../routes.md).',
    '',
    '## Filters',
    '',
    ...filtersSection(route, facts, model),
    '',
    '## Response',
    '',
    ...responseSection(model, definition.path, notes.response),
    '',
  );
  const reader = facts.blockTimeReaders.get(route.name);
  if (reader !== undefined) {
    out.push(`Block time, for \`batchByBlock\`: ${code(`blockTimeOf.${route.name}`)} reads ${inline(reader.charAt(0).toLowerCase() + reader.slice(1))}`, '');
  }
  out.push('## First frames', '', notes.firstFrames.detail, '', '## Cadence', '', notes.cadence.detail, '');
  out.push('## Quirks', '');
  if (notes.quirks.length === 0) out.push('None beyond those of [every route](../routes.md#quirks-of-the-real-node-to-know-about).');
  else {
    for (const quirk of notes.quirks) out.push(`- ${quirk}`);
    out.push('', 'See also the quirks of [every route](../routes.md#quirks-of-the-real-node-to-know-about).');
  }
  out.push('');
  if (notes.seeAlso?.length) {
    out.push('## See also', '');
    for (const item of notes.seeAlso) out.push(`- ${item}`);
    out.push('');
  }
  out.push('## Example', '', ...exampleSection(route), '');
  if (notes.sample) {
    out.push('## A real frame', '', 'As the node sends it (enum numbers, zero values left out); the library decodes it into the types above.', '');
    out.push(...sampleSection(notes.sample, kebab(route.name)), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function filtersSummary(route: Route, model: Model): string {
  if (route.params.length === 0) return 'none';
  const parts = route.params.map((p) => {
    const notes: string[] = [];
    if (p.required) notes.push('required');
    if (p.kind === 'enum' && p.enumType) notes.push(enumTsName(model, p.enumType.name));
    return `${code(`${p.name}${p.repeated ? '[]' : ''}`)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  let text = parts.join(', ');
  for (const c of crossChecks(route)) {
    const problem = c.problem.replace(/\s*\(.*$/, '');
    text += `; ${problem.includes(c.parameter) ? problem : `${code(c.parameter)} ${problem}`}`;
  }
  if (route.conversation) text += '; sent as a request frame';
  return inline(text);
}

function routeTable(routes: readonly Route[], model: Model): string[] {
  return table(
    ['method', 'path', 'filters', 'response', 'first frames', 'cadence'],
    routes.map((route) => [
      `[${code(route.name)}](routes/${kebab(route.name)}.md)`,
      code(route.definition.path),
      filtersSummary(route, model),
      inline(responseSummary(model, route.definition.path)),
      inline(route.notes.firstFrames.short),
      inline(route.notes.cadence.short),
    ]),
  );
}

function withRouteTable(index: string, rows: readonly string[]): string {
  const begin = index.indexOf(TABLE_BEGIN);
  const end = index.indexOf(TABLE_END);
  if (begin < 0 || end < begin) fail(`${ROUTES_INDEX} lacks the marker comments ${TABLE_BEGIN} … ${TABLE_END}`);
  return `${index.slice(0, begin + TABLE_BEGIN.length)}\n${rows.join('\n')}\n${index.slice(end)}`;
}

/** The anchors of a Markdown file's headings, slugged the way GitHub and typedoc do for plain words. */
function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>();
  for (const match of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    slugs.add((match[1] as string).trim().toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-'));
  }
  return slugs;
}

/** Relative links of the generated Markdown that point at no file or no heading: `page -> target`. */
function brokenLinks(files: ReadonlyMap<string, string>): string[] {
  const broken: string[] = [];
  for (const [file, content] of files) {
    const text = content.replace(/```[\s\S]*?```/g, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const [target = '', anchor] = (match[1] as string).split('#');
      if (/^[a-z]+:/i.test(target)) continue;
      const resolved = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      const full = path.join(REPO_ROOT, resolved);
      const linked = files.get(resolved) ?? (existsSync(full) ? readFileSync(full, 'utf8') : undefined);
      if (linked === undefined || (anchor !== undefined && resolved.endsWith('.md') && !anchors(linked).has(anchor))) {
        broken.push(`${file} -> ${match[1]}`);
      }
    }
  }
  return broken;
}

/**
 * The generated files, repository-relative path -> content, computed in memory: one page per
 * route, and docs/routes.md with its route table regenerated. Throws when a fact is missing.
 */
export function generateRouteDocs(options: GenerateOptions = {}): Map<string, string> {
  cachedModel ??= buildModel(readInputs());
  cachedFacts ??= readSourceFacts();
  const model = cachedModel;
  const facts = cachedFacts;
  const routes = routesOf(options.notes ?? ROUTE_NOTES, facts);
  const files = new Map<string, string>();
  for (const route of routes) {
    const expected = responseModel(model, route.definition.path).response.tsName;
    if (route.source.responseType !== expected) {
      fail(`${route.source.exportName} is declared with the response type ${route.source.responseType}, but the spec's response of ${route.definition.path} is ${expected}`);
    }
    files.set(route.page, page(route, facts, model));
  }
  const index = options.index ?? readFileSync(path.join(REPO_ROOT, ROUTES_INDEX), 'utf8');
  files.set(ROUTES_INDEX, withRouteTable(index, routeTable(routes, model)));
  const broken = brokenLinks(files);
  if (broken.length > 0) fail(`links to missing files: ${broken.join('; ')}`);
  return files;
}

/**
 * How the files on disk differ from a fresh generation: pages that differ or are missing, and
 * pages under docs/routes/ that no route generates. Empty when current.
 */
export function routeDocProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, content] of files) {
    const full = path.join(REPO_ROOT, file);
    if (!existsSync(full)) problems.push(`${file} is missing`);
    else if (readFileSync(full, 'utf8') !== content) problems.push(`${file} differs from a fresh generation`);
  }
  const dir = path.join(REPO_ROOT, ROUTE_PAGES_DIR);
  const existing = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  for (const f of existing.sort()) {
    if (!files.has(`${ROUTE_PAGES_DIR}/${f}`)) problems.push(`${ROUTE_PAGES_DIR}/${f} is not a page of any route`);
  }
  return problems;
}

function main(): void {
  const files = generateRouteDocs();
  if (process.argv.includes('--check')) {
    const problems = routeDocProblems(files);
    if (problems.length > 0) {
      console.error(`Route pages are not current:\n  ${problems.join('\n  ')}\nRun npm run docs:routes.`);
      process.exit(1);
    }
    console.log('Route pages are up to date.');
    return;
  }
  const dir = path.join(REPO_ROOT, ROUTE_PAGES_DIR);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.md') && !files.has(`${ROUTE_PAGES_DIR}/${f}`)) rmSync(path.join(dir, f));
  }
  for (const [file, content] of files) writeFileSync(path.join(REPO_ROOT, file), content);
  console.log(`Wrote ${files.size - 1} route pages under ${ROUTE_PAGES_DIR}/ and the route table of ${ROUTES_INDEX}.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
