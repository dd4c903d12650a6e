import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { BusEventCodec, BusEventType, decodeOrThrow, type BusEvent } from '../../codecs/index.js';
import type { CoreBlock, CoreBlockSource } from '../core-block.js';

/** Where the bus events of a recording come from. */
const ROUTE = 'recording';

/**
 * Core blocks replayed from a recorded event stream: one event-bus JSON object a line (as
 * `/api/v2/stream/event/bus` sends each element of `events`), gzipped or not.
 *
 * Blocks are cut at BEGIN_BLOCK / END_BLOCK, not by height: a real recording can repeat a height
 * (the vendored one has two blocks at height 1, before and after a checkpoint restore). Each event
 * is decoded with the v0.79 codec when its block is read; a line that is not a bus event, or
 * events outside a BEGIN_BLOCK ... END_BLOCK pair, fail with the line number.
 */
export class RecordingSource implements CoreBlockSource {
  private next = 0;

  private constructor(
    private readonly lines: readonly string[],
    /** Where the lines came from, for error messages. */
    readonly origin: string,
  ) {}

  /** Read a recording file (`.gz` is gunzipped). */
  static fromFile(path: string): RecordingSource {
    const bytes = readFileSync(path);
    const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    return RecordingSource.fromText(text, path);
  }

  /** Replay from JSON lines already in memory. */
  static fromText(text: string, origin = 'recording'): RecordingSource {
    return new RecordingSource(text.split('\n'), origin);
  }

  /** The next recorded block, or undefined at the end of the recording. */
  nextBlock(): CoreBlock | undefined {
    while (this.next < this.lines.length && (this.lines[this.next] as string).trim() === '') this.next += 1;
    if (this.next >= this.lines.length) return undefined;
    const first = this.event(this.next);
    if (first.type !== BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK || first.beginBlock === undefined) {
      throw this.problem(this.next, `expected a BEGIN_BLOCK event to start a block, got type ${first.type}`);
    }
    const events: BusEvent[] = [first];
    for (let line = this.next + 1; line < this.lines.length; line++) {
      if ((this.lines[line] as string).trim() === '') continue;
      const event = this.event(line);
      if (event.type === BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK) {
        throw this.problem(line, 'a BEGIN_BLOCK before the END_BLOCK of the previous block');
      }
      events.push(event);
      if (event.type === BusEventType.BUS_EVENT_TYPE_END_BLOCK) {
        this.next = line + 1;
        const begin = first.beginBlock;
        return { height: BigInt(begin.height), hash: begin.hash.toLowerCase(), timeNs: BigInt(begin.timestamp), events };
      }
    }
    throw this.problem(this.lines.length - 1, 'the recording ends inside a block (no END_BLOCK)');
  }

  private event(line: number): BusEvent {
    let json: unknown;
    try {
      json = JSON.parse(this.lines[line] as string);
    } catch (error) {
      throw this.problem(line, `not JSON (${(error as Error).message})`);
    }
    try {
      return decodeOrThrow(BusEventCodec, json, ROUTE, '$');
    } catch (error) {
      throw this.problem(line, (error as Error).message);
    }
  }

  private problem(line: number, what: string): Error {
    return new Error(`${this.origin} line ${line + 1}: ${what}. A recording holds one event-bus JSON object a line, BEGIN_BLOCK ... END_BLOCK per block.`);
  }
}
