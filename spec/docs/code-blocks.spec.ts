/**
 * Every ```ts block in README.md and docs/ is type-checked against the library's sources, so the
 * docs cannot rot. Each block is compiled as its own module, with `vega-streams`,
 * `vega-streams/operators`, `/testing` and `/simulator` resolving to lib/. A few names the docs
 * use without defining them (a client `vega`, market and party ids, a marbles context `m`…) are
 * declared once in DOC_GLOBALS below; anything else a block uses it must import or declare.
 * A block that is a verbatim copy of a repository file named in the same page (the testing
 * guide's strategy and its spec) is that file, which the project's own typecheck covers.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VIRTUAL_DIR = join(ROOT, '.docs-blocks');

/** What the docs may use without defining it, as they say in prose ("given a client `vega`…"). */
const DOC_GLOBALS = `
declare const vega: import('vega-streams').VegaClient;
declare const market: string;
declare const marketId: string;
declare const btc: string;
declare const eth: string;
declare const party: string;
declare const order: import('vega-streams').Order;
declare const m: import('rxjs-marbles/mocha').Context;
`;

/** One fenced TypeScript block of a markdown page. */
interface CodeBlock {
  readonly page: string;
  readonly line: number;
  readonly code: string;
}

function markdownPages(): string[] {
  const pages = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) pages.push(path);
    }
  };
  walk('docs');
  return pages.sort();
}

function tsBlocks(page: string): CodeBlock[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').startsWith('```')) end++;
    blocks.push({ page, line: start + 1, code: lines.slice(start, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

/** A block equal to a file the page names in backticks is that file. */
function isCopyOfNamedFile(block: CodeBlock): boolean {
  const text = readFileSync(join(ROOT, block.page), 'utf8');
  for (const [, path] of text.matchAll(/`([\w./-]+\.ts)`/g)) {
    const file = join(ROOT, path ?? '');
    if (existsSync(file) && readFileSync(file, 'utf8') === block.code) return true;
  }
  return false;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configPath);
  return {
    ...options,
    noEmit: true,
    paths: {
      'vega-streams': ['./lib/index.ts'],
      'vega-streams/*': ['./lib/*/index.ts'],
    },
  };
}

/** Type-checks the blocks in one program; the diagnostics of each block, by its index. */
function typeCheck(blocks: readonly CodeBlock[]): Map<number, string[]> {
  const virtual = new Map<string, string>();
  const fileOf = (index: number): string => join(VIRTUAL_DIR, `block-${index}.ts`);
  blocks.forEach((block, index) => virtual.set(fileOf(index), `${block.code}\nexport {};\n`));
  virtual.set(join(VIRTUAL_DIR, 'doc-globals.d.ts'), DOC_GLOBALS);

  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const text = virtual.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, onError, shouldCreate) : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);

  const result = new Map<number, string[]>();
  blocks.forEach((block, index) => {
    const source = program.getSourceFile(fileOf(index));
    if (!source) throw new Error(`the block at ${block.page}:${block.line} was not compiled`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result.set(
      index,
      diagnostics.map((d) => {
        const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        return `${block.page}:${block.line + at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  });
  return result;
}

describe('docs: every TypeScript example compiles against the library', function () {
  this.timeout(60_000);
  const blocks = markdownPages()
    .flatMap(tsBlocks)
    .filter((block) => !isCopyOfNamedFile(block));
  let diagnostics: Map<number, string[]>;

  before(() => {
    diagnostics = typeCheck(blocks);
  });

  it('finds the examples (README, getting started, operators, testing, errors, simulator…)', () => {
    const pages = new Set(blocks.map((block) => block.page));
    for (const page of ['README.md', join('docs', 'getting-started.md'), join('docs', 'errors.md'), join('docs', 'testing.md')]) {
      expect(pages, `no \`\`\`ts block found in ${page}`).to.include(page);
    }
  });

  blocks.forEach((block, index) => {
    it(`${relative(ROOT, join(ROOT, block.page))}:${block.line}`, () => {
      expect(diagnostics.get(index), 'fix the example (or the library), so that the block compiles').to.deep.equal([]);
    });
  });
});
