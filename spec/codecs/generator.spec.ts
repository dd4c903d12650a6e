import { expect } from 'chai';
import { generateCodecs, outdatedFiles } from '../../scripts/generate-codecs.js';
import { jsdoc } from '../../scripts/codegen/emit.js';
import { readInputs, type Inputs } from '../../scripts/codegen/inputs.js';
import { buildModel, fileGroup, mapEnum, stripSwaggerPrefix } from '../../scripts/codegen/model.js';

const RESPONSE_CODECS = [
  'ObserveAccountsResponseCodec',
  'ObserveCandleDataResponseCodec',
  'ObserveEventBusResponseCodec',
  'ObserveGovernanceResponseCodec',
  'ObserveLedgerMovementsResponseCodec',
  'ObserveLiquidityProvisionsResponseCodec',
  'ObserveMarginLevelsResponseCodec',
  'ObserveMarketsDataResponseCodec',
  'ObserveMarketsDepthResponseCodec',
  'ObserveMarketsDepthUpdatesResponseCodec',
  'ObserveOrdersResponseCodec',
  'ObservePositionsResponseCodec',
  'ObserveTradesResponseCodec',
  'ObserveTransactionResultsResponseCodec',
  'ObserveVotesResponseCodec',
];

function withEnums(inputs: Inputs, enums: Inputs['enums']['enums']): Inputs {
  return { ...inputs, enums: { enums } };
}

describe('codecs: generator', function () {
  this.timeout(30000);
  const { model, files } = generateCodecs();

  it('the committed generated files are exactly what the generator produces now', () => {
    expect(outdatedFiles(files), 'run `npm run generate:codecs`').to.deep.equal([]);
  });

  it('covers all 381 definitions of the stream closure (326 messages, 55 enums)', () => {
    const defs = [...model.definitions.values()];
    expect(defs).to.have.length(381);
    expect(defs.filter((d) => d.kind === 'enum')).to.have.length(55);
  });

  it('exports the 15 response codecs and the BusEventType/AccountType enums by name', async () => {
    const codecs = (await import('../../lib/codecs/index.js')) as Record<string, unknown>;
    for (const name of RESPONSE_CODECS) expect(codecs[name], name).to.be.an('object');
    expect(codecs.BusEventType).to.be.an('object');
    expect(codecs.AccountType).to.be.an('object');
    expect(codecs.decodeOrThrow).to.be.a('function');
    expect(codecs.message).to.be.a('function');
  });

  it('starts every generated file with the do-not-edit header naming the spec', () => {
    for (const [file, content] of files) {
      expect(content.startsWith('// ---'), file).to.equal(true);
      expect(content, file).to.contain('GENERATED FILE - DO NOT EDIT BY HAND.');
      expect(content, file).to.contain('vendor/vega-v0.79/spec/trading_data_v2.swagger.json');
    }
  });

  it('strips swagger package prefixes and keeps a distinguishing prefix on collisions', () => {
    expect(stripSwaggerPrefix('vegaTrade')).to.equal('Trade');
    expect(stripSwaggerPrefix('v2ObserveTradesResponse')).to.equal('ObserveTradesResponse');
    expect(stripSwaggerPrefix('apiv2Candle')).to.equal('Candle');
    expect(stripSwaggerPrefix('vegacommandsv1Transfer')).to.equal('Transfer');
    expect(stripSwaggerPrefix('OrderTimeInForce')).to.equal('OrderTimeInForce');
    expect(stripSwaggerPrefix('vegaeventsv1Transfer')).to.equal('Transfer');
    const renames = Object.fromEntries(model.renames.map((r) => [r.def, r.tsName]));
    expect(renames).to.deep.equal({
      commandsv1CancelTransfer: 'CommandsCancelTransfer',
      vegaCancelTransfer: 'VegaCancelTransfer',
      vegaOneOffTransfer: 'VegaOneOffTransfer',
      vegacommandsv1OneOffTransfer: 'CommandsOneOffTransfer',
      vegaeventsv1OneOffTransfer: 'EventsOneOffTransfer',
      vegaRecurringTransfer: 'VegaRecurringTransfer',
      vegacommandsv1RecurringTransfer: 'CommandsRecurringTransfer',
      vegaeventsv1RecurringTransfer: 'EventsRecurringTransfer',
      vegacommandsv1Transfer: 'CommandsTransfer',
      vegaeventsv1Transfer: 'EventsTransfer',
    });
  });

  it('maps swagger enums to wire numbers by value names, disambiguating by name', () => {
    const inputs = readInputs();
    const names = (def: string): readonly string[] => inputs.swagger.definitions[def]?.enum ?? [];
    expect(mapEnum('vegaSide', names('vegaSide'), inputs)).to.equal('vega.Side');
    expect(mapEnum('vegaOrderStatus', names('vegaOrderStatus'), inputs)).to.equal('vega.Order.Status');
    expect(mapEnum('v1BusEventType', names('v1BusEventType'), inputs)).to.equal('vega.events.v1.BusEventType');
    expect(mapEnum('OrderTimeInForce', names('OrderTimeInForce'), inputs)).to.equal('vega.Order.TimeInForce');
  });

  it('fails loudly when an enum cannot be mapped or the mapping is ambiguous', () => {
    const inputs = readInputs();
    const side = inputs.enums.enums['vega.Side'] as Record<string, number>;
    const { ['vega.Side']: _removed, ...withoutSide } = inputs.enums.enums;
    expect(() => buildModel(withEnums(inputs, withoutSide))).to.throw(/enum vegaSide: no entry/);
    // Two entries with the same values, both named like "Side": ambiguous.
    const twice = { ...inputs.enums.enums, 'vega.other.Side': side };
    expect(() => buildModel(withEnums(inputs, twice))).to.throw(/enum vegaSide: cannot map/);
    // Same values but no entry named like the definition: no guessing.
    const renamed = { ...withoutSide, 'vega.Direction': side };
    expect(() => buildModel(withEnums(inputs, renamed))).to.throw(/enum vegaSide: cannot map/);
  });

  it('fails when a closure message has no presence facts', () => {
    const inputs = readInputs();
    const { vegaTrade: _trade, ...rest } = inputs.presence.definitions;
    expect(() => buildModel({ ...inputs, presence: { definitions: rest } })).to.throw(
      /vegaTrade has no entry in proto-presence.json/,
    );
  });

  it('writes spec text into JSDoc safely (no early comment end, no stray tags)', () => {
    expect(jsdoc('ends */ here', '')).to.equal('/** ends *\\/ here */');
    expect(jsdoc('line one\n@type not a tag', '  ')).to.equal('  /**\n   * line one\n   * \\@type not a tag\n   */');
    for (const content of files.values()) expect(content).to.not.match(/\*\/[^\n]*\*\//);
  });

  it('groups messages by proto source file', () => {
    expect(fileGroup('vega/markets.proto')).to.equal('markets');
    expect(fileGroup('vega/data_source.proto')).to.equal('data-source');
    expect(fileGroup('vega/commands/v1/validator_commands.proto')).to.equal('commands');
    expect(fileGroup('data-node/api/v2/trading_data.proto')).to.equal('api');
    expect(() => fileGroup('google/protobuf/struct.proto')).to.throw();
    expect(model.definitions.get('vegaTrade')?.file).to.equal('vega.ts');
    expect(model.definitions.get('v2ObserveTradesResponse')?.file).to.equal('api.ts');
    expect(model.definitions.get('vegaSide')?.file).to.equal('enums.ts');
  });
});
