import { VegaStreamError } from './vega-stream-error.js';

/**
 * An order book could not be brought back in sync: full books kept failing to chain with the
 * depth updates, or no full book arrived while updates piled up. The book operator gives up
 * rather than show a wrong book. Retryable: a fresh subscription starts from a fresh book.
 */
export class SequenceGapError extends VegaStreamError {
  readonly kind = 'sequence-gap' as const;
  readonly retryable = true;

  constructor(
    /** The market whose book gave up. */
    readonly marketId: string,
    /** What went wrong, in words. */
    readonly problem: string,
  ) {
    super(`The order book of market ${marketId} lost sync: ${problem}. Subscribe again after a delay (retryBackoff does); if it keeps happening, check that the full-book source and the depth updates come from the same node.`);
  }
}
