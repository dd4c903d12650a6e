/**
 * Run every benchmark in sequence, each in its own child process with the node flags it needs,
 * so that one benchmark's heap, JIT state and timers never disturb the next.
 *
 *   npx tsx bench/run-all.ts [name…]      (default: all; e.g. `order-book`)
 *
 * Each prints its table and keeps its result in bench/results/<name>.json; a summary of exit
 * codes and durations follows, then, when every benchmark succeeded, docs/benchmarks.md is
 * rewritten with the results kept (scripts/generate-bench-docs.ts). Exits non-zero when any benchmark failed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A benchmark: its file under bench/ and the node flags it runs with. */
interface Benchmark {
  readonly name: string;
  readonly flags: readonly string[];
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'simulator-throughput', flags: [] },
  // --expose-gc: collect garbage between passes so one row does not pay for another's.
  { name: 'order-book', flags: ['--expose-gc'] },
  // Its client processes get --expose-gc themselves.
  { name: 'subscriptions-memory', flags: [] },
  { name: 'pipeline-throughput', flags: [] },
  { name: 'recovery-time', flags: [] },
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Run a TypeScript file (relative to the repository root) in a child node; resolves with its exit code. */
function run(script: string, flags: readonly string[] = []): Promise<number> {
  const args = [...flags, '--import', 'tsx', script];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const summary: Array<{ benchmark: string; exit: number; seconds: number }> = [];
for (const benchmark of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n=== ${benchmark.name} (node ${[...benchmark.flags, '--import tsx'].join(' ')}) ===`);
  const start = performance.now();
  const exit = await run(`bench/${benchmark.name}.ts`, benchmark.flags);
  summary.push({ benchmark: benchmark.name, exit, seconds: Math.round((performance.now() - start) / 100) / 10 });
}
console.log('\nbenchmarks run:');
console.table(summary);
// The page shows whatever bench/results/ holds now: this run's results, and earlier ones for any
// not run. Not after a failed benchmark: its figures (it still writes them) stay off the page.
const failed = summary.some((s) => s.exit !== 0);
const docs = failed ? 1 : await run('scripts/generate-bench-docs.ts');
if (failed) console.error('docs/benchmarks.md was not rewritten: a benchmark failed (npm run docs:bench writes the page from bench/results/ as it is).');
else if (docs !== 0) console.error('docs/benchmarks.md was not rewritten: see the error above (npm run docs:bench runs it alone).');
if (failed || docs !== 0) process.exitCode = 1;
