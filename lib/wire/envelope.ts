import { isJsonObject as isObject } from '../codecs/runtime/proto-type.js';
import { DataNodeError, ProtocolError, quoteFrame, type VegaErrorDetail } from '../errors/index.js';

/** The `@type` of the detail a data-node error carries. */
const VEGA_ERROR_DETAIL_TYPE = 'type.googleapis.com/vega.ErrorDetail';

/** gRPC UNKNOWN, used when an error frame omits its code. */
const UNKNOWN_CODE = 2;

type JsonObject = Record<string, unknown>;

/**
 * Parse one websocket frame from a data-node stream and return its `result` member.
 *
 * - `{"result": …}` returns the response object.
 * - `{"error": {code, message, details}}` (stream error) and the bare gateway status
 *   `{"code", "message"}` throw a {@link DataNodeError}.
 * - Anything else (a binary frame, bad JSON, both or neither of `result` / `error`) throws a
 *   {@link ProtocolError} quoting the start of the frame.
 *
 * @param frame the frame as received: text as a string, binary as bytes.
 * @param url the socket URL, for error messages.
 */
export function parseEnvelope(frame: string | Uint8Array, url: string): JsonObject {
  if (typeof frame !== 'string') {
    throw new ProtocolError(url, `binary frame of ${frame.byteLength} bytes (the data node sends text frames only)`, `<${frame.byteLength} bytes>`);
  }
  let body: unknown;
  try {
    body = JSON.parse(frame);
  } catch (cause) {
    throw new ProtocolError(url, `not JSON (${(cause as Error).message})`, quoteFrame(frame));
  }
  return envelopeResult(body, url, frame);
}

/**
 * {@link parseEnvelope} for a frame already parsed from JSON: its `result`, or the same typed
 * errors. `frame` is the text to quote in errors; without it the body is written back (only when
 * an error is thrown).
 */
export function envelopeResult(body: unknown, url: string, frame?: string): JsonObject {
  if (!isObject(body)) {
    throw new ProtocolError(url, 'a JSON value that is not an object', quoted(body, frame));
  }
  const result = body['result'];
  const error = body['error'];
  if (result !== undefined && error !== undefined) {
    throw new ProtocolError(url, 'both "result" and "error"', quoted(body, frame));
  }
  if (result !== undefined) {
    if (!isObject(result)) throw new ProtocolError(url, '"result" is not an object', quoted(body, frame));
    return result;
  }
  if (error !== undefined) {
    if (!isObject(error)) throw new ProtocolError(url, '"error" is not an object', quoted(body, frame));
    throw statusError(error, url, 'wrapped', body, frame);
  }
  if (typeof body['code'] === 'number') {
    throw statusError(body, url, 'bare', body, frame);
  }
  throw new ProtocolError(url, 'neither "result" nor "error"', quoted(body, frame));
}

/**
 * The frame as quoted in an error: its text, or the parsed body written back. Called only when
 * an error is thrown (no closure per frame on the hot path).
 */
function quoted(body: unknown, frame: string | undefined): string {
  return quoteFrame(frame ?? jsonText(body));
}

/** A parsed body as text, for quoting (a value JSON cannot write is named instead). */
function jsonText(body: unknown): string {
  try {
    return JSON.stringify(body) ?? String(body);
  } catch {
    return `<${Array.isArray(body) ? 'array' : typeof body} that JSON cannot write>`;
  }
}

/** Build the typed error for a google.rpc.Status object (wrapped or bare). */
function statusError(status: JsonObject, url: string, form: 'wrapped' | 'bare', body: unknown, frame: string | undefined): DataNodeError {
  const code = status['code'] ?? UNKNOWN_CODE;
  const message = status['message'] ?? '';
  if (typeof code !== 'number' || !Number.isInteger(code) || typeof message !== 'string') {
    throw new ProtocolError(url, 'an error status without an integer "code" or with a "message" that is not a string', quoted(body, frame));
  }
  return new DataNodeError(url, code, message, vegaDetail(status['details']), form);
}

/** The first vega.ErrorDetail among a status's details, if any. */
function vegaDetail(details: unknown): VegaErrorDetail | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (!isObject(detail) || detail['@type'] !== VEGA_ERROR_DETAIL_TYPE) continue;
    const { code, message, inner } = detail;
    return {
      code: typeof code === 'number' ? code : 0,
      message: typeof message === 'string' ? message : '',
      inner: typeof inner === 'string' ? inner : '',
    };
  }
  return undefined;
}
