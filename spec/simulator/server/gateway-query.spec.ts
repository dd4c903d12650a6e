import { expect } from 'chai';
import { AccountType } from '../../../lib/codecs/index.js';
import { accountsRoute, ordersRoute, positionsRoute } from '../../../lib/endpoints/index.js';
import { GatewayQueryError, parseGatewayQuery, protoName } from '../../../lib/simulator/server/gateway-query.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function refusal(query: string, route = accountsRoute): string {
  try {
    parseGatewayQuery(query, route.params);
  } catch (error) {
    expect(error).to.be.instanceOf(GatewayQueryError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('simulator server: gateway query parsing', () => {
  it('takes proto or JSON names, repeated keys, and ignores unknown keys', () => {
    expect(parseGatewayQuery(`market_ids=${A}&marketIds=${B}&partyIds=${A}&bogus=1&market.id=x`, ordersRoute.params)).to.deep.equal({
      marketIds: [A, B],
      partyIds: [A],
    });
  });

  it('does not split commas, and key[]= adds an empty element', () => {
    expect(parseGatewayQuery(`marketIds=${A},${B}&marketIds[]=`, ordersRoute.params)).to.deep.equal({ marketIds: [`${A},${B}`, ''] });
  });

  it('sets an empty string for key= (which then matches nothing)', () => {
    expect(parseGatewayQuery('marketId=', accountsRoute.params)).to.deep.equal({ marketId: '' });
  });

  it('takes enum names or numbers', () => {
    expect(parseGatewayQuery('type=ACCOUNT_TYPE_GENERAL', accountsRoute.params)).to.deep.equal({ type: AccountType.ACCOUNT_TYPE_GENERAL });
    expect(parseGatewayQuery('type=4', accountsRoute.params)).to.deep.equal({ type: 4 });
  });

  it('takes Go bool forms', () => {
    for (const [text, value] of [['true', true], ['1', true], ['T', true], ['False', false], ['0', false]] as const) {
      expect(parseGatewayQuery(`includeDerivedParties=${text}`, positionsRoute.params)).to.deep.equal({ includeDerivedParties: value });
    }
  });

  it('refuses bad values with the gateway\'s exact texts, naming the proto field', () => {
    expect(refusal('type=FOO')).to.equal('parsing field "type": "FOO" is not a valid value');
    expect(refusal('type=8')).to.equal('parsing field "type": "8" is not a valid value');
    expect(refusal('include_derived_parties=yes')).to.equal('parsing field "include_derived_parties": strconv.ParseBool: parsing "yes": invalid syntax');
    expect(refusal('partyId=a&party_id=b')).to.equal('too many values for field "party_id": a, b');
  });

  it('derives proto names from JSON names', () => {
    expect(protoName('includeDerivedParties')).to.equal('include_derived_parties');
    expect(protoName('candleId')).to.equal('candle_id');
    expect(protoName('type')).to.equal('type');
  });
});
