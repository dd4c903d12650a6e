/**
 * Property: `decode({ onError: 'skip' })` over a random mix of good and bad frames emits exactly
 * the good frames, decoded, in order, and reports every bad frame on the side channel exactly
 * once, at its turn, with its typed error (a DecodeError naming the bad field's path; a
 * ProtocolError for a malformed text frame). An error frame from the node ends the stream with a
 * DataNodeError. Checked over `client.rawStream` (the fake data node) and over raw text frames.
 * Rules: docs/operators.md (decode), docs/reliability.md, docs/wire-format.md.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { DataNodeError, DecodeError, ProtocolError, STREAM_ROUTES, type RouteDefinition } from '../../lib/index.js';
import { decode, type SkippedFrameError } from '../../lib/operators/index.js';
import { fakeDataNode, type FakeRouteScripts } from '../../lib/testing/index.js';
import { goJson } from '../../lib/codecs/index.js';
import {
  FILTERS,
  SAMPLED_ROUTES,
  SAMPLES,
  applyRefused,
  applyTolerated,
  codecOf,
  errorFrameText,
  refusedChange,
  resultText,
  toleratedChange,
  wireJson,
  type SampledRoute,
} from './support/arbitraries.js';
import { jsonPath } from './support/codecs.js';
import { framesAt, inVirtualTime } from './support/virtual-time.js';

/** One frame of the mix and what `decode` must make of it. */
type Entry =
  | { readonly kind: 'good'; readonly text: string; readonly expected: unknown }
  | { readonly kind: 'bad'; readonly text: string; readonly path: string }
  | { readonly kind: 'malformed'; readonly text: string };

/** A good frame: a valid response, changed only in ways the decoder tolerates. */
function goodEntry(route: SampledRoute): fc.Arbitrary<Entry> {
  return fc.tuple(SAMPLES[route], fc.array(toleratedChange, { maxLength: 3 })).map(([sample, changes]) => {
    const { wire, expected } = applyTolerated(sample, changes);
    return { kind: 'good', text: goJson({ result: wire }), expected };
  });
}

/** A bad frame: a valid (possibly tolerably changed) response with one value its field refuses. */
function badEntry(route: SampledRoute): fc.Arbitrary<Entry> {
  return fc.tuple(SAMPLES[route], fc.array(toleratedChange, { maxLength: 2 }), refusedChange).map(([sample, changes, change]) => {
    const { wire } = applyTolerated(sample, changes);
    const { text, path } = applyRefused(codecOf(sample.route), wire, change);
    return { kind: 'bad', text, path: jsonPath(path) };
  });
}

/** A text frame that is not a data-node message (docs/wire-format.md: a ProtocolError). */
function malformedEntry(route: SampledRoute): fc.Arbitrary<Entry> {
  const cut = fc.tuple(SAMPLES[route], fc.nat()).map(([sample, at]) => {
    const text = resultText(wireJson(sample));
    return text.slice(0, 1 + (at % (text.length - 1))); // a proper prefix of an object is never JSON
  });
  const notJson = fc.string({ maxLength: 20 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  });
  const notMessage = fc.constantFrom('[]', '5', 'null', 'true', '"result"', '{}', '{"foo":1}', '{"results":{}}', '{"result":{},"error":{"code":1}}');
  return fc.oneof(cut, notJson, notMessage).map((text) => ({ kind: 'malformed', text }));
}

/** The mix: a route, its frames, and maybe an error frame from the node at the end. */
function mix(withMalformed: boolean) {
  return fc.constantFrom(...SAMPLED_ROUTES).chain((route) =>
    fc.record({
      route: fc.constant(route),
      entries: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: goodEntry(route) },
          { weight: 2, arbitrary: badEntry(route) },
          { weight: withMalformed ? 1 : 0, arbitrary: malformedEntry(route) },
        ),
        { maxLength: 10 },
      ),
      end: fc.option(errorFrameText, { nil: undefined, freq: 2 }),
    }),
  );
}

