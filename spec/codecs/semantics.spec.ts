import { expect } from 'chai';
import * as t from 'io-ts';
import {
  AccountBalanceCodec,
  AccountDetailsCodec,
  AccountType,
  BusEventType,
  EthCallSpecCodec,
  GovernanceDataCodec,
  int32,
  int64,
  LogNormalModelParamsCodec,
  map,
  message,
  NodeSignatureCodec,
  ObservePositionsResponseCodec,
  OrderCodec,
  OrderError,
  PositionCodec,
  PositionStatus,
  protoString,
  repeated,
  Side,
  SideCodec,
  StopOrderCodec,
  TradeCodec,
  TransferType,
  uint32,
  uint64,
  VoteValue,
  type Trade,
} from '../../lib/codecs/index.js';

function decode<A>(codec: t.Decoder<unknown, A>, value: unknown): A {
  const r = codec.decode(value);
  if (r._tag === 'Left') throw new Error(`unexpected failure: ${JSON.stringify(value)}`);
  return r.right;
}

function fails(codec: t.Decoder<unknown, unknown>, value: unknown): boolean {
  return codec.decode(value)._tag === 'Left';
}

const ALL_DEFAULT_TRADE: Trade = {
  id: '',
  marketId: '',
  price: '',
  size: '0',
  buyer: '',
  seller: '',
  aggressor: 0,
  buyOrder: '',
  sellOrder: '',
  timestamp: '0',
  type: 0,
  buyerAuctionBatch: '0',
  sellerAuctionBatch: '0',
  assetPrice: '',
};

