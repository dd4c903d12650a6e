import { nodeBaseUrl } from '../endpoints/index.js';

/**
 * The client's list of data nodes and the one new sockets go to. Reconnect logic calls
 * {@link NodeRing.rotate} to move on to the next node after a failure.
 */
export class NodeRing {
  /** The nodes' websocket base URLs, normalised (`https://x` becomes `wss://x`). */
  readonly nodes: readonly string[];
  private index = 0;

  constructor(nodes: readonly string[]) {
    if (!Array.isArray(nodes) || nodes.length === 0) {
      throw new TypeError('createClient needs at least one node, e.g. createClient({ nodes: ["wss://api.n07.testnet.vega.xyz"] })');
    }
    this.nodes = nodes.map(nodeBaseUrl);
  }

  /** The node new sockets connect to. */
  current(): string {
    return this.nodes[this.index] as string;
  }

  /** Move on to the next node (wrapping around) and return it. */
  rotate(): string {
    this.index = (this.index + 1) % this.nodes.length;
    return this.current();
  }
}
