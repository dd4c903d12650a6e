// The vendored real event stream (vendor/vega-v0.79/recordings) as CoreBlocks, for the data-node
// specs only: the replay reader proper lives in lib/simulator/replay/.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { BusEventCodec, BusEventType, decodeOrThrow } from '../../../../lib/codecs/index.js';
import type { BusEvent } from '../../../../lib/codecs/index.js';
import type { CoreBlock } from '../../../../lib/simulator/core-block.js';

/** The recorded stream: 6,964 events of a 2023 system-test network, one JSON BusEvent a line. */
export const RECORDING_URL = new URL('../../../../vendor/vega-v0.79/recordings/system_tests.busevents.jsonl.gz', import.meta.url);

/** Every event of the recording, decoded (proto3 defaults filled in). */
export function recordedEvents(): BusEvent[] {
  const text = gunzipSync(readFileSync(RECORDING_URL)).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => decodeOrThrow(BusEventCodec, JSON.parse(line), '/api/v2/stream/event/bus', `$[${i}]`));
}

/** The height of an event, from its id `<height>-<index>`. */
function heightOf(event: BusEvent): bigint {
  return BigInt(event.id.split('-')[0] ?? '0');
}

/** Groups events into blocks by the height in their ids; time from BEGIN_BLOCK (or TIME_UPDATE). */
export function groupIntoBlocks(events: readonly BusEvent[]): CoreBlock[] {
  const blocks: CoreBlock[] = [];
  let current: BusEvent[] = [];
  let height: bigint | undefined;
  const close = (): void => {
    if (height === undefined || current.length === 0) return;
    const begin = current.find((e) => e.type === BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK)?.beginBlock;
    const update = current.find((e) => e.type === BusEventType.BUS_EVENT_TYPE_TIME_UPDATE)?.timeUpdate;
    const timeNs = BigInt(begin?.timestamp ?? update?.timestamp ?? '0');
    blocks.push({ height, hash: (current[0] as BusEvent).block.toLowerCase(), timeNs, events: current });
  };
  for (const event of events) {
    const h = heightOf(event);
    if (h !== height) {
      close();
      height = h;
      current = [];
    }
    current.push(event);
  }
  close();
  return blocks;
}

let cached: CoreBlock[] | undefined;

/** The recording as CoreBlocks (decoded once per process). */
export function recordedBlocks(): CoreBlock[] {
  return (cached ??= groupIntoBlocks(recordedEvents()));
}
