import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocket as NodeWebSocket } from 'ws';
import { LoopbackServer } from '../support/loopback-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the repo (gitignored) so that the built files resolve rxjs and io-ts from node_modules. */
const OUT = `${ROOT}.tmp/build-spec-${process.pid}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`);
}

describe('build (esbuild.mjs)', function () {
  this.timeout(120_000);

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--outdir', OUT], { cwd: ROOT, stdio: 'pipe' });
  });

  after(() => rmSync(OUT, { recursive: true, force: true }));

  it('writes every file the package exports map points at', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { exports: unknown };
    const targets: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === 'string') targets.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(pkg.exports);
    const built = targets.filter((t) => t.startsWith('./dist/'));
    expect(built.length).to.be.at.least(6);
    for (const target of built) expect(existsSync(`${OUT}/${target.slice('./dist/'.length)}`), target).to.equal(true);
  });

  it('the ESM build imports and exposes the client', async () => {
    const esm = (await import(pathToFileURL(`${OUT}/esm/index.js`).href)) as Record<string, unknown>;
    expect(esm['createClient']).to.be.a('function');
    expect(esm['BusEventType']).to.be.an('object');
    const SequenceGap = esm['SequenceGapError'] as new (market: string, problem: string) => Error;
    expect(new SequenceGap('m', 'p').name).to.equal('SequenceGapError');
    const operators = (await import(pathToFileURL(`${OUT}/esm/operators/index.js`).href)) as Record<string, unknown>;
    expect(operators['marketBook']).to.be.a('function');
    const testing = (await import(pathToFileURL(`${OUT}/esm/testing/index.js`).href)) as Record<string, unknown>;
    expect(testing['fakeDataNode']).to.be.a('function');
  });

  it('the CJS build can be required', () => {
    const cjs = createRequire(import.meta.url)(`${OUT}/cjs/index.js`) as Record<string, unknown>;
    expect(cjs['createClient']).to.be.a('function');
    expect(cjs['DecodeError']).to.be.a('function');
    const Decode = cjs['DecodeError'] as new (route: string, path: string, expected: string, actual: string) => Error;
    expect(new Decode('/r', '$.x', 'string', '1').name).to.equal('DecodeError');
    const operators = createRequire(import.meta.url)(`${OUT}/cjs/operators/index.js`) as Record<string, unknown>;
    expect(operators['retryBackoff']).to.be.a('function');
  });

  it('the browser builds never import ws', () => {
    for (const file of filesUnder(`${OUT}/browser`).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.to.match(/from\s*["']ws["']|require\(\s*["']ws["']\s*\)|import\(\s*["']ws["']\s*\)/);
    }
  });

  it('the self-contained browser bundle has no bare imports at all', () => {
    const code = readFileSync(`${OUT}/browser/vega-streams.bundle.js`, 'utf8');
    // `import … from "x"`, `import "x"` or `import("x")` with a bare specifier.
    expect(code).not.to.match(/\bimport\s*(?:[\w*{][^;"']*from\s*)?\(?\s*["'][^./"']/);
  });

  it('the self-contained browser bundle streams through the global WebSocket', async () => {
    const server = await LoopbackServer.start({
      onConnection: (socket) => socket.send('{"result":{"trades":[{"id":"t1","price":"100","size":"2"}]}}'),
    });
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    // Stand in for the browser's WebSocket with ws's W3C-compatible class, so the bundle's global lookup is exercised.
    global.WebSocket = NodeWebSocket;
    try {
      const bundle = (await import(pathToFileURL(`${OUT}/browser/vega-streams.bundle.js`).href)) as {
        createClient: (o: { nodes: string[]; pingIntervalMs: number }) => { trades: () => { subscribe: (o: object) => { unsubscribe: () => void } } };
      };
      const trades = await new Promise<unknown>((resolve, reject) => {
        const subscription = bundle.createClient({ nodes: [server.url], pingIntervalMs: 0 }).trades().subscribe({
          next: (response: unknown) => {
            resolve(response);
            queueMicrotask(() => subscription.unsubscribe());
          },
          error: reject,
        });
      });
      // Decoded by the bundled codecs: proto3 defaults are filled in.
      expect((trades as { trades: object[] }).trades[0]).to.deep.include({ id: 't1', price: '100', size: '2', buyer: '' });
      await server.waitForNoConnections();
    } finally {
      global.WebSocket = saved;
      await server.stop();
    }
  });

  it('keeps error class names in the minified bundle', async () => {
    const bundle = (await import(pathToFileURL(`${OUT}/browser/vega-streams.bundle.js`).href)) as Record<string, new (...args: unknown[]) => Error>;
    const DecodeErrorClass = bundle['DecodeError'];
    expect(new DecodeErrorClass!('/r', '$.x', 'string', '1').name).to.equal('DecodeError');
  });

  it('emits type declarations for the root entry', () => {
    expect(readFileSync(`${OUT}/types/index.d.ts`, 'utf8')).to.contain("from './client/index.js'");
    expect(readFileSync(`${OUT}/types/client/create-client.d.ts`, 'utf8')).to.contain('export declare function createClient');
  });
});
