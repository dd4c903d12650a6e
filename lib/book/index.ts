/** The order-book data structure: sorted price levels with exact decimal prices. */
export { BookSide, type BookLevel, type BookSideName } from './book-side.js';
export { OrderBook, type BookUpdate, type BookView, type FullBook, type UpdateOutcome } from './order-book.js';
