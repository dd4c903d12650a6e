/** The address of the fake data node when no `nodes` are given (never contacted: nothing leaves the process). */
export const FAKE_NODE_URL = 'wss://fake-data-node.test';