describe('codecs: proto3 JSON semantics', () => {
  describe('defaults', () => {
    it('decodes {} to a full object of zero values, sub-messages absent', () => {
      const trade = decode(TradeCodec, {});
      expect(trade).to.deep.equal(ALL_DEFAULT_TRADE);
      expect(trade).to.not.have.property('buyerFee');
      expect(trade).to.not.have.property('sellerFee');
    });

    it('treats null exactly like an absent key', () => {
      const nulls = Object.fromEntries(Object.keys(ALL_DEFAULT_TRADE).map((k) => [k, null]));
      expect(decode(TradeCodec, { ...nulls, buyerFee: null })).to.deep.equal(ALL_DEFAULT_TRADE);
    });

    it('defaults repeated fields to [] and maps to {}', () => {
      const g = decode(GovernanceDataCodec, {});
      expect(g.yes).to.deep.equal([]);
      expect(g.no).to.deep.equal([]);
      expect(g.yesParty).to.deep.equal({});
      expect(g.noParty).to.deep.equal({});
      expect(g).to.not.have.property('proposal');
      const a = decode(GovernanceDataCodec, {});
      expect(a.yes).to.not.equal(g.yes, 'a fresh array per object');
    });

    it('defaults bool to false, numbers to 0, enums to 0', () => {
      const p = decode(PositionCodec, {});
      expect(p.openVolume).to.equal('0');
      expect(p.positionStatus).to.equal(PositionStatus.POSITION_STATUS_UNSPECIFIED);
      const o = decode(OrderCodec, {});
      expect(o.postOnly).to.equal(false);
      expect(o.side).to.equal(Side.SIDE_UNSPECIFIED);
      expect(decode(LogNormalModelParamsCodec, {})).to.deep.equal({ mu: 0, r: 0, sigma: 0 });
    });

    it('drops unknown fields', () => {
      const trade = decode(TradeCodec, { id: 'x', notAField: 1, __proto__field: true, price: '1' });
      expect(trade).to.deep.equal({ ...ALL_DEFAULT_TRADE, id: 'x', price: '1' });
      expect(trade).to.not.have.property('notAField');
    });

    it('keeps an own "__proto__" map key as data, not as the prototype', () => {
      const g = decode(GovernanceDataCodec, JSON.parse('{"yesParty":{"__proto__":{"partyId":"p"}}}'));
      expect(Object.getPrototypeOf(g.yesParty)).to.equal(Object.prototype);
      expect(Object.keys(g.yesParty)).to.deep.equal(['__proto__']);
    });
  });

  describe('presence (proto3 optional, scalar oneof members)', () => {
    it('leaves Order.reason and Order.icebergOrder out when absent, keeps them when set (0 included)', () => {
      const absent = decode(OrderCodec, { id: 'o' });
      expect(absent).to.not.have.property('reason');
      expect(absent).to.not.have.property('icebergOrder');
      const zero = decode(OrderCodec, { reason: 0 });
      expect(zero).to.have.property('reason', OrderError.ORDER_ERROR_UNSPECIFIED);
      const set = decode(OrderCodec, { reason: 'ORDER_ERROR_MARGIN_CHECK_FAILED', icebergOrder: {} });
      expect(set.reason).to.equal(OrderError.ORDER_ERROR_MARGIN_CHECK_FAILED);
      expect(set.icebergOrder).to.deep.equal({ peakSize: '0', minimumVisibleSize: '0', reservedRemaining: '0' });
    });

    it('AccountBalance.parentPartyId and AccountDetails.owner/marketId have presence', () => {
      expect(decode(AccountBalanceCodec, {})).to.not.have.property('parentPartyId');
      expect(decode(AccountBalanceCodec, { parentPartyId: '' })).to.have.property('parentPartyId', '');
      const d = decode(AccountDetailsCodec, { type: 4 });
      expect(d).to.deep.equal({ assetId: '', type: AccountType.ACCOUNT_TYPE_GENERAL });
      expect(decode(AccountDetailsCodec, { owner: 'network' })).to.have.property('owner', 'network');
    });

    it('StopOrder trigger oneof members (price / trailingPercentOffset) stay absent unless set', () => {
      const s = decode(StopOrderCodec, { price: '100' });
      expect(s.price).to.equal('100');
      expect(s).to.not.have.property('trailingPercentOffset');
      expect(s).to.not.have.property('expiresAt');
      expect(s.createdAt).to.equal('0');
    });
  });

  describe('64-bit integers and decimals', () => {
    it('keeps int64 as strings, negative ones included', () => {
      expect(decode(int64, '-6795364573871345152')).to.equal('-6795364573871345152');
      expect(decode(PositionCodec, { openVolume: '-1000' }).openVolume).to.equal('-1000');
      expect(decode(int64, '9223372036854775807')).to.equal('9223372036854775807');
      expect(decode(int64, '-9223372036854775808')).to.equal('-9223372036854775808');
    });

    it('accepts a safe-integer JSON number for int64/uint64 and turns it into a string', () => {
      expect(decode(int64, -42)).to.equal('-42');
      expect(decode(uint64, 42)).to.equal('42');
      expect(fails(uint64, 2 ** 53)).to.equal(true);
      expect(fails(int64, 1.5)).to.equal(true);
      expect(fails(uint64, -1)).to.equal(true);
    });

    it('rejects malformed or out-of-range 64-bit strings', () => {
      for (const bad of ['', '1e3', '0x10', ' 1', '1.0', '+1', '--1']) expect(fails(int64, bad), bad).to.equal(true);
      expect(fails(uint64, '-1')).to.equal(true);
      expect(fails(int64, '9223372036854775808')).to.equal(true);
      expect(fails(int64, '-9223372036854775809')).to.equal(true);
      expect(decode(uint64, '18446744073709551615')).to.equal('18446744073709551615');
      expect(fails(uint64, '18446744073709551616')).to.equal(true);
      expect(decode(uint64, '000000000000000000001')).to.equal('000000000000000000001');
    });

    it('keeps decimals far beyond 2^53 exactly', () => {
      const big = '28622711830042755512027966.0239715486758806';
      const t1 = decode(TradeCodec, { price: big, size: '123456789012345678' });
      expect(t1.price).to.equal(big);
      expect(t1.size).to.equal('123456789012345678');
    });

    it('decodes int32/uint32 numbers and doubles, with NaN/Infinity spelled as strings', () => {
      expect(decode(int32, -5)).to.equal(-5);
      expect(decode(uint32, '7')).to.equal(7);
      expect(fails(uint32, -1)).to.equal(true);
      expect(fails(int32, 2 ** 31)).to.equal(true);
      const p = decode(LogNormalModelParamsCodec, { mu: 'NaN', r: 'Infinity', sigma: '-Infinity' });
      expect(p.mu).to.be.NaN;
      expect(p.r).to.equal(Infinity);
      expect(p.sigma).to.equal(-Infinity);
      expect(decode(LogNormalModelParamsCodec, { mu: 0.0001 }).mu).to.equal(0.0001);
      expect(fails(LogNormalModelParamsCodec, { mu: 'fast' })).to.equal(true);
    });

    it('keeps bytes as base64 text and rejects other text', () => {
      expect(decode(NodeSignatureCodec, { sig: 'AQID+/8=' }).sig).to.equal('AQID+/8=');
      expect(fails(NodeSignatureCodec, { sig: 'not base64!' })).to.equal(true);
    });

    it('keeps google.protobuf.Value items as any JSON', () => {
      const spec = decode(EthCallSpecCodec, { args: [1, 'two', null, { three: [3] }] });
      expect(spec.args).to.deep.equal([1, 'two', null, { three: [3] }]);
    });
  });

  describe('enums', () => {
    it('decodes names to numbers and keeps numbers, unknown ones included', () => {
      expect(decode(SideCodec, 'SIDE_SELL')).to.equal(2);
      expect(decode(SideCodec, 1)).to.equal(Side.SIDE_BUY);
      expect(decode(SideCodec, 100)).to.equal(100);
      const r = decode(ObservePositionsResponseCodec, { updates: { positions: [{ positionStatus: 100 }] } });
      expect(r.updates?.positions[0]?.positionStatus).to.equal(100);
    });

    it('rejects unknown names, non-integers and other JSON types', () => {
      expect(fails(SideCodec, 'SIDE_SIDEWAYS')).to.equal(true);
      expect(fails(SideCodec, 'side_buy')).to.equal(true);
      expect(fails(SideCodec, 1.5)).to.equal(true);
      expect(fails(SideCodec, true)).to.equal(true);
      expect(fails(TradeCodec, { aggressor: 'BUY' })).to.equal(true);
    });

    it('exports TypeScript enums that map both ways with the real wire numbers', () => {
      expect(BusEventType.BUS_EVENT_TYPE_MARKET).to.equal(101);
      expect(BusEventType.BUS_EVENT_TYPE_TX_ERROR).to.equal(201);
      expect(BusEventType[101]).to.equal('BUS_EVENT_TYPE_MARKET');
      expect(AccountType.ACCOUNT_TYPE_BOND).to.equal(9);
      expect(AccountType[8]).to.equal(undefined);
      expect(AccountType[24]).to.equal(undefined);
      expect(AccountType.ACCOUNT_TYPE_REWARD_RELATIVE_RETURN).to.equal(25);
      expect(AccountType.ACCOUNT_TYPE_LOCKED_FOR_STAKING).to.equal(34);
      expect(PositionStatus.POSITION_STATUS_DISTRESSED).to.equal(4);
      expect(PositionStatus[3]).to.equal(undefined);
      expect(TransferType.TRANSFER_TYPE_FEE_REFERRER_REWARD_DISTRIBUTE).to.equal(44);
      expect(OrderError.ORDER_ERROR_OFFSET_MUST_BE_GREATER_OR_EQUAL_TO_ZERO).to.equal(40);
      expect(VoteValue.VALUE_YES).to.equal(2);
    });
  });

  describe('shapes', () => {
    it('rejects a non-object where a message is expected, and non-arrays for repeated fields', () => {
      expect(fails(TradeCodec, [])).to.equal(true);
      expect(fails(TradeCodec, 'trade')).to.equal(true);
      expect(fails(TradeCodec, null)).to.equal(true);
      expect(fails(GovernanceDataCodec, { yes: {} })).to.equal(true);
      expect(fails(GovernanceDataCodec, { yesParty: [] })).to.equal(true);
      expect(fails(GovernanceDataCodec, { yes: [null] })).to.equal(true);
    });

    it('rejects wrong scalar types', () => {
      expect(fails(TradeCodec, { id: 1 })).to.equal(true);
      expect(fails(TradeCodec, { size: 'ten' })).to.equal(true);
      expect(fails(OrderCodec, { postOnly: 'true' })).to.equal(true);
    });

    it('is an ordinary io-ts type: is(), composition and message() over plain io-ts codecs', () => {
      expect(TradeCodec.is({})).to.equal(true);
      expect(TradeCodec.is(null)).to.equal(false);
      const Wrapper = message<{ trades: Trade[]; note?: string; labels: Record<string, string> }>(
        'Wrapper',
        () => ({ trades: repeated(TradeCodec), note: t.string, labels: map(protoString) }),
        [],
      );
      expect(decode(Wrapper, { trades: [{}] })).to.deep.equal({ trades: [ALL_DEFAULT_TRADE], labels: {} });
      expect(decode(Wrapper, { note: 'n', labels: { a: 'b' } })).to.deep.equal({
        trades: [],
        note: 'n',
        labels: { a: 'b' },
      });
      expect(fails(Wrapper, { note: 1 })).to.equal(true);
      expect(decode(t.array(TradeCodec), [{}])).to.deep.equal([ALL_DEFAULT_TRADE]);
    });

    it('returns the same output from the fast and the io-ts (context) paths', () => {
      const input = { trades: [{ id: 'a', size: 5, aggressor: 'SIDE_BUY', buyerFee: {} }] };
      const Trades = message<{ trades: Trade[] }>('Trades', () => ({ trades: repeated(TradeCodec) }), []);
      const fast = decode(Trades, input);
      const slow = Trades.validate(input, [{ key: '', type: Trades, actual: input }]);
      expect(slow._tag).to.equal('Right');
      expect(fast.trades[0]?.size).to.equal('5');
      if (slow._tag === 'Right') expect(slow.right).to.deep.equal(fast);
      const viaSlow = Trades.slow(input, [{ key: '', type: Trades, actual: input }]);
      if (viaSlow._tag === 'Right') expect(viaSlow.right).to.deep.equal(fast);
    });
  });
});
