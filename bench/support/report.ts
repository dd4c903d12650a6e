// Printing benchmark tables and keeping their results for comparison with later runs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One row of a benchmark table. */
export type Row = Record<string, string | number>;

/** What bench/results/<name>.json holds: one run of a benchmark (docs/benchmarks.md shows it). */
export interface BenchResult {
  /** When the run finished, ISO 8601. */
  readonly date: string;
  /** {@link machine} of the run. */
  readonly machine: string;
  /** The table's title (absent in results written before titles were kept). */
  readonly title?: string;
  /** The table, one object per row, columns in key order. */
  readonly rows: readonly Row[];
  /** The lines printed under the table: setup, targets met or not (absent in older results). */
  readonly notes?: readonly string[];
}

/** The machine a run was measured on. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  return `${cpus().length} × ${cpu.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * Print a titled table, and write it with the machine and the date to bench/results/<name>.json;
 * the previous result of the same benchmark, if any, is printed after it for comparison.
 */
export function report(name: string, title: string, rows: readonly Row[], notes: readonly string[] = []): void {
  const file = new URL(`../results/${name}.json`, import.meta.url);
  let previous: { date: string; rows: Row[] } | undefined;
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')) as { date: string; rows: Row[] };
  } catch {
    previous = undefined;
  }
  console.log(`\n${title}\n${machine()}`);
  console.table(rows);
  for (const note of notes) console.log(note);
  if (previous) {
    console.log(`previous run (${previous.date}):`);
    console.table(previous.rows);
  }
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  const result: BenchResult = { date: new Date().toISOString(), machine: machine(), title, rows, notes };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
