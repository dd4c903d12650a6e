/**
 * Property: whatever text frame the node sends, a real client over the fake data node (virtual
 * time) ends up with exactly one of: one decoded value of the codec's shape, or one typed error
 * (ProtocolError for what is not a data-node message, DecodeError with a `$` path for a schema
 * mismatch, DataNodeError for an error frame), delivered after the socket was released. Never a
 * plain TypeError or RangeError, never an exception escaping the subscription.
 * Rules: docs/wire-format.md (frames), docs/errors.md, docs/reliability.md ("Bad data never
 * crashes the process").
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { DataNodeError, DecodeError, ProtocolError, STREAM_ROUTES, type RouteDefinition } from '../../lib/index.js';
import { fakeDataNode, type FakeRouteScripts } from '../../lib/testing/index.js';
import { goJson } from '../../lib/codecs/index.js';
import {
  FILTERS,
  SAMPLED_ROUTES,
  applyTolerated,
  codecOf,
  deepValue,
  errorFrameText,
  frameMutation,
  mutateText,
  rawValue,
  resultText,
  toleratedChange,
  wireJson,
  wireSample,
  type SampledRoute,
} from './support/arbitraries.js';
import { isObject, shapeProblem } from './support/codecs.js';
import { inVirtualTime, recorder, type Outcome } from './support/virtual-time.js';

/** What one frame did to a subscription of `route`. */
interface FrameRun {
  readonly outcome: Outcome<unknown>;
  /** Sockets open after the flush (before unsubscribing) and after unsubscribing. */
  readonly openBefore: number;
  readonly openAfter: number;
}

/** Send one frame on `route` (it stays open after the frame) and record what the subscriber saw. */
function throughClient(route: SampledRoute, frame: string | Uint8Array): FrameRun {
  return inVirtualTime((scheduler, { cold, flush }) => {
    const routes = { [route]: cold('a', { a: frame }) } as FakeRouteScripts;
    const node = fakeDataNode({ scheduler, routes });
    const { outcome, observer } = recorder<unknown>(() => node.openConnections().length);
    const definition = STREAM_ROUTES[route] as unknown as RouteDefinition<unknown, unknown>;
    const subscription = node.client.stream(definition, FILTERS[route] ?? {}).subscribe(observer);
    flush();
    const openBefore = node.openConnections().length;
    subscription.unsubscribe();
    return { outcome, openBefore, openAfter: node.openConnections().length };
  });
}

type Allowed = 'value' | 'ProtocolError' | 'DecodeError' | 'DataNodeError';

/**
 * What docs/wire-format.md allows for a frame, read from the frame alone: `must` is the outcome
 * when the docs leave no doubt, `may` the acceptable ones otherwise.
 */
function allowedFor(frame: string | Uint8Array): { may: readonly Allowed[]; grpcCode?: number } {
  if (typeof frame !== 'string') return { may: ['ProtocolError'] };
  let body: unknown;
  try {
    body = JSON.parse(frame);
  } catch {
    return { may: ['ProtocolError'] };
  }
  if (!isObject(body)) return { may: ['ProtocolError'] };
  const has = (key: string) => Object.prototype.hasOwnProperty.call(body, key);
  if (has('result') && has('error')) return { may: ['ProtocolError'] };
  if (has('result')) return isObject(body['result']) ? { may: ['value', 'DecodeError'] } : { may: ['ProtocolError', 'DecodeError'] };
  const status = has('error') ? body['error'] : body;
  if (has('error') && !isObject(status)) return { may: ['ProtocolError'] };
  if (!has('error') && typeof body['code'] !== 'number') return { may: ['ProtocolError'] };
  const { code, message } = status as Record<string, unknown>;
  const clean = Number.isInteger(code) && (message === undefined || typeof message === 'string');
  return clean ? { may: ['DataNodeError'], grpcCode: code as number } : { may: ['DataNodeError', 'ProtocolError'] };
}

/** Check one frame's run against the rules; `route` gives the codec a value must match. */
function checkRun(route: SampledRoute, frame: string | Uint8Array, run: FrameRun): void {
  const { outcome } = run;
  const quoted = typeof frame === 'string' ? (frame.length > 300 ? `${frame.slice(0, 300)}… (${frame.length} characters)` : frame) : `<${frame.byteLength} bytes>`;
  expect(outcome.values.length + outcome.errors.length, `exactly one value or one error for ${quoted}`).to.equal(1);
  expect(outcome.completions, 'never completes').to.equal(0);
  const allowed = allowedFor(frame);
  if (outcome.values.length === 1) {
    expect(allowed.may, `a value for ${quoted}`).to.include('value');
    const problem = shapeProblem(codecOf(route), outcome.values[0]);
    expect(problem, `decoded value of ${quoted}`).to.equal(undefined);
    expect(run.openBefore, 'the socket stays open while the stream runs').to.equal(1);
  } else {
    const error = outcome.errors[0];
    const kind =
      error instanceof ProtocolError ? 'ProtocolError' : error instanceof DecodeError ? 'DecodeError' : error instanceof DataNodeError ? 'DataNodeError' : undefined;
    expect(kind, `a typed error for ${quoted}, got ${error instanceof Error ? `${error.constructor.name}: ${error.message.slice(0, 200)}` : String(error)}`).to.not.equal(undefined);
    expect(allowed.may, `${kind} for ${quoted}`).to.include(kind);
    if (error instanceof DecodeError) expect(error.path, 'a DecodeError path').to.match(/^\$/);
    if (error instanceof DataNodeError && allowed.grpcCode !== undefined) expect(error.grpcCode).to.equal(allowed.grpcCode);
    expect(outcome.openAtError, 'the socket is released before the error is delivered').to.deep.equal([0]);
  }
  expect(run.openAfter, 'no socket left open after unsubscribing').to.equal(0);
}

