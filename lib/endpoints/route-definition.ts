import type { Decoder } from 'io-ts';
import type { ParamSpec } from '../wire/index.js';

/**
 * Everything the library knows about one `/api/v2/stream/*` route: its path, the query
 * parameters it takes, a cross-field check, and the codec of its response.
 *
 * @typeParam F the filters users pass (camelCase, as sent).
 * @typeParam R the decoded response of one frame.
 */
export interface RouteDefinition<F, R> {
  /** Short name used by the client and the command line, e.g. `trades`. */
  readonly name: string;
  /** Path on the data node, e.g. `/api/v2/stream/trades`. */
  readonly path: string;
  /** The query parameters the route accepts, in the order they are written. */
  readonly params: readonly ParamSpec[];
  /** Checks across filters (e.g. votes needs partyId or proposalId): the offending `parameter` and its `problem`, or undefined. */
  readonly check?: (filters: F) => { parameter: string; problem: string } | undefined;
  /** io-ts codec of the frame's `result` member. */
  readonly codec: Decoder<unknown, R>;
  /**
   * For routes that talk back (the event bus): checks the filters and turns them into the
   * frames to send, instead of a query string. Throws a BadRequestError for bad filters.
   */
  readonly conversation?: (filters: F) => Conversation;
}

/** What a client sends on a route that talks back. */
export interface Conversation {
  /** Sent once, as soon as the socket opens. */
  readonly request: string;
  /** Sent after each response has been delivered downstream (after `next` returned); none when undefined. */
  readonly afterDelivery?: string;
}

/** The filters type of a route definition. */
export type FiltersOf<D> = D extends RouteDefinition<infer F, unknown> ? F : never;
/** The response type of a route definition. */
export type ResponseOf<D> = D extends RouteDefinition<never, infer R> ? R : never;

/** The check shared by routes whose `includeDerivedParties` needs a party id. */
export function derivedPartiesNeedParty(filters: {
  partyId?: string;
  includeDerivedParties?: boolean;
}): { parameter: string; problem: string } | undefined {
  return filters.includeDerivedParties && filters.partyId === undefined
    ? { parameter: 'includeDerivedParties', problem: 'needs partyId (the node refuses it otherwise)' }
    : undefined;
}
