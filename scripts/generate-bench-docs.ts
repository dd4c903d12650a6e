/**
 * Writes the latest benchmark figures into docs/benchmarks.md: each `bench/results/<name>.json`
 * (kept by bench/support/report.ts) becomes a table, with its date, machine and notes, between
 * the page's marker comments for `<name>`. The prose around the markers is written by hand.
 * `npm run bench` runs this after the benchmarks.
 *
 *   npx tsx scripts/generate-bench-docs.ts          rewrite the figures
 *   npx tsx scripts/generate-bench-docs.ts --check  exit 1 if the page does not show the results
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from '../bench/support/report.js';
import { REPO_ROOT } from './codegen/inputs.js';
import { inline, table } from './route-docs/markdown.js';

/** The page, relative to the repository root. */
export const BENCH_PAGE = 'docs/benchmarks.md';
/** Where the benchmarks keep their last results. */
export const RESULTS_DIR = 'bench/results';

const begin = (name: string): string => `<!-- BEGIN bench results: ${name} (npm run docs:bench); do not edit by hand -->`;
const end = (name: string): string => `<!-- END bench results: ${name} -->`;
const MARKER_RE = /<!-- BEGIN bench results: ([\w-]+) /g;

/** Every results file, by benchmark name. */
export function readResults(dir = path.join(REPO_ROOT, RESULTS_DIR)): Map<string, BenchResult> {
  const results = new Map<string, BenchResult>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    results.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as BenchResult);
  }
  return results;
}

/** The Markdown of one result: title, date and machine, the table, the notes. */
export function resultBlock(name: string, result: BenchResult): string[] {
  const columns = [...new Set(result.rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined): string =>
    value === undefined ? '' : inline(typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : value);
  const lines = [
    `${result.title === undefined ? '' : `**${inline(result.title)}**. `}Run of ${result.date.slice(0, 10)} on ${inline(result.machine)} (\`${RESULTS_DIR}/${name}.json\`):`,
    '',
    ...table(columns.map(inline), result.rows.map((row) => columns.map((c) => cell(row[c])))),
  ];
  if (result.notes !== undefined && result.notes.length > 0) lines.push('', ...result.notes.map((note) => `- ${inline(note)}`));
  return lines;
}

/**
 * The page with every marked block replaced by its benchmark's results. Throws when a results
 * file has no block on the page, or a block has no results file, so no figure goes unshown.
 */
export function benchPage(page: string, results: ReadonlyMap<string, BenchResult>): string {
  const marked = [...page.matchAll(MARKER_RE)].map((m) => m[1] as string);
  const unshown = [...results.keys()].filter((name) => !marked.includes(name));
  if (unshown.length > 0) throw new Error(`generate-bench-docs: ${BENCH_PAGE} has no block for ${unshown.join(', ')}: add its markers`);
  let out = page;
  for (const name of marked) {
    const result = results.get(name);
    if (result === undefined) throw new Error(`generate-bench-docs: ${BENCH_PAGE} has a block for ${name} but ${RESULTS_DIR}/${name}.json does not exist`);
    const from = out.indexOf(begin(name));
    const to = out.indexOf(end(name));
    if (from === -1 || to < from) throw new Error(`generate-bench-docs: the markers of ${name} are malformed (expected "${begin(name)}" then "${end(name)}")`);
    out = `${out.slice(0, from + begin(name).length)}\n${resultBlock(name, result).join('\n')}\n${out.slice(to)}`;
  }
  return out;
}

function main(): void {
  const file = path.join(REPO_ROOT, BENCH_PAGE);
  const current = readFileSync(file, 'utf8');
  const next = benchPage(current, readResults());
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${BENCH_PAGE} does not show the latest results in ${RESULTS_DIR}: run npm run docs:bench.`);
      process.exit(1);
    }
    console.log(`${BENCH_PAGE} is current.`);
    return;
  }
  writeFileSync(file, next);
  console.log(`Wrote the figures of ${BENCH_PAGE}.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
