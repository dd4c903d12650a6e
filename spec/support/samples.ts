// Access to the sample frames under spec/fixtures/samples (see its INDEX.md and PROVENANCE.md).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folder of the vendored sample frames. */
export const SAMPLES_DIR = fileURLToPath(new URL('../fixtures/samples/', import.meta.url));

/** The class INDEX.md gives a sample: ENVELOPE, REST, GRAPHQL or NEGATIVE. */
export type SampleClass = 'ENVELOPE' | 'REST' | 'GRAPHQL' | 'NEGATIVE';

/** One sample file with its class and the route its name points at. */
export interface Sample {
  readonly file: string;
  readonly sampleClass: SampleClass;
  /** Route path, e.g. `/api/v2/stream/markets/depth/updates`; '' for `stream-error` samples. */
  readonly route: string;
  /** The raw text of the file (one frame for ENVELOPE samples, pretty-printed). */
  readonly text: string;
}

const PREFIX_ROUTES: Readonly<Record<string, string>> = {
  accounts: 'accounts',
  'candle-data': 'candle/data',
  'event-bus': 'event/bus',
  governance: 'governance',
  'ledger-movements': 'ledger/movements',
  'liquidity-provisions': 'liquidity-provisions',
  'margin-levels': 'margin/levels',
  'markets-data': 'markets/data',
  'markets-depth': 'markets/depth',
  'markets-depth-updates': 'markets/depth/updates',
  orders: 'orders',
  positions: 'positions',
  trades: 'trades',
  'transaction-results': 'transaction-results',
  votes: 'votes',
};

/** All samples listed in INDEX.md, with their class. */
export function loadSamples(): Sample[] {
  const index = readFileSync(`${SAMPLES_DIR}INDEX.md`, 'utf8');
  const classes = new Map<string, SampleClass>();
  for (const match of index.matchAll(/^\| `([^`]+\.json)` \| (ENVELOPE|REST|GRAPHQL|NEGATIVE)/gm)) {
    classes.set(match[1] as string, match[2] as SampleClass);
  }
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const sampleClass = classes.get(file);
      if (!sampleClass) throw new Error(`sample ${file} is not listed in INDEX.md`);
      const prefix = file.split('__')[0] ?? '';
      const route = PREFIX_ROUTES[prefix];
      return {
        file,
        sampleClass,
        route: route ? `/api/v2/stream/${route}` : '',
        text: readFileSync(`${SAMPLES_DIR}${file}`, 'utf8'),
      };
    });
}

/** A sample's JSON re-serialised compactly, as one websocket text frame (what the node sends). */
export function asFrame(sample: Sample): string {
  return JSON.stringify(JSON.parse(sample.text));
}
