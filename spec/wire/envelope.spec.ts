import { expect } from 'chai';
import { parseEnvelope } from '../../lib/wire/index.js';
import { DataNodeError, ProtocolError } from '../../lib/errors/index.js';
import { asFrame, loadSamples } from '../support/samples.js';

const URL = 'ws://127.0.0.1:1/api/v2/stream/trades';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('wire: parseEnvelope', () => {
  it('returns the result member of a result frame', () => {
    expect(parseEnvelope('{"result":{"trades":[{"id":"a"}]}}', URL)).to.deep.equal({ trades: [{ id: 'a' }] });
  });

  it('returns an empty result object (an all-default response)', () => {
    expect(parseEnvelope('{"result":{}}', URL)).to.deep.equal({});
  });

  it('turns a wrapped stream error into a DataNodeError with the vega ErrorDetail', () => {
    const frame =
      '{"error":{"code":13,"message":"Internal error","details":[{"@type":"type.googleapis.com/vega.ErrorDetail","code":10010,"message":"internal stream failure","inner":"channel closed"}]}}';
    const error = thrown(() => parseEnvelope(frame, URL));
    expect(error).to.be.instanceOf(DataNodeError);
    const e = error as DataNodeError;
    expect(e.grpcCode).to.equal(13);
    expect(e.grpcName).to.equal('INTERNAL');
    expect(e.grpcMessage).to.equal('Internal error');
    expect(e.detail).to.deep.equal({ code: 10010, message: 'internal stream failure', inner: 'channel closed' });
    expect(e.form).to.equal('wrapped');
    expect(e.retryable).to.equal(true);
    expect(e.url).to.equal(URL);
    expect(e.message).to.contain('channel closed').and.to.contain('subscribe again after a delay');
  });

  it('turns a bare gateway status into a non-retryable DataNodeError', () => {
    const error = thrown(() => parseEnvelope('{"code":3,"message":"parsing field \\"type\\": \\"FOO\\" is not a valid value"}', URL));
    expect(error).to.be.instanceOf(DataNodeError);
    const e = error as DataNodeError;
    expect(e.form).to.equal('bare');
    expect(e.grpcName).to.equal('INVALID_ARGUMENT');
    expect(e.grpcMessage).to.contain('is not a valid value');
    expect(e.detail).to.equal(undefined);
    expect(e.retryable).to.equal(false);
  });

  it('marks unknown routes (bare NOT_FOUND) as not retryable', () => {
    const e = thrown(() => parseEnvelope('{"code":5,"message":"Not Found"}', URL)) as DataNodeError;
    expect(e.grpcName).to.equal('NOT_FOUND');
    expect(e.retryable).to.equal(false);
  });

  it('classifies retryability by gRPC code and vega detail', () => {
    const retryable = (frame: object): boolean => (thrown(() => parseEnvelope(JSON.stringify(frame), URL)) as DataNodeError).retryable;
    expect(retryable({ error: { code: 8, message: 'client reached max subscription allowed' } })).to.equal(true);
    expect(retryable({ error: { code: 14, message: 'unavailable' } })).to.equal(true);
    expect(retryable({ error: { code: 13, message: 'Internal error' } })).to.equal(true);
    const notFound = { '@type': 'type.googleapis.com/vega.ErrorDetail', code: 10000, message: 'no market found for id' };
    expect(retryable({ error: { code: 13, message: 'Internal error', details: [notFound] } })).to.equal(false);
    const candle = { '@type': 'type.googleapis.com/vega.ErrorDetail', code: 60002, message: 'candle not found' };
    expect(retryable({ error: { code: 13, message: 'Internal error', details: [candle] } })).to.equal(false);
    const missing = { '@type': 'type.googleapis.com/vega.ErrorDetail', code: 10024, message: 'missing proposal id or party id' };
    expect(retryable({ error: { code: 3, message: 'InvalidArgument error', details: [missing] } })).to.equal(false);
  });

  it('rejects binary frames with a ProtocolError', () => {
    const e = thrown(() => parseEnvelope(new Uint8Array([123, 125]), URL)) as ProtocolError;
    expect(e).to.be.instanceOf(ProtocolError);
    expect(e.problem).to.contain('binary frame of 2 bytes');
  });

  it('rejects bad JSON and quotes the start of the frame', () => {
    const frame = `{"result":{"trades":[${'x'.repeat(500)}`;
    const e = thrown(() => parseEnvelope(frame, URL)) as ProtocolError;
    expect(e).to.be.instanceOf(ProtocolError);
    expect(e.problem).to.contain('not JSON');
    expect(e.frameStart).to.match(/^"\{\\"result\\":\{\\"trades\\":\[x+"…$/);
    expect(e.frameStart.length).to.be.lessThan(200);
    expect(e.retryable).to.equal(false);
  });

  it('rejects frames with both or neither of result and error, and non-objects', () => {
    for (const frame of ['{"result":{},"error":{"code":2}}', '{"a":1}', '[]', '"text"', 'null', '{"result":[1]}', '{"error":"x"}']) {
      expect(thrown(() => parseEnvelope(frame, URL)), frame).to.be.instanceOf(ProtocolError);
    }
  });

  it('accepts a bare status without a message', () => {
    const e = thrown(() => parseEnvelope('{"code":14}', URL)) as DataNodeError;
    expect(e).to.be.instanceOf(DataNodeError);
    expect(e.grpcName).to.equal('UNAVAILABLE');
    expect(e.grpcMessage).to.equal('');
  });

  it('ignores error details that are not a list of vega ErrorDetails', () => {
    const e = thrown(() => parseEnvelope('{"error":{"code":13,"message":"x","details":{"code":1}}}', URL)) as DataNodeError;
    expect(e.detail).to.equal(undefined);
  });

  it('quotes a very long node message shortened, keeping the full text on the error', () => {
    const long = 'm'.repeat(5000);
    const e = thrown(() => parseEnvelope(JSON.stringify({ error: { code: 3, message: long } }), URL)) as DataNodeError;
    expect(e.grpcMessage).to.equal(long);
    expect(e.message.length).to.be.lessThan(600);
  });

  it('rejects error objects without an integer code', () => {
    expect(thrown(() => parseEnvelope('{"error":{"code":"13","message":"x"}}', URL))).to.be.instanceOf(ProtocolError);
  });

  describe('on the sample frames', () => {
    const samples = loadSamples();

    it('parses every ENVELOPE data sample to its result', () => {
      const data = samples.filter((s) => s.sampleClass === 'ENVELOPE' && s.route !== undefined);
      expect(data.length).to.be.greaterThan(30);
      for (const sample of data) {
        const result = parseEnvelope(asFrame(sample), URL);
        expect(result, sample.file).to.be.an('object');
      }
    });

    it('turns the stream-error samples into DataNodeErrors', () => {
      const maxSubs = samples.find((s) => s.file === 'stream-error__hb-mockws-maxsubs.json');
      const notFound = samples.find((s) => s.file === 'stream-error__hb-mockws-notfound.json');
      const e8 = thrown(() => parseEnvelope(asFrame(maxSubs!), URL)) as DataNodeError;
      expect(e8.grpcName).to.equal('RESOURCE_EXHAUSTED');
      expect(e8.retryable).to.equal(true);
      const e13 = thrown(() => parseEnvelope(asFrame(notFound!), URL)) as DataNodeError;
      expect(e13.detail?.code).to.equal(10000);
      expect(e13.detail?.message).to.contain('no market found');
    });

    it('rejects the NEGATIVE, REST and GraphQL samples as stream frames', () => {
      const others = samples.filter((s) => s.sampleClass !== 'ENVELOPE');
      expect(others.length).to.be.greaterThan(8);
      for (const sample of others) {
        expect(thrown(() => parseEnvelope(asFrame(sample), URL)), sample.file).to.be.instanceOf(ProtocolError);
      }
    });
  });
});