const routeName = fc.constantFrom(...SAMPLED_ROUTES);

/** A valid frame of the route, as text. */
const validText = wireSample.map((sample) => ({ route: sample.route as SampledRoute, frame: resultText(wireJson(sample)) }));

/** Random JSON in envelope-like shapes. */
const envelopeLike = fc
  .tuple(fc.constantFrom('result', 'error', 'bare', 'both', 'neither'), rawValue, rawValue)
  .map(([shape, a, b]) => {
    switch (shape) {
      case 'result':
        return `{"result":${a}}`;
      case 'error':
        return `{"error":${a}}`;
      case 'bare':
        return `{"code":${a},"message":${b}}`;
      case 'both':
        return `{"result":${a},"error":${b}}`;
      default:
        return `{"results":${a},"errors":${b}}`;
    }
  });

/** Any frame: valid ones broken 1-3 times, error frames broken or not, a route's frame on another route, random text and JSON, binary. */
const anyFrame: fc.Arbitrary<{ route: SampledRoute; frame: string | Uint8Array }> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(validText, fc.array(frameMutation(), { minLength: 1, maxLength: 3 })).map(([v, ms]) => ({ route: v.route, frame: ms.reduce(mutateText, v.frame) })) },
  { weight: 2, arbitrary: fc.tuple(routeName, errorFrameText, fc.array(frameMutation(), { maxLength: 2 })).map(([route, text, ms]) => ({ route, frame: ms.reduce(mutateText, text) })) },
  { weight: 1, arbitrary: fc.tuple(routeName, validText).map(([route, v]) => ({ route, frame: v.frame })) },
  { weight: 2, arbitrary: fc.tuple(routeName, envelopeLike).map(([route, frame]) => ({ route, frame })) },
  { weight: 1, arbitrary: fc.tuple(routeName, fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.json({ maxDepth: 3 }))).map(([route, frame]) => ({ route, frame })) },
  { weight: 1, arbitrary: fc.tuple(routeName, fc.uint8Array({ maxLength: 16 })).map(([route, frame]) => ({ route, frame })) },
);

describe('fuzz: frames through a real client over the fake data node', function () {
  this.timeout(30_000);

  it('a valid frame changed only in ways proto3 tolerates (unknown fields and enum numbers, enum names, numbers for int64, left-out and null fields) decodes to the same value', () => {
    fc.assert(
      fc.property(wireSample, fc.array(toleratedChange, { maxLength: 4 }), (sample, changes) => {
        const { wire, expected } = applyTolerated(sample, changes);
        const frame = goJson({ result: wire });
        const run = throughClient(sample.route as SampledRoute, frame);
        expect(run.outcome.errors, frame.slice(0, 300)).to.deep.equal([]);
        expect(run.outcome.values).to.have.length(1);
        expect(run.outcome.values[0]).to.deep.equal(expected);
        expect(run.openAfter).to.equal(0);
      }),
      { seed: 0x5eed_0001, numRuns: 600 },
    );
  });

  it('any frame (broken valid frames, broken error frames, random text, JSON and bytes) ends in one decoded value or one typed error, with the socket released', () => {
    fc.assert(
      fc.property(anyFrame, ({ route, frame }) => checkRun(route, frame, throughClient(route, frame))),
      { seed: 0x5eed_0002, numRuns: 1500 },
    );
  });

  it('deeply nested values anywhere in a frame end in a value or a typed error too (no RangeError from quoting the bad value)', () => {
    const deepMutation = fc.record({ kind: fc.constantFrom('replace' as const, 'add-field' as const), at: fc.nat(), key: fc.constantFrom('x', 'price'), deep: deepValue });
    fc.assert(
      fc.property(validText, deepMutation, (valid, { deep, ...mutation }) => {
        const frame = mutateText(valid.frame, { ...mutation, raw: deep.raw });
        checkRun(valid.route, frame, throughClient(valid.route, frame));
      }),
      { seed: 0x5eed_0003, numRuns: 150 },
    );
  });
});
