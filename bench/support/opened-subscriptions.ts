// What the memory benchmark's two clients (library and bare sockets) have in common.

/** Callbacks of an opened set of subscriptions, by index in the plan. */
export interface SubscriptionEvents {
  /** A frame (or decoded response) arrived for subscription `index`. */
  frame(index: number): void;
  /** Subscription `index` failed. */
  error(index: number, error: unknown): void;
}

/** A set of open subscriptions. */
export interface OpenedSubscriptions {
  /** Unsubscribe / close every one; resolves when the client has let go of all of them. */
  close(): Promise<void>;
}
