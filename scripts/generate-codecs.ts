/**
 * Generates lib/codecs/generated/*.ts: io-ts codecs and TypeScript types for every definition the
 * 15 `/api/v2/stream/*` responses need, from the vendored Vega v0.79 spec.
 *
 *   npx tsx scripts/generate-codecs.ts          write the files
 *   npx tsx scripts/generate-codecs.ts --check  exit 1 if the committed files are not current
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitFiles } from './codegen/emit.js';
import { readInputs, REPO_ROOT } from './codegen/inputs.js';
import { buildModel, type Model } from './codegen/model.js';

export const GENERATED_DIR = 'lib/codecs/generated';

/** The model and the generated files (file name -> content), computed in memory. */
export function generateCodecs(): { model: Model; files: Map<string, string> } {
  const model = buildModel(readInputs());
  return { model, files: emitFiles(model) };
}

/** Generated files whose committed content differs from a fresh generation, plus stale ones. */
export function outdatedFiles(files: ReadonlyMap<string, string>): string[] {
  const dir = path.join(REPO_ROOT, GENERATED_DIR);
  let existing: string[] = [];
  try {
    existing = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  } catch {
    // no directory yet: every file is outdated
  }
  const outdated = existing.filter((f) => !files.has(f));
  for (const [file, content] of files) {
    let current: string | undefined;
    try {
      current = readFileSync(path.join(dir, file), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== content) outdated.push(file);
  }
  return outdated.sort();
}

function main(): void {
  const { model, files } = generateCodecs();
  if (process.argv.includes('--check')) {
    const outdated = outdatedFiles(files);
    if (outdated.length > 0) {
      console.error(`Outdated generated codecs: ${outdated.join(', ')}. Run npm run generate:codecs.`);
      process.exit(1);
    }
    console.log('Generated codecs are up to date.');
    return;
  }
  const dir = path.join(REPO_ROOT, GENERATED_DIR);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.ts') && !files.has(f)) rmSync(path.join(dir, f));
  }
  for (const [file, content] of files) writeFileSync(path.join(dir, file), content);

  const defs = [...model.definitions.values()];
  const enums = defs.filter((d) => d.kind === 'enum').length;
  console.log(
    `Generated ${defs.length} definitions (${defs.length - enums} messages, ${enums} enums) ` +
      `into ${files.size} files under ${GENERATED_DIR}.`,
  );
  for (const [file, content] of files) {
    console.log(`  ${file}: ${content.split('\n').length - 1} lines`);
  }
  if (model.renames.length > 0) {
    console.log('Names kept with a distinguishing prefix:');
    for (const r of model.renames) console.log(`  ${r.def} -> ${r.tsName} (${r.reason})`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
