/** Shared helpers of the codec specs: the sample frames and their classes (samples/INDEX.md). */
import { readdirSync, readFileSync } from 'node:fs';
import type { StreamRoute } from '../../lib/codecs/index.js';

export const SAMPLES_DIR = new URL('../fixtures/samples/', import.meta.url);

/** Sample file-name prefix -> stream route. */
export const ROUTE_OF_PREFIX: Readonly<Record<string, StreamRoute>> = {
  accounts: '/api/v2/stream/accounts',
  'candle-data': '/api/v2/stream/candle/data',
  'event-bus': '/api/v2/stream/event/bus',
  governance: '/api/v2/stream/governance',
  'ledger-movements': '/api/v2/stream/ledger/movements',
  'liquidity-provisions': '/api/v2/stream/liquidity-provisions',
  'margin-levels': '/api/v2/stream/margin/levels',
  'markets-data': '/api/v2/stream/markets/data',
  'markets-depth': '/api/v2/stream/markets/depth',
  'markets-depth-updates': '/api/v2/stream/markets/depth/updates',
  orders: '/api/v2/stream/orders',
  positions: '/api/v2/stream/positions',
  trades: '/api/v2/stream/trades',
  'transaction-results': '/api/v2/stream/transaction-results',
  votes: '/api/v2/stream/votes',
};

export type SampleClass = 'ENVELOPE' | 'REST' | 'GRAPHQL' | 'NEGATIVE';

export interface Sample {
  readonly file: string;
  readonly prefix: string;
  readonly sampleClass: SampleClass;
  readonly body: unknown;
}

/** Every sample listed in samples/INDEX.md, with its class and parsed body. */
export function loadSamples(): Sample[] {
  const index = readFileSync(new URL('INDEX.md', SAMPLES_DIR), 'utf8');
  const classes = new Map<string, SampleClass>();
  for (const m of index.matchAll(/^\| `([^`]+\.json)` \| (ENVELOPE|REST|GRAPHQL|NEGATIVE)\b/gm)) {
    classes.set(m[1] as string, m[2] as SampleClass);
  }
  const files = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json'));
  return files.sort().map((file) => {
    const sampleClass = classes.get(file);
    if (sampleClass === undefined) throw new Error(`${file} is not listed in samples/INDEX.md`);
    return {
      file,
      prefix: file.split('__')[0] as string,
      sampleClass,
      body: JSON.parse(readFileSync(new URL(file, SAMPLES_DIR), 'utf8')) as unknown,
    };
  });
}

/** The `result` member of a sample body (undefined when it has none). */
export function resultOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'result' in body
    ? (body as { result: unknown }).result
    : undefined;
}

/** Reads a sample's result. */
export function sampleResult(file: string): unknown {
  return resultOf(JSON.parse(readFileSync(new URL(file, SAMPLES_DIR), 'utf8')));
}
