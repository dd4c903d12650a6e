// Accounts, orders, trades, governance and markets from hand-built events.
import { expect } from 'chai';
import { AccountType, BusEventType } from '../../../lib/codecs/index.js';
import { DataNode, Decimal } from '../../../lib/simulator/data-node/index.js';
import type { DataNodeBlock } from '../../../lib/simulator/data-node/index.js';
import {
  ALICE,
  ASSET,
  BOB,
  CANCELLED,
  FILLED,
  MARKET_A,
  MARKET_B,
  account,
  blockSequence,
  marketCreated,
  order,
  trade,
} from './support/builders.js';
import type { Json } from './support/builders.js';

describe('simulator/data-node: routes', () => {
  let node: DataNode;
  let next: ReturnType<typeof blockSequence>;
  const apply = (payloads: readonly Json[]): DataNodeBlock => node.apply(next(payloads));

  beforeEach(() => {
    node = new DataNode();
    next = blockSequence();
  });

  describe('accounts', () => {
    it('converts core accounts: owner "*" -> network, market "!" -> "", no id', () => {
      const out = apply([
        account({ owner: '*', balance: '500', type: AccountType.ACCOUNT_TYPE_INSURANCE, marketId: MARKET_A }),
        account({ owner: '*', balance: '7', type: AccountType.ACCOUNT_TYPE_GLOBAL_REWARD }),
        account({ owner: ALICE, balance: '100', type: AccountType.ACCOUNT_TYPE_GENERAL }),
      ]);
      expect(out.accounts).to.deep.equal([
        { owner: 'network', balance: '500', asset: ASSET, marketId: MARKET_A, type: AccountType.ACCOUNT_TYPE_INSURANCE },
        { owner: 'network', balance: '7', asset: ASSET, marketId: '', type: AccountType.ACCOUNT_TYPE_GLOBAL_REWARD },
        { owner: ALICE, balance: '100', asset: ASSET, marketId: '', type: AccountType.ACCOUNT_TYPE_GENERAL },
      ]);
      expect(node.partyIds()).to.include.members(['network', ALICE]);
    });

    it('publishes the last balance of each account touched in a block, in order of last update', () => {
      const out = apply([
        account({ owner: ALICE, balance: '100', type: AccountType.ACCOUNT_TYPE_GENERAL }),
        account({ owner: BOB, balance: '50', type: AccountType.ACCOUNT_TYPE_GENERAL }),
        account({ owner: ALICE, balance: '80', type: AccountType.ACCOUNT_TYPE_GENERAL }),
        account({ owner: ALICE, balance: '20', type: AccountType.ACCOUNT_TYPE_MARGIN, marketId: MARKET_A }),
      ]);
      expect(out.accounts.map((a) => [a.owner, a.type, a.balance])).to.deep.equal([
        [BOB, AccountType.ACCOUNT_TYPE_GENERAL, '50'],
        [ALICE, AccountType.ACCOUNT_TYPE_GENERAL, '80'],
        [ALICE, AccountType.ACCOUNT_TYPE_MARGIN, '20'],
      ]);
      expect(apply([]).accounts).to.deep.equal([]);
      expect(node.accountBalances({ partyId: ALICE }).map((a) => a.balance)).to.deep.equal(['80', '20']);
      expect(node.accountBalances({ partyId: ALICE, marketId: MARKET_A }).map((a) => a.balance)).to.deep.equal(['20']);
      expect(node.accountBalances({ type: AccountType.ACCOUNT_TYPE_GENERAL }).map((a) => a.owner)).to.deep.equal([ALICE, BOB]);
      expect(node.accountBalances({ asset: 'other' })).to.deep.equal([]);
    });
  });

  describe('orders', () => {
    it('sends an order created and filled in one block once, an amended order once per version', () => {
      const out = apply([
        order({ id: 'o1', price: '100', size: '5' }),
        order({ id: 'o2', price: '100', size: '5' }),
        order({ id: 'o1', price: '100', size: '5', remaining: '0', status: FILLED }),
        order({ id: 'o2', price: '101', size: '5', version: '2' }),
      ]);
      expect(out.orders.map((o) => `${o.id}/${o.version}/${o.status}/${o.price}`)).to.deep.equal([
        'o2/1/1/100',
        'o1/1/5/100',
        'o2/2/1/101',
      ]);
      expect(node.liveOrders().map((o) => o.id)).to.deep.equal(['o2']);
      expect(node.order('o1')?.status).to.equal(FILLED);
    });

    it('re-prints orders as the data node: times in µs, reason and pegged order only when set', () => {
      const out = apply([
        order({ id: 'o1', price: '100', size: '5', createdAt: '1700000000123456789', updatedAt: '1700000000123456999', reason: 0 }),
        order({ id: 'o2', price: '0', size: '5', peggedOrder: { reference: 0, offset: '0' }, reason: 13, status: 6 }),
      ]);
      const [o1, o2] = out.orders;
      expect([o1?.createdAt, o1?.updatedAt, o1?.expiresAt]).to.deep.equal(['1700000000123456000', '1700000000123456000', '0']);
      expect(o1 && 'reason' in o1).to.equal(false);
      expect(o2?.reason).to.equal(13);
      expect(o2 && 'peggedOrder' in o2).to.equal(false);
    });

    it('filters live orders by market, party and liquidity provision', () => {
      apply([
        order({ id: 'a', price: '100', size: '1' }),
        order({ id: 'b', price: '100', size: '1', partyId: BOB, marketId: MARKET_B }),
        order({ id: 'lp', price: '100', size: '1', liquidityProvisionId: 'f'.repeat(64) }),
        order({ id: 'c', price: '100', size: '1' }),
      ]);
      apply([order({ id: 'c', price: '100', size: '1', status: CANCELLED })]);
      expect(node.liveOrders().map((o) => o.id)).to.deep.equal(['a', 'b', 'lp']);
      expect(node.liveOrders({ marketIds: [MARKET_B] }).map((o) => o.id)).to.deep.equal(['b']);
      expect(node.liveOrders({ partyIds: [ALICE] }).map((o) => o.id)).to.deep.equal(['a', 'lp']);
      expect(node.liveOrders({ excludeLiquidity: true }).map((o) => o.id)).to.deep.equal(['a', 'b']);
    });
  });

  describe('trades', () => {
    it('re-prints trades as the data node: block time, both fee objects complete, no asset price', () => {
      const out = apply([
        trade({ id: 't1', price: '100', size: '2', buyer: ALICE, seller: BOB, timestamp: '5', assetPrice: '10000', sellerFee: { makerFee: '3' } }),
      ]);
      const [t] = out.trades;
      expect(t).to.include({ id: 't1', price: '100', size: '2', timestamp: out.timeNs.toString(), assetPrice: '' });
      expect(t?.buyerFee).to.deep.equal({
        makerFee: '0',
        infrastructureFee: '0',
        liquidityFee: '0',
        makerFeeVolumeDiscount: '0',
        infrastructureFeeVolumeDiscount: '0',
        liquidityFeeVolumeDiscount: '0',
        makerFeeReferrerDiscount: '0',
        infrastructureFeeReferrerDiscount: '0',
        liquidityFeeReferrerDiscount: '0',
        treasuryFee: '0',
        buyBackFee: '0',
        highVolumeMakerFee: '0',
      });
      expect(t?.sellerFee?.makerFee).to.equal('3');
    });
  });

  describe('governance and votes', () => {
    const proposal = (state: number): Json => ({
      type: BusEventType.BUS_EVENT_TYPE_PROPOSAL,
      proposal: { id: 'p'.repeat(64), reference: 'ref', partyId: ALICE, state, timestamp: '1' },
    });
    const vote = (party: string, value: number): Json => ({
      type: BusEventType.BUS_EVENT_TYPE_VOTE,
      vote: { partyId: party, value, proposalId: 'p'.repeat(64), timestamp: '2' },
    });

    it('publishes each proposal with the latest vote of each party, and each vote', () => {
      const first = apply([proposal(5)]);
      expect(first.governance.map((g) => [g.proposal?.state, g.yes.length, g.no.length])).to.deep.equal([[5, 0, 0]]);
      const voted = apply([vote(ALICE, 2), vote(BOB, 2), vote(BOB, 1)]);
      expect(voted.votes.map((v) => [v.partyId, v.value])).to.deep.equal([
        [ALICE, 2],
        [BOB, 2],
        [BOB, 1],
      ]);
      const passed = apply([proposal(6)]);
      const [g] = passed.governance;
      expect(g?.yes.map((v) => v.partyId)).to.deep.equal([ALICE]);
      expect(g?.no.map((v) => v.partyId)).to.deep.equal([BOB]);
      expect(node.proposals(ALICE)).to.have.length(1);
      expect(node.proposals(BOB)).to.have.length(0);
      expect(node.proposal('p'.repeat(64))?.proposal?.state).to.equal(6);
      expect(node.votes('p'.repeat(64))).to.have.length(2);
    });
  });

  describe('markets', () => {
    it('lists markets from MARKET_CREATED and MARKET_UPDATED, latest version first-created first', () => {
      const out = apply([marketCreated(MARKET_A, 2, 1), marketCreated(MARKET_B, 5, 3)]);
      expect(out.markets.map((m) => m.id)).to.deep.equal([MARKET_A, MARKET_B]);
      const updated = apply([{ type: BusEventType.BUS_EVENT_TYPE_MARKET_UPDATED, marketUpdated: { id: MARKET_A, decimalPlaces: '3', positionDecimalPlaces: '1' } }]);
      expect(updated.markets.map((m) => [m.id, m.decimalPlaces])).to.deep.equal([[MARKET_A, '3']]);
      expect(node.markets().map((m) => [m.id, m.decimalPlaces])).to.deep.equal([
        [MARKET_A, '3'],
        [MARKET_B, '5'],
      ]);
      expect(node.hasMarket(MARKET_B)).to.equal(true);
      expect(node.hasMarket('0'.repeat(64))).to.equal(false);
      expect(node.lastBlock?.height).to.equal(2n);
    });

    it('keeps the latest market data of each market', () => {
      apply([{ type: BusEventType.BUS_EVENT_TYPE_MARKET_DATA, marketData: { market: MARKET_A, markPrice: '5' } }]);
      expect(node.marketData(MARKET_A)?.markPrice).to.equal('5');
      expect(node.marketData(MARKET_B)).to.equal(undefined);
    });
  });

  describe('decimals', () => {
    it('computes exactly, divides at 16 digits and rounds half away from zero like shopspring/decimal', () => {
      expect(Decimal.parse('1.50').toString()).to.equal('1.5');
      expect(Decimal.parse('').toString()).to.equal('0');
      expect(Decimal.parse('-0.25').add(Decimal.parse('1')).toString()).to.equal('0.75');
      expect(Decimal.parse('123456789012345678901234567890').mul(Decimal.parse('10')).toString()).to.equal('1234567890123456789012345678900');
      expect(Decimal.of(2).div(Decimal.of(3)).toString()).to.equal('0.6666666666666667');
      expect(Decimal.of(-2).div(Decimal.of(3)).toString()).to.equal('-0.6666666666666667');
      expect([Decimal.parse('2.5').round(), Decimal.parse('-2.5').round(), Decimal.parse('2.49').round(), Decimal.parse('-2.51').round()]).to.deep.equal([
        3n,
        -3n,
        2n,
        -3n,
      ]);
      expect(Decimal.pow10(-2).mul(Decimal.of(150)).toString()).to.equal('1.5');
      expect(Decimal.parse('1e3').toString()).to.equal('1000');
    });
  });
});
