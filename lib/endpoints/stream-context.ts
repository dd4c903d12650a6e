import type { SocketOptions } from '../socket/index.js';
import type { Transport } from './transport.js';

/** What a stream factory needs from the client: where to connect, how, and the socket options. */
export interface StreamContext {
  /** The base URL (`wss://host`) of the node to use for a new socket. */
  readonly node: () => string;
  /** Socket options shared by every subscription of the client (timeouts, liveness, scheduler). */
  readonly socket: Omit<SocketOptions, 'onOpen'>;
  /** Sockets and GETs; real ones unless the testing kit replaced them. */
  readonly transport: Transport;
}
