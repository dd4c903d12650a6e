/**
 * A simulator in a child process for benchmarks, driven over IPC: started with its
 * SimulatorOptions as JSON in argv[2], it answers `count` with its live subscription count and
 * CPU time, and `stop` by stopping and exiting. Started by {@link startSimulatorProcess}.
 */
import { Simulator, type SimulatorOptions } from '../../lib/simulator/index.js';
import { tellParent, type Message } from './ipc.js';
import type { SimulatorCount, SimulatorReady } from './simulator-handle.js';

const sim = await Simulator.start(JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions);
process.on('message', (message: Message) => {
  if (message.type === 'count') {
    const answer: SimulatorCount = { type: 'count', subscriptions: sim.server.subscriptions.size, cpuMs: cpuMs() };
    tellParent(answer);
  } else if (message.type === 'stop') {
    void sim.stop().then(() => {
      tellParent({ type: 'stopped' });
      process.disconnect();
    });
  }
});
const ready: SimulatorReady = { type: 'ready', url: sim.url, markets: sim.markets.map((m) => m.id) };
tellParent(ready);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
