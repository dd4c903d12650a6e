// Builds the package into dist/:
//   dist/esm      ES modules, one file per source file (Node and bundlers)
//   dist/cjs      CommonJS, one file per source file (require())
//   dist/browser  ES modules for browsers: the native WebSocket instead of `ws`, shared chunks
//                 across entry points, dependencies left to the page's bundler
//   dist/browser/vega-streams.bundle.js  one self-contained ES module (rxjs, io-ts included)
//                 with the root entry and the operators, for a plain <script type="module"> page
//   dist/types    TypeScript declarations (tsc), also copied beside dist/cjs for require()
// Usage: node esbuild.mjs [--outdir DIR] [--no-types]
// Imported rather than run (examples/browser/ bundles its page this way), it builds nothing and
// only exports the browser WebSocket plugin and the self-contained bundle's options.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

/** Public entry points: package subpath -> source file. */
export const ENTRIES = {
  '.': 'lib/index.ts',
  './operators': 'lib/operators/index.ts',
  './testing': 'lib/testing/index.ts',
  './simulator': 'lib/simulator/index.ts', // Node only: not in the browser builds
};

/** Runtime dependencies, never bundled into the per-file builds. */
const EXTERNAL = ['rxjs', 'rxjs/*', 'io-ts', 'io-ts/*', 'fp-ts', 'fp-ts/*', 'ws'];

/** The esbuild plugin of every browser build: swaps the Node WebSocket (`ws`) for the global one. */
export const browserWebSocket = {
  name: 'browser-websocket',
  setup(b) {
    b.onResolve({ filter: /\/default-websocket\.js$/ }, (a) => ({
      path: join(a.resolveDir, a.path.replace(/\.js$/, '.browser.ts')),
    }));
    b.onResolve({ filter: /^ws$/ }, () => ({
      errors: [{ text: 'the browser build must not import ws: route WebSocket access through lib/socket/default-websocket.ts' }],
    }));
  },
};

const common = { sourcemap: true, target: 'es2022', logLevel: 'warning' };
// Bundled builds may rename identifiers (and the minified one mangles them), while error classes
// name themselves after their constructor: keep names there. Not in the one-file-per-module
// builds, which keep names anyway: keepNames wraps every closure, about 4 KiB per subscription.
const bundled = { ...common, keepNames: true };

/** The esbuild options of `vega-streams.bundle.js` (one minified, self-contained ES module), all but where it goes. */
export const SELF_CONTAINED_BUNDLE = {
  ...bundled,
  entryPoints: { 'vega-streams.bundle': fileURLToPath(new URL('lib/bundle.ts', import.meta.url)) },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  plugins: [browserWebSocket],
};

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The whole build, as `node esbuild.mjs [--outdir DIR] [--no-types]` asks. */
async function main(args) {
  const outdir = args.includes('--outdir') ? args[args.indexOf('--outdir') + 1] : 'dist';
  const withTypes = !args.includes('--no-types');

  rmSync(outdir, { recursive: true, force: true });
  const files = sourceFiles('lib');

  await build({ ...common, entryPoints: files, outdir: join(outdir, 'esm'), outbase: 'lib', format: 'esm', platform: 'node' });

  await build({ ...common, entryPoints: files, outdir: join(outdir, 'cjs'), outbase: 'lib', format: 'cjs', platform: 'node' });
  writeFileSync(join(outdir, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

  const browserEntries = Object.values(ENTRIES).filter((file) => !file.includes('simulator') && !file.includes('cli'));
  await build({
    ...bundled,
    entryPoints: browserEntries,
    outdir: join(outdir, 'browser'),
    outbase: 'lib',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    external: EXTERNAL.filter((name) => name !== 'ws'),
    plugins: [browserWebSocket],
  });

  await build({ ...SELF_CONTAINED_BUNDLE, outdir: join(outdir, 'browser') });

  if (withTypes) {
    mkdirSync(join(outdir, 'types'), { recursive: true });
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', join(outdir, 'types')], {
      stdio: 'inherit',
    });
    // The same declarations beside the CJS files, where dist/cjs/package.json makes TypeScript read
    // them as CommonJS (for `require` consumers under module node16/nodenext).
    cpSync(join(outdir, 'types'), join(outdir, 'cjs'), { recursive: true });
  }

  console.log(`built ${files.length} modules into ${relative(process.cwd(), outdir) || '.'}/ (esm, cjs, browser${withTypes ? ', types' : ''})`);
}

/** Whether this file is the script node runs (also through a symlink), rather than imported for its exports. */
function isMain() {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false; // argv[1] is no file: not a script run
  }
}

if (isMain()) await main(process.argv.slice(2));
