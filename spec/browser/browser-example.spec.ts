import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserExample, type BrowserExample } from '../../examples/browser/server.js';
import { compareDecimal, subtractDecimal } from '../../lib/decimals/index.js';
import { expectNoNewResources, resourceSnapshot, type ResourceSnapshot } from '../support/handles.js';

/** Debian's chromium (`apt-get install chromium`): never a browser build downloaded by playwright. */
const CHROMIUM = '/usr/bin/chromium';
/** No network here: keep Chromium from trying to reach Google's services. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** CI sets it: a missing chromium is then a failure, not a pending spec. */
const REQUIRED = process.env['VEGA_STREAMS_REQUIRE_BROWSER'] === '1';
const MISSING = !existsSync(CHROMIUM);
const INSTALL = "install Debian's chromium (apt-get install chromium) to run the browser spec";

/** Poll `read` every 50 ms until `done` accepts its value, and return it; fail after `timeoutMs` naming `what` and the last value. */
async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(MISSING && !REQUIRED ? `browser example (pending: ${INSTALL})` : 'browser example in headless Chromium (npm run example:browser)', function () {
  this.timeout(30_000);
  let resources: ResourceSnapshot;
  let example: BrowserExample | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];

  /**
   * What the page shows, read in one go (two separate reads may straddle a redraw): the price
   * cells of each side, the trades, and the text of every element with an id. Inline unnamed
   * callbacks only: tsx wraps named ones in a helper that the page does not have.
   */
  const shown = () =>
    page.evaluate(() => ({
      bids: Array.from(document.querySelectorAll('#bids tbody td:last-child'), (cell) => cell.textContent ?? ''),
      asks: Array.from(document.querySelectorAll('#asks tbody td:first-child'), (cell) => cell.textContent ?? ''),
      trades: Array.from(document.querySelectorAll('#trades li'), (item) => item.textContent ?? ''),
      text: Object.fromEntries(Array.from(document.querySelectorAll('[id]'), (element) => [element.id, element.textContent ?? ''])),
    }));

  /** Close the browser and the example (once). */
  async function closeAll(): Promise<void> {
    await browser?.close();
    browser = undefined;
    await example?.close();
    example = undefined;
  }

  before(async function () {
    if (MISSING) {
      if (REQUIRED) throw new Error(`VEGA_STREAMS_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist: ${INSTALL}.`);
      this.skip();
    }
    resources = await resourceSnapshot();
    example = await startBrowserExample({ port: 0, simPort: 0, blockMs: 200 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught in the page: ${error.message}`));
    await page.goto(example.url);
  });

  after(closeAll);

  it('renders the book: bid and ask rows with prices, best first, best bid below best ask', async () => {
    const { bids, asks, text } = await eventually('both sides of the book', shown, (view) => view.bids.length > 0 && view.asks.length > 0);
    expect(bids.length, 'bid rows').to.be.at.most(10);
    expect(asks.length, 'ask rows').to.be.at.most(10);
    const [bestBid, bestAsk] = [text['best-bid'] ?? '', text['best-ask'] ?? ''];
    expect(bestBid).to.equal(bids[0]);
    expect(bestAsk).to.equal(asks[0]);
    expect(compareDecimal(bestBid, bestAsk), `best bid ${bestBid} < best ask ${bestAsk}`).to.be.lessThan(0);
    expect(text['spread']).to.equal(subtractDecimal(bestAsk, bestBid));
    for (let i = 1; i < bids.length; i++) expect(compareDecimal(bids[i - 1]!, bids[i]!), 'bids best (highest) first').to.be.greaterThan(0);
    for (let i = 1; i < asks.length; i++) expect(compareDecimal(asks[i - 1]!, asks[i]!), 'asks best (lowest) first').to.be.lessThan(0);
    expect(text['market']).to.equal('BTCUSDT.PERP');
    expect(text['book-status']).to.equal('connected');
  });

  it('updates the book block after block, and lists the trades', async () => {
    const seen = new Set<string>();
    await eventually('3 more sequence numbers', shown, ({ text }) => seen.add(text['sequence'] ?? '').size >= 4);
    const sequences = [...seen].map(BigInt);
    for (let i = 1; i < sequences.length; i++) expect(sequences[i]! > sequences[i - 1]!, `sequence numbers increase: ${[...seen].join(', ')}`).to.equal(true);

    const { trades, text } = await eventually('trades in the list', shown, (view) => view.trades.length > 0);
    for (const trade of trades) expect(trade).to.match(/^\d\d:\d\d:\d\d\.\d{3}\s+(buy|sell|auction)\s+\d+(\.\d+)? @ \d+(\.\d+)?$/);
    expect(text['trades-status']).to.equal('connected');
  });

  it('the self-contained bundle (/vega-streams.bundle.js) streams trades and keeps a book over the native WebSocket', async () => {
    // A string, not a function: it runs in the page as written, whatever tsx does to this file.
    const result = (await page.evaluate(`(async () => {
      const { createClient, DecodeError, marketBook } = await import('/vega-streams.bundle.js');
      const vega = createClient({ nodes: [${JSON.stringify(example!.simulator.url)}], silenceTimeoutMs: 10000 });
      const frame = await new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('no trades frame within 10 s')), 10000);
        const subscription = vega.trades().subscribe({
          next: (frame) => { resolve(frame); queueMicrotask(() => subscription.unsubscribe()); },
          error: reject,
        });
      });
      const book = await new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('no two-sided book within 10 s')), 10000);
        const subscription = marketBook(vega, ${JSON.stringify(example!.simulator.markets[0]!.id)}, { depth: 5, resyncFrom: 'depth' }).subscribe({
          next: (book) => {
            if (!book.bestBid || !book.bestAsk) return;
            resolve({ bid: book.bestBid.price, ask: book.bestAsk.price, spread: book.spread });
            queueMicrotask(() => subscription.unsubscribe());
          },
          error: reject,
        });
      });
      return { trades: frame.trades.length, buyer: typeof frame.trades[0].buyer, errorName: new DecodeError('/r', '$.x', 'string', '1').name, book };
    })()`)) as { trades: number; buyer: string; errorName: string; book: { bid: string; ask: string; spread: string } };
    expect(result.trades).to.be.greaterThan(0);
    expect(result.buyer).to.equal('string');
    expect(result.errorName).to.equal('DecodeError');
    expect(BigInt(result.book.bid) < BigInt(result.book.ask), `bid ${result.book.bid} < ask ${result.book.ask}`).to.equal(true);
    expect(result.book.spread).to.equal(String(BigInt(result.book.ask) - BigInt(result.book.bid)));
  });

  it('logs no error to the console', () => {
    expect(problems).to.deep.equal([]);
  });

  it('closing the page closes its sockets on the simulator', async () => {
    const paths = [...example!.simulator.server.subscriptions.values()].map((subscription) => subscription.path);
    expect(paths).to.include.members(['/api/v2/stream/markets/depth/updates', '/api/v2/stream/trades']);
    await page.close();
    await eventually('no subscription left on the simulator', async () => example!.simulator.server.subscriptions.size, (size) => size === 0);
  });

  it('leaves no socket, timer or process running once the browser and the example are closed', async () => {
    await closeAll();
    await expectNoNewResources(resources, 5_000);
  });
});
