import { expect } from 'chai';
import { buildQuery, candleId, candleIdProblem, isPartyId, isVegaId, type ParamSpec } from '../../lib/wire/index.js';
import { BadRequestError } from '../../lib/errors/index.js';

const ROUTE = '/api/v2/stream/test';
const A = 'a'.repeat(64);
const B = '0123456789abcdef'.repeat(4);

/** A small enum object shaped like a TypeScript numeric enum. */
const Colour = { COLOUR_UNSPECIFIED: 0, COLOUR_RED: 1, COLOUR_BLUE: 4, 0: 'COLOUR_UNSPECIFIED', 1: 'COLOUR_RED', 4: 'COLOUR_BLUE' } as const;

const PARAMS: readonly ParamSpec[] = [
  { name: 'marketIds', kind: 'id', repeated: true },
  { name: 'partyId', kind: 'partyId' },
  { name: 'batchSize', kind: 'count' },
  { name: 'hashes', kind: 'hash', repeated: true },
  { name: 'excludeLiquidity', kind: 'bool' },
  { name: 'colour', kind: 'enum', enumType: { values: Colour, name: 'test.Colour' } },
];

function refusal(filters: Record<string, unknown>, params: readonly ParamSpec[] = PARAMS): BadRequestError {
  try {
    buildQuery(ROUTE, params, filters);
  } catch (error) {
    expect(error).to.be.instanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a BadRequestError');
}

describe('wire: buildQuery', () => {
  it('writes nothing for no filters', () => {
    expect(buildQuery(ROUTE, PARAMS, {})).to.equal('');
  });

  it('writes arrays as repeated camelCase keys in parameter order', () => {
    expect(buildQuery(ROUTE, PARAMS, { partyId: B, marketIds: [A, B] })).to.equal(`?marketIds=${A}&marketIds=${B}&partyId=${B}`);
  });

  it('leaves out undefined values', () => {
    expect(buildQuery(ROUTE, PARAMS, { marketIds: undefined, partyId: undefined })).to.equal('');
  });

  it('refuses an empty list, which the node would treat as no filter at all', () => {
    expect(refusal({ marketIds: [] }).message).to.contain('"marketIds"').and.to.contain('empty list');
  });

  it('refuses a value JSON cannot quote (a bigint) with a BadRequestError, not a crash', () => {
    expect(() => buildQuery('/api/v2/stream/event/bus', [{ name: 'batchSize', kind: 'count' }], { batchSize: 10n })).to.throw(BadRequestError, /"batchSize".*must be a number \(got a bigint: 10\)/);
  });

  it('accepts "network" as a party id but not as a market id', () => {
    expect(buildQuery(ROUTE, PARAMS, { partyId: 'network' })).to.equal('?partyId=network');
    expect(refusal({ marketIds: ['network'] }).parameter).to.equal('marketIds');
  });

  it('writes counts in decimal and refuses negative or fractional ones', () => {
    expect(buildQuery(ROUTE, PARAMS, { batchSize: 50 })).to.equal('?batchSize=50');
    expect(refusal({ batchSize: -1 }).message).to.contain('whole number >= 0');
    expect(refusal({ batchSize: 1.5 }).parameter).to.equal('batchSize');
    expect(refusal({ batchSize: '5' }).parameter).to.equal('batchSize');
  });

  it('writes booleans, false included (false can be a meaningful filter)', () => {
    expect(buildQuery(ROUTE, PARAMS, { excludeLiquidity: false })).to.equal('?excludeLiquidity=false');
  });

  it('writes enums by name, given a name or a number', () => {
    expect(buildQuery(ROUTE, PARAMS, { colour: 4 })).to.equal('?colour=COLOUR_BLUE');
    expect(buildQuery(ROUTE, PARAMS, { colour: 'COLOUR_RED' })).to.equal('?colour=COLOUR_RED');
  });

  it('accepts transaction hashes in either case', () => {
    expect(buildQuery(ROUTE, PARAMS, { hashes: [A.toUpperCase()] })).to.equal(`?hashes=${A.toUpperCase()}`);
  });

  it('refuses an unknown filter name, naming it and the known ones', () => {
    const e = refusal({ marketId: A });
    expect(e.parameter).to.equal('marketId');
    expect(e.message).to.contain('unknown filter').and.to.contain('marketIds, partyId');
  });

  it('refuses malformed ids, naming the parameter', () => {
    expect(refusal({ marketIds: [A, 'BTCUSD'] }).message).to.contain('"marketIds"').and.to.contain('"BTCUSD" is not a Vega id');
    expect(refusal({ partyId: A.toUpperCase() }).parameter).to.equal('partyId');
    expect(refusal({ partyId: A.slice(1) }).parameter).to.equal('partyId');
  });

  it('refuses empty strings, which the node would treat as "match nothing"', () => {
    expect(refusal({ partyId: '' }).message).to.contain('is empty');
  });

  it('refuses a scalar where an array is expected, and the reverse', () => {
    expect(refusal({ marketIds: A }).message).to.contain('must be an array');
    expect(refusal({ partyId: [A] }).message).to.contain('must be a string');
  });

  it('refuses unknown enum names and numbers, listing the valid names', () => {
    expect(refusal({ colour: 'COLOUR_GREEN' }).message).to.contain('COLOUR_RED, COLOUR_BLUE');
    expect(refusal({ colour: 2 }).parameter).to.equal('colour');
  });

  it('refuses non-boolean booleans', () => {
    expect(refusal({ excludeLiquidity: 'yes' }).message).to.contain('true or false');
  });

  it('refuses a missing required parameter', () => {
    const params: readonly ParamSpec[] = [{ name: 'candleId', kind: 'candleId', required: true }];
    expect(refusal({}, params).message).to.contain('"candleId"').and.to.contain('is required');
  });

  it('URL-encodes values', () => {
    const params: readonly ParamSpec[] = [{ name: 'candleId', kind: 'candleId' }];
    expect(buildQuery(ROUTE, params, { candleId: candleId(A, '1_minute') })).to.equal(`?candleId=trades_candle_1_minute_${A}`);
  });
});

describe('wire: ids and candle ids', () => {
  it('accepts 64 lowercase hex and "network" as Vega ids', () => {
    expect(isVegaId(A)).to.equal(true);
    expect(isVegaId('network')).to.equal(false); // a market id can never be `network`
    expect(isPartyId('network')).to.equal(true);
    expect(isPartyId(A)).to.equal(true);
    expect(isVegaId(A.toUpperCase())).to.equal(false);
    expect(isVegaId(`${A}0`)).to.equal(false);
  });

  it('builds and checks candle ids', () => {
    expect(candleId(B, '7_days')).to.equal(`trades_candle_7_days_${B}`);
    expect(candleIdProblem(candleId(B, 'block'))).to.equal(undefined);
    expect(candleIdProblem(`trades_candle_2_minutes_${B}`)).to.contain('not a candle interval');
    expect(candleIdProblem('trades_candle_1_minute_BTC')).to.contain('not a market id');
    expect(candleIdProblem('candle')).to.contain('is not a candle id');
  });
});
