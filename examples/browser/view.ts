// The example page's DOM: fills in the elements of index.html. Text only (textContent), never HTML.
import { Side, type Trade } from '../../lib/index.js';
import type { BookLevel, MarketDecimals, OrderBookState } from '../../lib/operators/index.js';
import type { ExampleMarket } from './config.js';

/** Trades kept in the list, newest first. */
export const MAX_TRADES = 30;

/** The streams whose connection status the page shows. */
export type StreamName = 'book' | 'trades';

/** One market's book, trades and connection statuses, as index.html lays them out. */
export class ExampleView {
  constructor(
    private readonly document: Document,
    private readonly decimals: MarketDecimals,
  ) {}

  /** The market's name as the title, and links to the others (`?market=<id>`). */
  showMarkets(shown: ExampleMarket, markets: readonly ExampleMarket[]): void {
    this.document.title = `${shown.name}: live order book`;
    this.text('market', shown.name);
    const links = markets
      .filter((market) => market.id !== shown.id)
      .map((market) => {
        const link = this.document.createElement('a');
        link.href = `?market=${encodeURIComponent(market.id)}`;
        link.textContent = market.name;
        return link;
      });
    this.element('markets').replaceChildren(...links);
  }

  /** A new state of the book: the figures and the top levels of each side. */
  showBook(book: OrderBookState): void {
    const price = (raw: string | undefined): string => (raw === undefined ? '–' : this.decimals.price(raw));
    this.text('best-bid', price(book.bestBid?.price));
    this.text('best-ask', price(book.bestAsk?.price));
    this.text('spread', price(book.spread));
    this.text('mid', price(book.mid));
    this.text('sequence', book.sequenceNumber);
    // Bids read towards the middle (price last), asks away from it (price first).
    this.rows('bids', book.bids, (level) => [level.numberOfOrders, this.decimals.size(level.volume), this.decimals.price(level.price)]);
    this.rows('asks', book.asks, (level) => [this.decimals.price(level.price), this.decimals.size(level.volume), level.numberOfOrders]);
  }

  /** New trades, added at the top of the list (which keeps the latest {@link MAX_TRADES}). */
  addTrades(trades: readonly Trade[]): void {
    const list = this.element('trades');
    for (const trade of trades) {
      const item = this.document.createElement('li');
      const side = trade.aggressor === Side.SIDE_BUY ? 'buy' : trade.aggressor === Side.SIDE_SELL ? 'sell' : 'auction';
      item.className = side;
      item.textContent = `${blockClock(trade.timestamp)}  ${side}  ${this.decimals.size(trade.size)} @ ${this.decimals.price(trade.price)}`;
      list.prepend(item);
    }
    while (list.children.length > MAX_TRADES) list.lastElementChild?.remove();
  }

  /** A stream's connection status, e.g. `connected` or `reconnecting in 1.2 s`. */
  setStatus(stream: StreamName, status: string): void {
    this.text(`${stream}-status`, status);
  }

  private rows(table: 'bids' | 'asks', levels: readonly BookLevel[], cells: (level: BookLevel) => readonly string[]): void {
    const rows = levels.map((level) => {
      const row = this.document.createElement('tr');
      for (const value of cells(level)) row.insertCell().textContent = value;
      return row;
    });
    this.element(table).querySelector('tbody')?.replaceChildren(...rows);
  }

  private text(id: string, text: string): void {
    this.element(id).textContent = text;
  }

  private element(id: string): HTMLElement {
    const element = this.document.getElementById(id);
    if (!element) throw new Error(`The page has no #${id}: index.html and view.ts must name the same elements.`);
    return element;
  }
}

/** The time of day (UTC, to the millisecond) of a block time in nanoseconds since the epoch. */
function blockClock(nanoseconds: string): string {
  return new Date(Number(BigInt(nanoseconds) / 1_000_000n)).toISOString().slice(11, 23);
}
