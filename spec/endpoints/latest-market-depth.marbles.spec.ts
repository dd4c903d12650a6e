import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { ConnectionError } from '../../lib/index.js';
import { DEFAULT_MARKET_ID as M, fakeDataNode } from '../../lib/testing/index.js';

describe('client.latestMarketDepth in virtual time', () => {
  it(
    'fails with a retryable ConnectionError when the node never answers within the connect deadline, and aborts the GET',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { latestMarketDepth: m.cold('-') } });
      let failure: unknown;
      let failedAt = -1;
      node.client.latestMarketDepth(M).subscribe({
        error: (e: unknown) => {
          failure = e;
          failedAt = m.scheduler.now();
        },
      });
      m.flush();
      expect(failure).to.be.instanceOf(ConnectionError);
      expect((failure as ConnectionError).phase).to.equal('connect-timeout');
      expect((failure as ConnectionError).retryable).to.equal(true);
      expect(failedAt).to.equal(10_000);
      expect(node.openConnections('latestMarketDepth')).to.deep.equal([]);
    }),
  );
});
