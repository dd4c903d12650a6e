import { Observable, type Observer, type OperatorFunction } from 'rxjs';
import { decodeOrThrow } from '../codecs/index.js';
import type { RouteDefinition } from '../endpoints/index.js';
import { DecodeError, ProtocolError } from '../errors/index.js';
import { parseEnvelope } from '../wire/index.js';

/** What {@link decode} does with a frame that does not decode. */
export type DecodeErrorPolicy = 'fail' | 'skip';

/** A frame {@link decode} skipped, and why. */
export type SkippedFrameError = DecodeError | ProtocolError;

/** Configuration of {@link decode}. */
export interface DecodeConfig<R> {
  /** The route whose codec to apply (e.g. `tradesRoute`); its path names the route in errors. */
  readonly route: RouteDefinition<never, R>;
  /**
   * `'fail'` (default): the first frame that does not decode fails the stream with its
   * DecodeError (or a ProtocolError for a malformed text frame). `'skip'`: such a frame is left
   * out, reported on `skipped`, and the stream goes on. Error frames from the node
   * (DataNodeError) always fail the stream: they end it on the node's side too.
   */
  readonly onError?: DecodeErrorPolicy;
  /** The side channel of skipped frames (with `onError: 'skip'`): an observer or a callback. */
  readonly skipped?: Partial<Observer<SkippedFrameError>> | ((error: SkippedFrameError) => void);
}

/**
 * Decode raw results (from `client.rawStream`), raw text frames or parsed envelopes
 * (`{"result": …}`) with a route's codec, with a
 * choice of what a bad frame does. Decoding follows proto3: omitted fields take their defaults,
 * unknown fields are ignored, enum names and unknown enum numbers decode.
 *
 * @example
 * client.rawStream(tradesRoute, { marketIds: [id] }).pipe(
 *   decode({ route: tradesRoute, onError: 'skip', skipped: (e) => console.warn(e.message) }),
 * );
 */
export function decode<R>(config: DecodeConfig<R>): OperatorFunction<unknown, R> {
  const { route, onError = 'fail', skipped } = config;
  if (onError !== 'fail' && onError !== 'skip') {
    throw new RangeError(`decode: onError must be 'fail' or 'skip', got ${JSON.stringify(onError)}.`);
  }
  const report = typeof skipped === 'function' ? skipped : (error: SkippedFrameError) => skipped?.next?.(error);
  return (source) =>
    new Observable<R>((subscriber) =>
      source.subscribe({
        next: (value) => {
          let decoded: R;
          try {
            decoded = decodeOrThrow(route.codec, resultOf(value, route.path), route.path);
          } catch (error) {
            if (onError === 'skip' && (error instanceof DecodeError || error instanceof ProtocolError)) {
              try {
                report(error);
              } catch (thrown) {
                subscriber.error(thrown); // a throwing side channel fails the stream, as in tap
              }
              return;
            }
            subscriber.error(error);
            return;
          }
          subscriber.next(decoded);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}

/**
 * The `result` to decode: raw text frames go through the envelope parser, and so does a parsed
 * envelope (an object whose only key is `result` or `error`), which would otherwise decode to
 * an all-default response since proto3 ignores unknown fields.
 */
function resultOf(value: unknown, path: string): unknown {
  if (typeof value === 'string' || value instanceof Uint8Array) return parseEnvelope(value, path);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'result' || keys[0] === 'error')) return parseEnvelope(JSON.stringify(value), path);
  }
  return value;
}
