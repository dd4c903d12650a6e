import { expect } from 'chai';
import * as t from 'io-ts';
import {
  decodeOrThrow,
  ObserveEventBusResponseCodec,
  ObserveGovernanceResponseCodec,
  ObserveMarketsDepthResponseCodec,
  ObserveTradesResponseCodec,
  quoteValue,
} from '../../lib/codecs/index.js';
import { DecodeError } from '../../lib/errors/index.js';
import { sampleResult } from '../support/samples.js';

/** Deep copy of a sample's result, for corrupting one field. */
function resultCopy(file: string): Record<string, unknown> {
  return structuredClone(sampleResult(file)) as Record<string, unknown>;
}

function catchDecodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(DecodeError);
    return e as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describe('codecs: DecodeError', () => {
  it('names the route, the JSON path with array indices, what was expected and what came', () => {
    const route = '/api/v2/stream/trades';
    const result = resultCopy('trades__hb-mockob.json');
    const trades = result.trades as Record<string, unknown>[];
    (trades[2] as Record<string, unknown>).size = 12.5;
    const err = catchDecodeError(() => decodeOrThrow(ObserveTradesResponseCodec, result, route));
    expect(err.route).to.equal(route);
    expect(err.path).to.equal('$.result.trades[2].size');
    expect(err.expected).to.equal('uint64 (decimal string)');
    expect(err.actual).to.equal('12.5');
    expect(err.retryable).to.equal(false);
    expect(err.kind).to.equal('decode');
    expect(err.message).to.contain('$.result.trades[2].size').and.to.contain('uint64 (decimal string)');
  });

  it('reports an unknown enum name deep in an event bus frame', () => {
    const route = '/api/v2/stream/event/bus';
    const result = resultCopy('event-bus__vega-evt-one-per-type.json');
    const events = result.events as Record<string, unknown>[];
    const i = events.findIndex((e) => e.order !== undefined);
    expect(i).to.be.greaterThan(-1);
    ((events[i] as Record<string, unknown>).order as Record<string, unknown>).side = 'SIDE_MIDDLE';
    const err = catchDecodeError(() => decodeOrThrow(ObserveEventBusResponseCodec, result, route));
    expect(err.path).to.equal(`$.result.events[${i}].order.side`);
    expect(err.expected).to.equal('enum vega.Side (number or name)');
    expect(err.actual).to.equal('"SIDE_MIDDLE"');
  });

  it('reports a wrong shape: an object where a message list is expected, and a wrong map value', () => {
    const depth = catchDecodeError(() =>
      decodeOrThrow(ObserveMarketsDepthResponseCodec, { marketDepth: [{ buy: {} }] }, '/api/v2/stream/markets/depth'),
    );
    expect(depth.path).to.equal('$.result.marketDepth[0].buy');
    expect(depth.expected).to.equal('array of vegaPriceLevel');
    expect(depth.actual).to.equal('{}');

    const gov = catchDecodeError(() =>
      decodeOrThrow(
        ObserveGovernanceResponseCodec,
        { data: { yesParty: { 'party-1': { value: 'VALUE_YES' }, 'party 2': 'yes' } } },
        '/api/v2/stream/governance',
      ),
    );
    expect(gov.path).to.equal('$.result.data.yesParty["party 2"]');
    expect(gov.expected).to.equal('object vegaVote');
    expect(gov.actual).to.equal('"yes"');
  });

  it('reports a result that is not an object at the base path, which can be changed', () => {
    const err = catchDecodeError(() => decodeOrThrow(ObserveTradesResponseCodec, [], '/api/v2/stream/trades'));
    expect(err.path).to.equal('$.result');
    expect(err.expected).to.equal('object v2ObserveTradesResponse');
    expect(err.actual).to.equal('[]');
    const other = catchDecodeError(() =>
      decodeOrThrow(ObserveTradesResponseCodec, { trades: [{ id: 7 }] }, '/x', '$'),
    );
    expect(other.path).to.equal('$.trades[0].id');
    expect(other.expected).to.equal('string');
  });

  it('works with plain io-ts decoders too', () => {
    const err = catchDecodeError(() => decodeOrThrow(t.type({ a: t.array(t.number) }), { a: [1, 'x'] }, '/r'));
    expect(err.path).to.equal('$.result.a[1]');
    expect(err.expected).to.equal('number');
    expect(err.actual).to.equal('"x"');
  });

  it('shortens long values', () => {
    const long = 'x'.repeat(500);
    expect(quoteValue(long)).to.have.length.lessThan(100);
    expect(quoteValue(long).endsWith('…')).to.equal(true);
    expect(quoteValue(undefined)).to.equal('undefined');
    expect(quoteValue(NaN)).to.equal('NaN');
  });

  it('returns the decoded value when nothing is wrong', () => {
    const r = decodeOrThrow(ObserveTradesResponseCodec, {}, '/api/v2/stream/trades');
    expect(r).to.deep.equal({ trades: [] });
  });
});
