import { expect } from 'chai';
import {
  BusEventCodec,
  OrderCodec,
  STREAM_RESPONSE_CODECS,
  TradeCodec,
  decodeOrThrow,
  type Order,
} from '../../lib/codecs/index.js';
import { encodeRest, encodeStream, goJson } from '../../lib/codecs/runtime/index.js';
import type { Decoder } from 'io-ts';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { loadSamples, resultOf } from '../support/samples.js';

/**
 * Docs examples that are not in stream encoding (INDEX.md: rendered with the REST marshaller, or
 * hand-written skeletons with empty arrays the stream would omit): they cannot round-trip.
 */
const NOT_STREAM_ENCODED = new Set([
  'trades__docs-ws-2023.json',
  'orders__docs-ws-2023-updates.json',
  'orders__docs-ws-snapshot-empty.json',
  'orders__docs-ws-updates-empty.json',
]);

describe('codecs: encoding (stream and REST forms)', () => {
  it('re-encodes every stream-encoded sample to exactly its original JSON', () => {
    const samples = loadSamples().filter((s) => s.sampleClass === 'ENVELOPE' && s.route !== undefined && !NOT_STREAM_ENCODED.has(s.file));
    expect(samples.length).to.be.at.least(25);
    for (const sample of samples) {
      const codec: Decoder<unknown, unknown> = STREAM_RESPONSE_CODECS[sample.route!];
      const result = resultOf(sample.body);
      const decoded = decodeOrThrow(codec, result, sample.route!);
      expect(encodeStream(codec, decoded), sample.file).to.deep.equal(result);
    }
  });

  it('re-encodes all 6,964 events of the recorded event stream exactly', () => {
    const lines = gunzipSync(readFileSync(new URL('../../vendor/vega-v0.79/recordings/system_tests.busevents.jsonl.gz', import.meta.url)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines).to.have.length(6964);
    for (const line of lines) {
      const event = JSON.parse(line) as unknown;
      expect(encodeStream(BusEventCodec, decodeOrThrow(BusEventCodec, event, '/api/v2/stream/event/bus', '$')), line.slice(0, 60)).to.deep.equal(event);
    }
  });

  it('leaves out defaults on streams but writes presence fields and set sub-messages even when zero', () => {
    const order = decodeOrThrow(OrderCodec, { id: 'o1', side: 1, reason: 0, peggedOrder: {} }, '/t', '$');
    expect(encodeStream(OrderCodec, order)).to.deep.equal({ id: 'o1', side: 1, reason: 0, peggedOrder: {} });
  });

  it('writes enum names, every default and null for unset sub-messages in the REST form', () => {
    const order: Order = decodeOrThrow(OrderCodec, { id: 'o1', side: 2, status: 5 }, '/t', '$');
    const rest = encodeRest(OrderCodec, order) as Record<string, unknown>;
    expect(rest).to.include({ id: 'o1', side: 'SIDE_SELL', status: 'STATUS_FILLED', size: '0', remaining: '0', price: '', postOnly: false, timeInForce: 'TIME_IN_FORCE_UNSPECIFIED' });
    expect(rest['peggedOrder']).to.equal(null);
    expect(rest['reason']).to.equal(null);
    // and it decodes back to the same value
    expect(decodeOrThrow(OrderCodec, rest, '/t', '$')).to.deep.equal(order);
  });

  it('keeps enum numbers the spec does not list, in both forms', () => {
    const trade = decodeOrThrow(TradeCodec, { aggressor: 7 }, '/t', '$');
    expect(encodeStream(TradeCodec, trade)).to.deep.equal({ aggressor: 7 });
    expect((encodeRest(TradeCodec, trade) as Record<string, unknown>)['aggressor']).to.equal(7);
  });

  it('writes JSON text as Go does: compact, with <, >, & and line separators escaped', () => {
    expect(goJson({ a: '<b>&\u2028' })).to.equal('{"a":"\\u003cb\\u003e\\u0026\\u2028"}');
  });
});
