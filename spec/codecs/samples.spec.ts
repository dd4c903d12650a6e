import { expect } from 'chai';
import type * as t from 'io-ts';
import {
  AccountType,
  BusEventType,
  decodeOrThrow,
  ObserveAccountsResponseCodec,
  ObserveEventBusResponseCodec,
  ObserveLedgerMovementsResponseCodec,
  ObserveMarketsDepthUpdatesResponseCodec,
  ObserveOrdersResponseCodec,
  ObservePositionsResponseCodec,
  ObserveTradesResponseCodec,
  ObserveTransactionResultsResponseCodec,
  OrderStatus,
  OrderTimeInForce,
  OrderType,
  PositionStatus,
  Side,
  STREAM_RESPONSE_CODECS,
  TradeType,
  TransferType,
} from '../../lib/codecs/index.js';
import { loadSamples, resultOf, ROUTE_OF_PREFIX, sampleResult } from '../support/samples.js';

function decodeSample<A>(codec: t.Decoder<unknown, A>, file: string, route: string): A {
  return decodeOrThrow(codec, sampleResult(file), route);
}

/** The response codec of a route, widened so any route can be used generically. */
function codecOf(route: string): t.Decoder<unknown, unknown> {
  return STREAM_RESPONSE_CODECS[route as keyof typeof STREAM_RESPONSE_CODECS];
}

