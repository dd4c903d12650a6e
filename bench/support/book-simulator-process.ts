/**
 * A simulator in a child process that shows its books, driven over IPC: started with its
 * SimulatorOptions as JSON in argv[2], it answers `depth` ({@link DepthRequest}) with the data
 * node's current book of the market ({@link NodeDepth}), and `stop` by stopping and exiting.
 * Started by `startBookSimulator` (book-simulator-handle.ts); it also exits when its parent
 * goes away without a word.
 */
import { Simulator, type SimulatorOptions } from '../../lib/simulator/index.js';
import { levelStrings } from './book-levels.js';
import { tellParent, type Message } from './ipc.js';
import type { BookSimulatorReady, DepthRequest, NodeDepth } from './book-simulator-handle.js';

const sim = await Simulator.start(JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions);
let stopping: Promise<void> | undefined;
const stop = (): Promise<void> => (stopping ??= sim.stop());

process.on('message', (message: Message) => {
  if (message.type === 'depth') {
    const { marketId } = message as DepthRequest;
    const depth = sim.node.marketDepth(marketId);
    const answer: NodeDepth = { type: 'depth', marketId, sequenceNumber: depth.sequenceNumber, bids: levelStrings(depth.buy), asks: levelStrings(depth.sell) };
    tellParent(answer);
  } else if (message.type === 'stop') {
    void stop().then(() => {
      tellParent({ type: 'stopped' });
      process.disconnect();
    });
  }
});
// The IPC channel closed (the parent left, or after `stop`): stop producing and leave.
process.on('disconnect', () => void stop().finally(() => process.exit(0)));
const ready: BookSimulatorReady = { type: 'ready', url: sim.url, markets: sim.markets.map((m) => m.id) };
tellParent(ready);
