// The sample frames under spec/fixtures/samples (see its INDEX.md and PROVENANCE.md), for every spec.
import { readFileSync, readdirSync } from 'node:fs';
import type { StreamRoute } from '../../lib/codecs/index.js';

/** Folder of the vendored sample frames. */
export const SAMPLES_DIR = new URL('../fixtures/samples/', import.meta.url);

/** The class INDEX.md gives a sample: ENVELOPE, REST, GRAPHQL or NEGATIVE. */
export type SampleClass = 'ENVELOPE' | 'REST' | 'GRAPHQL' | 'NEGATIVE';

/** Sample file-name prefix -> stream route (`stream-error` samples have none). */
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

/** One sample file with its class and the route its name points at. */
export interface Sample {
  readonly file: string;
  /** The part of the name before `__`, e.g. `markets-depth-updates` or `stream-error`. */
  readonly prefix: string;
  readonly sampleClass: SampleClass;
  /** The route the name points at; undefined for `stream-error` samples. */
  readonly route: StreamRoute | undefined;
  /** The raw text of the file (pretty-printed). */
  readonly text: string;
  /** The parsed JSON body. */
  readonly body: unknown;
}

/** Every sample listed in INDEX.md, with its class; fails on a sample INDEX.md does not list. */
export function loadSamples(): Sample[] {
  const index = readFileSync(new URL('INDEX.md', SAMPLES_DIR), 'utf8');
  const classes = new Map<string, SampleClass>();
  for (const match of index.matchAll(/^\| `([^`]+\.json)` \| (ENVELOPE|REST|GRAPHQL|NEGATIVE)\b/gm)) {
    classes.set(match[1] as string, match[2] as SampleClass);
  }
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const sampleClass = classes.get(file);
      if (!sampleClass) throw new Error(`sample ${file} is not listed in INDEX.md`);
      const prefix = file.split('__')[0] ?? '';
      const text = readFileSync(new URL(file, SAMPLES_DIR), 'utf8');
      return { file, prefix, sampleClass, route: ROUTE_OF_PREFIX[prefix], text, body: JSON.parse(text) as unknown };
    });
}

/** A sample's JSON re-serialised compactly, as one websocket text frame (what the node sends). */
export function asFrame(sample: Sample): string {
  return JSON.stringify(sample.body);
}

/** The `result` member of a sample body (undefined when it has none). */
export function resultOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'result' in body ? (body as { result: unknown }).result : undefined;
}

/** The `result` of one sample file. */
export function sampleResult(file: string): unknown {
  return resultOf(JSON.parse(readFileSync(new URL(file, SAMPLES_DIR), 'utf8')));
}
