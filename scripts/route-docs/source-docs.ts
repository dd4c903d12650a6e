/**
 * Facts the route pages read from the library's TypeScript source with the compiler API (parse
 * only, no type checking): which file and export each route of STREAM_ROUTES comes from, the
 * doc comment of every filter, the client method's signature, the doc of each parameter kind and
 * of each block-time reader. Everything that cannot be found fails: the pages never guess.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../codegen/inputs.js';

/** Source files read, relative to the repository root. */
export const SOURCES = {
  routesDir: 'lib/endpoints/routes',
  streamRoutes: 'lib/endpoints/routes/stream-routes.ts',
  client: 'lib/client/create-client.ts',
  query: 'lib/wire/query.ts',
  blockTime: 'lib/operators/block-time.ts',
} as const;

/** One property of a filters interface. */
export interface FilterDoc {
  readonly name: string;
  /** The property's TypeScript type as written, e.g. `readonly string[]`. */
  readonly type: string;
  readonly optional: boolean;
  /** Its doc comment, as one paragraph. */
  readonly doc: string;
}

/** What the source says about one route of STREAM_ROUTES. */
export interface RouteSource {
  /** Client method name, the key in STREAM_ROUTES (`trades`). */
  readonly name: string;
  /** The route definition's export name (`tradesRoute`). */
  readonly exportName: string;
  /** The file declaring it, relative to the repository root. */
  readonly file: string;
  /** Doc comment of the route definition. */
  readonly doc: string;
  /** Names of the two type arguments of `RouteDefinition<F, R>`. */
  readonly filtersType: string;
  readonly responseType: string;
  /** The file declaring the filters type (it may be imported from a sibling route file). */
  readonly filtersFile: string;
  /** The filters type's properties, in declaration order; empty for `Record<string, never>`. */
  readonly filters: readonly FilterDoc[];
  /** The client method, as declared in VegaClient: its signature and doc comment. */
  readonly method: { readonly signature: string; readonly doc: string };
}

/** Everything read from the source. */
export interface SourceFacts {
  readonly routes: ReadonlyMap<string, RouteSource>;
  /** `ParamKind` value -> its doc comment. */
  readonly paramKinds: ReadonlyMap<string, string>;
  /** `blockTimeOf` reader name -> its doc comment. */
  readonly blockTimeReaders: ReadonlyMap<string, string>;
}

class SourceError extends Error {
  constructor(message: string) {
    super(`generate-route-docs: ${message}`);
  }
}

function fail(message: string): never {
  throw new SourceError(message);
}

const parsed = new Map<string, ts.SourceFile>();

function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (source === undefined) {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    parsed.set(file, source);
  }
  return source;
}

/** The text of a node's JSDoc comments (tags left out), whitespace collapsed to one paragraph. */
function jsDocOf(node: ts.Node): string {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '');
  return oneParagraph(texts.join(' '));
}

function oneParagraph(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nameText(name: ts.PropertyName | ts.BindingName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return fail(`unsupported property name ${name.getText()}`);
}

/** `import { a, b } from './x.js'` -> a -> './x.js', b -> './x.js'. */
function namedImports(source: ts.SourceFile): Map<string, string> {
  const imports = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) imports.set(element.name.text, statement.moduleSpecifier.text);
  }
  return imports;
}

/** `./trades.js` imported by `lib/endpoints/routes/x.ts` -> `lib/endpoints/routes/trades.ts`. */
function resolveRelative(fromFile: string, specifier: string): string {
  if (!specifier.startsWith('.')) fail(`${fromFile}: cannot follow the non-relative import ${specifier}`);
  return path.posix.join(path.posix.dirname(fromFile), specifier.replace(/\.js$/, '.ts'));
}

/** STREAM_ROUTES: method name -> [export name, file]. */
function streamRouteEntries(): Array<{ name: string; exportName: string; file: string }> {
  const source = parse(SOURCES.streamRoutes);
  const imports = namedImports(source);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (nameText(declaration.name) !== 'STREAM_ROUTES') continue;
      let init = declaration.initializer;
      while (init !== undefined && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (init === undefined || !ts.isObjectLiteralExpression(init)) fail('STREAM_ROUTES is not an object literal');
      return init.properties.map((property) => {
        if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.initializer)) {
          return fail(`STREAM_ROUTES: unsupported entry ${property.getText()}`);
        }
        const exportName = property.initializer.text;
        const specifier = imports.get(exportName) ?? fail(`STREAM_ROUTES: ${exportName} is not imported`);
        return { name: nameText(property.name), exportName, file: resolveRelative(SOURCES.streamRoutes, specifier) };
      });
    }
  }
  return fail(`${SOURCES.streamRoutes} declares no STREAM_ROUTES`);
}

function typeReferenceName(node: ts.TypeNode): string {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return node.typeName.text;
  return fail(`unsupported type argument ${node.getText()}`);
}

/** The declaration of a type named `name` in `file`, following one relative import. */
function findType(file: string, name: string): { file: string; node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration } {
  const source = parse(file);
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name) {
      return { file, node: statement };
    }
  }
  const specifier = namedImports(source).get(name) ?? fail(`${file}: type ${name} is neither declared nor imported`);
  return findType(resolveRelative(file, specifier), name);
}

