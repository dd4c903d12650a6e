/**
 * Real sample frames for the route pages, from spec/fixtures/samples (their INDEX.md gives the
 * class, fidelity and origin of each file). Only ENVELOPE samples (one websocket frame as the node
 * sends it) are shown.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../codegen/inputs.js';
import { code, inline } from './markdown.js';

export const SAMPLES_DIR = 'spec/fixtures/samples';

/** Which sample a route page shows, and which items of its main list are kept. */
export interface SampleChoice {
  /** File name under spec/fixtures/samples, e.g. `trades__vega-evt.json`. */
  readonly file: string;
  /** Indexes of the items kept in the frame's main list (default: the first only). */
  readonly keep?: readonly number[];
}

interface IndexEntry {
  readonly sampleClass: string;
  readonly fidelity: string;
  readonly origin: string;
}

let index: Map<string, IndexEntry> | undefined;

function fail(message: string): never {
  throw new Error(`generate-route-docs: ${message}`);
}

function readIndex(): Map<string, IndexEntry> {
  if (index !== undefined) return index;
  const text = readFileSync(path.join(REPO_ROOT, SAMPLES_DIR, 'INDEX.md'), 'utf8');
  const rows = new Map<string, { sampleClass: string; fidelity: string }>();
  for (const match of text.matchAll(/^\| `([^`]+\.json)` \| ([^|]+) \| ([^|]+) \|$/gm)) {
    rows.set(match[1] as string, { sampleClass: (match[2] as string).trim(), fidelity: (match[3] as string).trim() });
  }
  const origins = new Map<string, string>();
  for (const match of text.matchAll(/^### `([^`]+\.json)`\n- \*\*origin\*\*: (.+)$/gm)) {
    origins.set(match[1] as string, (match[2] as string).trim());
  }
  index = new Map([...rows].map(([file, row]) => [file, { ...row, origin: origins.get(file) ?? '' }]));
  return index;
}

/** The frame's main list: `result.<list>` or `result.<wrapper>.<list>`, as a path. */
function mainList(result: Record<string, unknown>): { path: string[]; items: unknown[] } | undefined {
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value)) return { path: [key], items: value };
    if (typeof value === 'object' && value !== null) {
      for (const [inner, list] of Object.entries(value)) {
        if (Array.isArray(list)) return { path: [key, inner], items: list };
      }
    }
  }
  return undefined;
}

/** The sample part of a route page: a provenance line and the (trimmed) frame as JSON. */
export function sampleSection(choice: SampleChoice, kebabName: string): string[] {
  const entry = readIndex().get(choice.file) ?? fail(`sample ${choice.file} is not listed in ${SAMPLES_DIR}/INDEX.md`);
  if (entry.sampleClass !== 'ENVELOPE') fail(`sample ${choice.file} is ${entry.sampleClass}, not an ENVELOPE (a frame as the node sends it)`);
  if (!choice.file.startsWith(`${kebabName}__`)) fail(`sample ${choice.file} is not a sample of the ${kebabName} route`);
  const body = JSON.parse(readFileSync(path.join(REPO_ROOT, SAMPLES_DIR, choice.file), 'utf8')) as { result?: Record<string, unknown> };
  const result = body.result ?? fail(`sample ${choice.file} has no result`);
  let note = '';
  const list = mainList(result);
  if (list !== undefined && list.items.length > 1) {
    const keep = choice.keep ?? [0];
    for (const i of keep) if (i < 0 || i >= list.items.length) fail(`sample ${choice.file}: no item ${i} in ${list.path.join('.')}`);
    const kept = keep.map((i) => list.items[i]);
    let parent: Record<string, unknown> = result;
    for (const key of list.path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    parent[list.path[list.path.length - 1] as string] = kept;
    const first = keep.length === 1 && keep[0] === 0;
    const which = first ? 'the first' : keep.length === 1 ? `item ${keep[0]}` : `items ${keep.join(', ')}`;
    note = ` Only ${which} of the ${list.items.length} items of ${code(list.path.join('.'))} ${keep.length === 1 ? 'is' : 'are'} shown${first ? '' : ' (counting from 0)'}.`;
  } else if (choice.keep !== undefined) {
    fail(`sample ${choice.file}: keep is set but the frame has no list of several items`);
  }
  return [
    `From ${code(`${SAMPLES_DIR}/${choice.file}`)}: ${inline(entry.fidelity)}.` +
      `${entry.origin ? ` Origin: ${inline(entry.origin)}.` : ''}${note}`,
    '',
    '```json',
    JSON.stringify(body, null, 2),
    '```',
  ];
}