describe('codecs: sample frames', () => {
  const samples = loadSamples();

  it('maps every sample prefix to a route with a response codec', () => {
    for (const s of samples) {
      if (s.prefix === 'stream-error') continue;
      const route = ROUTE_OF_PREFIX[s.prefix];
      expect(route, s.file).to.be.a('string');
      expect(codecOf(route as string), s.file).to.exist;
    }
    expect(Object.keys(STREAM_RESPONSE_CODECS)).to.have.length(15);
  });

  describe('ENVELOPE samples decode with their route response codec', () => {
    for (const s of samples.filter((x) => x.sampleClass === 'ENVELOPE' && x.prefix !== 'stream-error')) {
      it(s.file, () => {
        const route = ROUTE_OF_PREFIX[s.prefix] as string;
        const result = resultOf(s.body);
        expect(result, 'frame has a result').to.be.an('object');
        const decoded = decodeOrThrow(codecOf(route), result, route);
        expect(decoded).to.be.an('object');
      });
    }
  });

  describe('REST, GraphQL and NEGATIVE samples are not stream responses', () => {
    for (const s of samples.filter((x) => x.sampleClass !== 'ENVELOPE')) {
      it(`${s.file} (${s.sampleClass})`, () => {
        expect(resultOf(s.body), 'no result member').to.equal(undefined);
        const route = ROUTE_OF_PREFIX[s.prefix];
        if (route === undefined) return; // stream-error__*: not bound to a route
        // Where the body reuses a response field name with another shape, decoding it fails too.
        const codec = codecOf(route);
        const clash: Record<string, boolean> = {
          'trades__hb-rest-list.json': true, // trades: {edges: [...]} instead of an array
          'markets-data__hb-rest-latest.json': true, // marketData: {...} instead of an array
        };
        if (clash[s.file]) expect(() => decodeOrThrow(codec, s.body, route, '$')).to.throw();
      });
    }
  });

  describe('real values', () => {
    it('a removed depth level decodes to volume "0" and numberOfOrders "0"', () => {
      const route = '/api/v2/stream/markets/depth/updates';
      const r = decodeSample(ObserveMarketsDepthUpdatesResponseCodec, 'markets-depth-updates__hb-mockws.json', route);
      const update = r.update[0];
      expect(update?.buy).to.deep.equal([]);
      expect(update?.sell[0]).to.deep.equal({
        price: '2817447085',
        numberOfOrders: '0',
        volume: '0',
        ammVolume: '0',
        ammVolumeEstimated: '0',
      });
      expect(update?.sell[3]).to.include({ price: '2817747085', numberOfOrders: '1', volume: '833' });
      expect(update?.sequenceNumber).to.equal('1697590646276860086');
      expect(update?.previousSequenceNumber).to.equal('1697590619714643056');
    });

    it('a failed transaction result has status false and its failure', () => {
      const route = '/api/v2/stream/transaction-results';
      const r = decodeSample(ObserveTransactionResultsResponseCodec, 'transaction-results__vega-evt-failure.json', route);
      const tx = r.transactionResults[0];
      expect(tx?.status).to.equal(false);
      expect(tx?.failure?.error).to.match(/insufficient governance token/);
      expect(tx?.success).to.equal(undefined);
      expect(tx?.proposal?.terms?.closingTimestamp).to.equal('1678444021');
      const ok = decodeSample(ObserveTransactionResultsResponseCodec, 'transaction-results__vega-evt-success.json', route);
      expect(ok.transactionResults[0]?.status).to.equal(true);
    });

    it('keeps an unknown enum number (positionStatus 100) and defaults the flat openVolume', () => {
      const route = '/api/v2/stream/positions';
      const r = decodeSample(ObservePositionsResponseCodec, 'positions__hb-mockws-snapshot-badenum.json', route);
      const p = r.snapshot?.positions[0];
      expect(p?.positionStatus).to.equal(100);
      expect(p?.openVolume).to.equal('0');
      expect(p?.realisedPnl).to.equal('49335');
      expect(r.snapshot?.lastPage).to.equal(true);
      expect(r.updates).to.equal(undefined);
      const good = decodeSample(ObservePositionsResponseCodec, 'positions__hb-mockws-snapshot.json', route);
      expect(good.snapshot?.positions[0]?.positionStatus).to.equal(PositionStatus.POSITION_STATUS_CLOSED_OUT);
    });

    it('decodes the REST-rendered docs example (enum names, defaults emitted) to numbers', () => {
      const route = '/api/v2/stream/trades';
      const r = decodeSample(ObserveTradesResponseCodec, 'trades__docs-ws-2023.json', route);
      const t = r.trades[0];
      expect(t?.aggressor).to.equal(Side.SIDE_SELL).and.to.equal(2);
      expect(t?.type).to.equal(TradeType.TYPE_DEFAULT).and.to.equal(1);
      expect(t?.size).to.equal('38');
      expect(t?.buyerAuctionBatch).to.equal('0');
      expect(t?.sellerFee?.makerFee).to.equal('5');
      expect(t?.sellerFee?.treasuryFee).to.equal('');
    });

    it('decodes stream trades with enums as numbers and omitted zero values', () => {
      const route = '/api/v2/stream/trades';
      const r = decodeSample(ObserveTradesResponseCodec, 'trades__hb-mockob.json', route);
      expect(r.trades).to.have.length(4);
      const t = r.trades[0];
      expect(t?.aggressor).to.equal(Side.SIDE_SELL);
      expect(t?.buyerAuctionBatch).to.equal('0');
      expect(t?.sellerFee?.infrastructureFee).to.equal('29576');
      const evt = decodeSample(ObserveTradesResponseCodec, 'trades__vega-evt.json', route);
      expect(evt.trades[0]?.buyerFee).to.equal(undefined);
    });

    it('decodes REST-rendered orders (names, null sub-message) and stream orders', () => {
      const route = '/api/v2/stream/orders';
      const r = decodeSample(ObserveOrdersResponseCodec, 'orders__docs-ws-2023-updates.json', route);
      const o = r.updates?.orders[0];
      expect(o?.status).to.equal(OrderStatus.STATUS_EXPIRED);
      expect(o?.timeInForce).to.equal(OrderTimeInForce.TIME_IN_FORCE_GTT);
      expect(o?.type).to.equal(OrderType.TYPE_LIMIT);
      expect(o).to.not.have.property('peggedOrder');
      expect(o).to.not.have.property('reason');
      const evt = decodeSample(ObserveOrdersResponseCodec, 'orders__vega-evt-updates.json', route);
      const filled = evt.updates?.orders[0];
      expect(filled?.status).to.equal(OrderStatus.STATUS_FILLED);
      expect(filled?.remaining).to.equal('0');
      const empty = decodeSample(ObserveOrdersResponseCodec, 'orders__docs-ws-snapshot-empty.json', route);
      expect(empty).to.deep.equal({ snapshot: { orders: [], lastPage: true } });
    });

    it('decodes accounts with their AccountType numbers', () => {
      const route = '/api/v2/stream/accounts';
      const r = decodeSample(ObserveAccountsResponseCodec, 'accounts__vega-evt-snapshot.json', route);
      const a = r.snapshot?.accounts[0];
      expect(a?.type).to.equal(AccountType.ACCOUNT_TYPE_FEES_INFRASTRUCTURE);
      expect(a?.marketId).to.equal('');
      expect(a).to.not.have.property('parentPartyId');
    });

    it('decodes ledger movements with optional owner/marketId kept absent', () => {
      const route = '/api/v2/stream/ledger/movements';
      const r = decodeSample(ObserveLedgerMovementsResponseCodec, 'ledger-movements__vega-evt-1.json', route);
      const e = r.ledgerMovement?.entries[0];
      expect(e?.type).to.equal(TransferType.TRANSFER_TYPE_MARGIN_LOW);
      expect(e?.fromAccount?.owner).to.be.a('string');
      expect(e?.fromAccount).to.not.have.property('marketId');
      expect(e?.toAccount?.marketId).to.be.a('string');
      expect(e?.amount).to.equal('6095000000000000000000000');
      expect(e).to.not.have.property('transferId');
    });

    it('decodes one event of each recorded bus event type, TX_ERROR (201) included', () => {
      const route = '/api/v2/stream/event/bus';
      const r = decodeSample(ObserveEventBusResponseCodec, 'event-bus__vega-evt-one-per-type.json', route);
      const types = r.events.map((e) => e.type);
      expect(types).to.include(BusEventType.BUS_EVENT_TYPE_TX_ERROR);
      const txErr = r.events.find((e) => e.type === BusEventType.BUS_EVENT_TYPE_TX_ERROR);
      expect(txErr?.txErrEvent).to.be.an('object');
      const begin = r.events.find((e) => e.type === BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK);
      expect(begin?.beginBlock?.height).to.be.a('string');
      expect(begin?.version).to.equal(1);
    });
  });
});