function filterDocs(file: string, node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): FilterDoc[] {
  if (ts.isTypeAliasDeclaration(node)) {
    if (node.type.getText() === 'Record<string, never>') return [];
    return fail(`${file}: filters type ${node.name.text} must be an interface or Record<string, never>`);
  }
  if (node.heritageClauses !== undefined) fail(`${file}: filters interface ${node.name.text} extends another type`);
  return node.members.map((member) => {
    if (!ts.isPropertySignature(member) || member.type === undefined) {
      return fail(`${file}: ${node.name.text} has a member that is not a typed property`);
    }
    const name = nameText(member.name);
    const doc = jsDocOf(member);
    if (doc === '') fail(`${file}: filter ${node.name.text}.${name} has no doc comment`);
    return { name, type: member.type.getText(), optional: member.questionToken !== undefined, doc };
  });
}

function routeSource(entry: { name: string; exportName: string; file: string }, methods: ReadonlyMap<string, RouteSource['method']>): RouteSource {
  const source = parse(entry.file);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (nameText(declaration.name) !== entry.exportName) continue;
      const type = declaration.type;
      if (type === undefined || !ts.isTypeReferenceNode(type) || type.typeName.getText() !== 'RouteDefinition' || type.typeArguments?.length !== 2) {
        return fail(`${entry.file}: ${entry.exportName} is not declared as RouteDefinition<Filters, Response>`);
      }
      const [filtersNode, responseNode] = type.typeArguments as unknown as [ts.TypeNode, ts.TypeNode];
      const filtersType = typeReferenceName(filtersNode);
      const found = findType(entry.file, filtersType);
      const doc = jsDocOf(statement);
      if (doc === '') fail(`${entry.file}: ${entry.exportName} has no doc comment`);
      return {
        ...entry,
        doc,
        filtersType,
        responseType: typeReferenceName(responseNode),
        filtersFile: found.file,
        filters: filterDocs(found.file, found.node),
        method: methods.get(entry.name) ?? fail(`VegaClient (${SOURCES.client}) has no method ${entry.name}`),
      };
    }
  }
  return fail(`${entry.file} does not declare ${entry.exportName}`);
}

/** VegaClient method name -> signature (as written, without the `;`) and doc comment. */
function clientMethods(): Map<string, RouteSource['method']> {
  const source = parse(SOURCES.client);
  const client = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'VegaClient');
  if (client === undefined) fail(`${SOURCES.client} declares no VegaClient interface`);
  const methods = new Map<string, RouteSource['method']>();
  for (const member of client.members) {
    if (!ts.isMethodSignature(member)) continue;
    methods.set(nameText(member.name), {
      signature: member.getText(source).replace(/;$/, '').replace(/\s+/g, ' '),
      doc: jsDocOf(member),
    });
  }
  return methods;
}

/** `ParamKind` members -> their doc comments (`/** … *\/` written before each `| 'kind'`). */
function paramKinds(): Map<string, string> {
  const source = parse(SOURCES.query);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'ParamKind');
  if (alias === undefined || !ts.isUnionTypeNode(alias.type)) return fail(`${SOURCES.query}: ParamKind is not a union type`);
  const kinds = new Map<string, string>();
  let from = alias.type.pos;
  for (const member of alias.type.types) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) fail(`${SOURCES.query}: ParamKind has a non-string member`);
    const between = source.text.slice(from, member.getStart(source));
    const comment = /\/\*\*([\s\S]*?)\*\//.exec(between);
    if (comment === null) fail(`${SOURCES.query}: ParamKind '${member.literal.text}' has no doc comment`);
    kinds.set(member.literal.text, oneParagraph((comment[1] ?? '').replace(/^\s*\*/gm, '')));
    from = member.end;
  }
  return kinds;
}

/** `blockTimeOf` property -> its doc comment. */
function blockTimeReaders(): Map<string, string> {
  const source = parse(SOURCES.blockTime);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (nameText(declaration.name) !== 'blockTimeOf') continue;
      let init = declaration.initializer;
      while (init !== undefined && ts.isAsExpression(init)) init = init.expression;
      if (init === undefined || !ts.isObjectLiteralExpression(init)) return fail(`${SOURCES.blockTime}: blockTimeOf is not an object literal`);
      const readers = new Map<string, string>();
      for (const property of init.properties) {
        if (property.name === undefined) continue;
        const doc = jsDocOf(property);
        if (doc === '') fail(`${SOURCES.blockTime}: blockTimeOf.${nameText(property.name)} has no doc comment`);
        readers.set(nameText(property.name), doc);
      }
      return readers;
    }
  }
  return fail(`${SOURCES.blockTime} declares no blockTimeOf`);
}

/** Reads the facts; the source files are parsed once per process. */
export function readSourceFacts(): SourceFacts {
  const methods = clientMethods();
  const routes = new Map<string, RouteSource>();
  for (const entry of streamRouteEntries()) routes.set(entry.name, routeSource(entry, methods));
  return { routes, paramKinds: paramKinds(), blockTimeReaders: blockTimeReaders() };
}

/** The property names of an object literal written as TypeScript source, e.g. `{ marketIds: [m], partyId }`. */
export function objectLiteralKeys(text: string): string[] {
  const source = ts.createSourceFile('example.ts', `(${text});`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const statement = source.statements[0];
  let expression = statement !== undefined && ts.isExpressionStatement(statement) ? statement.expression : undefined;
  while (expression !== undefined && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (expression === undefined || !ts.isObjectLiteralExpression(expression)) {
    return fail(`not an object literal: ${text}`);
  }
  return expression.properties.map((property) => {
    if (property.name === undefined) return fail(`spread in an example's filters: ${text}`);
    return nameText(property.name);
  });
}
