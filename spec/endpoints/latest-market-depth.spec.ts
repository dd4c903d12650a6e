import { expect } from 'chai';
import { firstValueFrom } from 'rxjs';
import { BadRequestError, DataNodeError, createClient, tradesRoute, type VegaClient } from '../../lib/index.js';
import { Simulator } from '../../lib/simulator/index.js';

describe('client REST latest depth and raw streams against the simulator', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let vega: VegaClient;

  before(async () => {
    sim = await Simulator.start({ seed: 9, blockMs: 20 });
    vega = createClient({ nodes: [sim.url], pingIntervalMs: 0 });
  });
  after(() => sim.stop());

  it('GETs a market latest full book with its sequence number, equal to the node', async () => {
    sim.pause();
    try {
      const market = sim.markets[0]!.id;
      const book = await firstValueFrom(vega.latestMarketDepth(market));
      const truth = sim.node.marketDepth(market);
      expect(book.marketId).to.equal(market);
      expect(book.sequenceNumber).to.equal(truth.sequenceNumber);
      expect(book.buy).to.deep.equal(truth.buy);
      expect(book.sell).to.deep.equal(truth.sell);
      const top = await firstValueFrom(vega.latestMarketDepth(market, { maxDepth: 2 }));
      expect(top.buy).to.deep.equal(truth.buy.slice(0, 2));
    } finally {
      sim.resume();
    }
  });

  it('refuses a malformed market id before any request, and reports an unknown market as the node error', async () => {
    const refused = await firstValueFrom(vega.latestMarketDepth('nope')).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(BadRequestError);
    expect((refused as BadRequestError).parameter).to.equal('marketId');
    const network = await firstValueFrom(vega.latestMarketDepth('network')).catch((e: unknown) => e);
    expect(network).to.be.instanceOf(BadRequestError); // a party id, never a market
    const unknown = await firstValueFrom(vega.latestMarketDepth('0'.repeat(64))).catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(DataNodeError);
    expect((unknown as DataNodeError).message).to.match(/no market found for id/);
  });

  it('a network failure is a retryable ConnectionError', async () => {
    const offline = createClient({ nodes: ['ws://127.0.0.1:9'], pingIntervalMs: 0 });
    const error = await firstValueFrom(offline.latestMarketDepth('a'.repeat(64))).catch((e: unknown) => e);
    expect((error as { kind: string; retryable: boolean }).kind).to.equal('connection');
    expect((error as { retryable: boolean }).retryable).to.equal(true);
  });

  it('rawStream gives each frame result as parsed JSON, not decoded', async () => {
    const market = sim.markets[0]!.id;
    const raw = await firstValueFrom(vega.rawStream(tradesRoute, { marketIds: [market] }));
    expect(raw).to.have.property('trades').that.is.an('array');
    const first = (raw['trades'] as Record<string, unknown>[])[0]!;
    expect(typeof first['type']).to.equal('number'); // enums stay wire numbers
    expect(first).not.to.have.property('buyerAuctionBatch'); // and no proto3 default is filled in
  });
});
