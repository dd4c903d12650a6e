import type { SocketOptions } from '../socket/index.js';

/** What a stream factory needs from the client: where to connect and the socket options. */
export interface StreamContext {
  /** The base URL (`wss://host`) of the node to use for a new socket. */
  readonly node: () => string;
  /** Socket options shared by every subscription of the client (timeouts, liveness, scheduler). */
  readonly socket: Omit<SocketOptions, 'onOpen'>;
}
