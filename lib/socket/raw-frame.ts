/** One received websocket frame: a text frame as a string, a binary frame as bytes. */
export type RawFrame = string | Uint8Array;

/**
 * The frame carried by a `message` event's `data`: strings stay strings; ArrayBuffers and
 * byte views (a Node Buffer included) become a plain Uint8Array over the same bytes. Returns
 * undefined for anything else (a Blob, when a socket ignored `binaryType = 'arraybuffer'`).
 */
export function toRawFrame(data: unknown): RawFrame | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}