/** What came out: values and skipped errors in one ordered log, and the end. */
interface Log {
  readonly events: ({ readonly value: unknown } | { readonly skipped: SkippedFrameError })[];
  readonly errors: unknown[];
  readonly open: number;
}

function expectLog(log: Log, entries: readonly Entry[], end: string | undefined): void {
  expect(log.events.length, 'one event per frame').to.equal(entries.length);
  entries.forEach((entry, i) => {
    const event = log.events[i] as Log['events'][number];
    const at = `frame ${i}: ${entry.text.slice(0, 200)}`;
    if (entry.kind === 'good') {
      expect(event, at).to.have.property('value');
      expect((event as { value: unknown }).value, at).to.deep.equal(entry.expected);
    } else {
      expect(event, at).to.have.property('skipped');
      const error = (event as { skipped: SkippedFrameError }).skipped;
      if (entry.kind === 'bad') {
        expect(error, at).to.be.instanceOf(DecodeError);
        expect((error as DecodeError).path, at).to.equal(entry.path);
      } else {
        expect(error, at).to.be.instanceOf(ProtocolError);
      }
    }
  });
  if (end === undefined) expect(log.errors, 'no error without an error frame').to.deep.equal([]);
  else {
    expect(log.errors).to.have.length(1);
    expect(log.errors[0]).to.be.instanceOf(DataNodeError);
  }
  expect(log.open, 'no socket left open').to.equal(0);
}

describe('fuzz: decode({ onError: "skip" }) over random mixes of good and bad frames', function () {
  this.timeout(30_000);

  it('over client.rawStream: the good frames decoded in order, each bad one reported once with its DecodeError path', () => {
    fc.assert(
      fc.property(mix(false), ({ route, entries, end }) => {
        const texts = [...entries.map((e) => e.text), ...(end === undefined ? [] : [end])];
        const log = inVirtualTime((scheduler, { flush }) => {
          const script = framesAt(texts.map((frame, i) => ({ at: i + 1, frame })));
          const node = fakeDataNode({ scheduler, routes: { [route]: script } as FakeRouteScripts });
          const definition = STREAM_ROUTES[route] as unknown as RouteDefinition<unknown, unknown>;
          const events: Log['events'] = [];
          const errors: unknown[] = [];
          const subscription = node.client
            .rawStream(definition, FILTERS[route] ?? {})
            .pipe(decode({ route: definition, onError: 'skip', skipped: (error) => void events.push({ skipped: error }) }))
            .subscribe({ next: (value) => void events.push({ value }), error: (error) => void errors.push(error) });
          flush();
          subscription.unsubscribe();
          return { events, errors, open: node.openConnections().length };
        });
        expectLog(log, entries, end);
      }),
      { seed: 0x5eed_0101, numRuns: 300 },
    );
  });

  it('over raw text frames: the same, and each malformed text frame reported once as a ProtocolError', () => {
    fc.assert(
      fc.property(mix(true), ({ route, entries, end }) => {
        const texts = [...entries.map((e) => e.text), ...(end === undefined ? [] : [end])];
        const log = inVirtualTime((_scheduler, { flush }) => {
          const source = framesAt(texts.map((frame, i) => ({ at: i + 1, frame })));
          const definition = STREAM_ROUTES[route] as unknown as RouteDefinition<unknown, unknown>;
          const events: Log['events'] = [];
          const errors: unknown[] = [];
          const subscription = source
            .pipe(decode({ route: definition, onError: 'skip', skipped: { next: (error) => void events.push({ skipped: error }) } }))
            .subscribe({ next: (value) => void events.push({ value }), error: (error) => void errors.push(error) });
          flush();
          subscription.unsubscribe();
          return { events, errors, open: 0 };
        });
        expectLog(log, entries, end);
      }),
      { seed: 0x5eed_0102, numRuns: 300 },
    );
  });
});
