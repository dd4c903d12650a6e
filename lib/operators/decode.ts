import { Observable, Subscription, type Observer, type OperatorFunction } from 'rxjs';
import { decodeOrThrow } from '../codecs/index.js';
import type { RouteDefinition } from '../endpoints/index.js';
import { DecodeError, ProtocolError } from '../errors/index.js';
import { envelopeResult, parseEnvelope } from '../wire/index.js';

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
  /**
   * What an object in the source is: `'results'` (default) a frame's `result`, as
   * `client.rawStream` emits; `'envelopes'` a whole parsed frame (`{"result": …}` or
   * `{"error": …}`). Strings and bytes are always whole text frames.
   */
  readonly input?: 'results' | 'envelopes';
}

/**
 * Decode raw results (from `client.rawStream`), raw text frames or, with `input: 'envelopes'`,
 * parsed frames (`{"result": …}`) with a route's codec, with a
 * choice of what a bad frame does. Decoding follows proto3: omitted fields take their defaults,
 * unknown fields are ignored, enum names and unknown enum numbers decode.
 *
 * @example
 * client.rawStream(tradesRoute, { marketIds: [id] }).pipe(
 *   decode({ route: tradesRoute, onError: 'skip', skipped: (e) => console.warn(e.message) }),
 * );
 */
export function decode<R>(config: DecodeConfig<R>): OperatorFunction<unknown, R> {
  const { route, onError = 'fail', skipped, input = 'results' } = config;
  if (onError !== 'fail' && onError !== 'skip') {
    throw new RangeError(`decode: onError must be 'fail' or 'skip', got ${JSON.stringify(onError)}.`);
  }
  if (input !== 'results' && input !== 'envelopes') {
    throw new RangeError(`decode: input must be 'results' or 'envelopes', got ${JSON.stringify(input)}.`);
  }
  const report = typeof skipped === 'function' ? skipped : (error: SkippedFrameError) => skipped?.next?.(error);
  return (source) =>
    new Observable<R>((subscriber) => {
      const upstream = new Subscription();
      /** End with an error, the source (its socket) released first. */
      const fail = (error: unknown): void => {
        upstream.unsubscribe();
        subscriber.error(error);
      };
      upstream.add(source.subscribe({
        next: (value) => {
          let decoded: R;
          try {
            decoded = decodeOrThrow(route.codec, resultOf(value, route.path, input), route.path);
          } catch (error) {
            if (onError === 'skip' && (error instanceof DecodeError || error instanceof ProtocolError)) {
              try {
                report(error);
              } catch (thrown) {
                fail(thrown); // a throwing side channel fails the stream, as in tap
              }
              return;
            }
            fail(error);
            return;
          }
          subscriber.next(decoded);
        },
        error: (error: unknown) => fail(error),
        complete: () => subscriber.complete(),
      }));
      return upstream;
    });
}

/**
 * The `result` to decode: text frames go through the envelope parser; with `'envelopes'`, so do
 * parsed frames; any other value is the `result` itself.
 */
function resultOf(value: unknown, path: string, input: 'results' | 'envelopes'): unknown {
  if (typeof value === 'string' || value instanceof Uint8Array) return parseEnvelope(value, path);
  if (value instanceof ArrayBuffer) return parseEnvelope(new Uint8Array(value), path);
  return input === 'results' ? value : envelopeResult(value, path);
}
