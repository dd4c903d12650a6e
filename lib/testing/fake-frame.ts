import type { Decoder } from 'io-ts';
import { encodeStream, goJson } from '../codecs/index.js';
import type { RawFrame } from '../socket/index.js';

/** A data frame: a typed response, encoded as the node writes it (enums as numbers, defaults left out). */
export interface ResultFrame<R> {
  /** The decoded response of the route (build it with the testing builders). */
  readonly result: R;
}

/** One `vega.ErrorDetail` of an error frame (or anything else a test wants in `details`). */
export interface ErrorFrameDetail {
  /** `type.googleapis.com/vega.ErrorDetail` for a vega detail. */
  readonly '@type': string;
  /** The vega error code, e.g. 10010. */
  readonly code?: number;
  /** The vega error text, e.g. "internal stream failure". */
  readonly message?: string;
  /** The underlying cause, e.g. "channel closed". */
  readonly inner?: string;
}

/** A data-node error sent on a stream: `{"error":{code,message,details}}` (PROTOCOL.md section 3). */
export interface ErrorFrame {
  /** The gRPC status. */
  readonly error: {
    /** gRPC code, e.g. 13. */
    readonly code: number;
    /** Status message, e.g. "Internal error". */
    readonly message: string;
    /** The vega ErrorDetail(s), when the node sent one. */
    readonly details?: readonly ErrorFrameDetail[];
  };
}

/** The gateway's bare status, sent before a stream starts: `{"code":3,"message":"…"}`. */
export interface StatusFrame {
  /** gRPC code, e.g. 3 or 5. */
  readonly code: number;
  /** The gateway's message, e.g. "Not Found". */
  readonly message: string;
}

/**
 * What a route script emits, one value per websocket frame:
 * - a string: sent as is (bad JSON, hand-written frames, captured samples);
 * - a Uint8Array: a binary frame;
 * - `{ result }`: a typed response, encoded with the route's codec to the real wire JSON;
 * - `{ error }`: a data-node error frame; `{ code, message }`: a bare gateway status.
 */
export type FakeFrame<R> = string | Uint8Array | ResultFrame<R> | ErrorFrame | StatusFrame;

/**
 * The websocket frame a script value stands for, as the node would send it. Throws a TypeError
 * for a value that is none of the {@link FakeFrame} forms.
 */
export function wireFrame<R>(codec: Decoder<unknown, R>, frame: FakeFrame<R>): RawFrame {
  if (typeof frame === 'string' || frame instanceof Uint8Array) return frame;
  if (typeof frame === 'object' && frame !== null) {
    if ('result' in frame) return goJson({ result: encodeStream(codec, frame.result) });
    if ('error' in frame || ('code' in frame && 'message' in frame)) return goJson(frame);
  }
  throw new TypeError(
    `The fake data node cannot send ${describe(frame)}: a script value must be a string, a Uint8Array, { result }, { error } or { code, message }.`,
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object with keys ${JSON.stringify(Object.keys(value))}`;
  return `a ${typeof value}`;
}
