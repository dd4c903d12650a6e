// The browser example's scripts, bundled in memory with the package's own browser build settings.
import { build, type BuildOptions, type BuildResult, type Plugin } from 'esbuild';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Built files by URL path (`/page.js`, `/page.js.map`…), contents as bytes. */
export type Assets = ReadonlyMap<string, Uint8Array>;

/** What esbuild.mjs exports (it is plain JavaScript, without declarations). */
interface PackageBuild {
  /** Swaps `ws` for the native WebSocket, as in every browser build of the package. */
  readonly browserWebSocket: Plugin;
  /** The options of dist/browser/vega-streams.bundle.js, all but where it goes. */
  readonly SELF_CONTAINED_BUNDLE: BuildOptions;
}

/** A computed specifier, so that TypeScript does not look for declarations esbuild.mjs does not have. */
const PACKAGE_BUILD = new URL('../../esbuild.mjs', import.meta.url).href;

/** Where esbuild would write: nothing is written, only the file names matter. */
const OUTDIR = fileURLToPath(new URL('out', import.meta.url));

/**
 * page.ts bundled for browsers, as an application's bundler would do with the package: its
 * source with `ws` swapped for the native WebSocket by the package's own plugin.
 */
export async function bundlePage(): Promise<Assets> {
  const { browserWebSocket } = (await import(PACKAGE_BUILD)) as PackageBuild;
  const entry = fileURLToPath(new URL('page.ts', import.meta.url));
  return assets(
    await build({
      entryPoints: { page: entry },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      keepNames: true, // error classes name themselves after their constructor
      sourcemap: true,
      outdir: OUTDIR,
      write: false,
      logLevel: 'warning',
      plugins: [browserWebSocket],
    }),
  );
}

/**
 * dist/browser/vega-streams.bundle.js (and its source map) exactly as `npm run build` makes it,
 * for pages that import the package without a bundler.
 */
export async function bundleSelfContained(): Promise<Assets> {
  const { SELF_CONTAINED_BUNDLE } = (await import(PACKAGE_BUILD)) as PackageBuild;
  return assets(await build({ ...SELF_CONTAINED_BUNDLE, outdir: OUTDIR, write: false, logLevel: 'warning' }));
}

function assets(result: BuildResult<{ write: false }>): Assets {
  return new Map(result.outputFiles.map((file) => [`/${basename(file.path)}`, file.contents]));
}
