/**
 * One phase of the subscriptions-memory benchmark, in a fresh child process (so that memory one
 * phase freed does not hide what the next one takes): told `start` over IPC, it opens every
 * subscription (library client or bare sockets), waits until each has received a frame, forces
 * GC and measures heap and RSS, then event-loop delay and CPU over a window; answers `live`; on
 * `close` it unsubscribes everything, waits for its TCP sockets to be gone and answers `closed`.
 * Needs --expose-gc. Started by bench/subscriptions-memory.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fromParent, tellParent } from './ipc.js';
import type { OpenedSubscriptions, SubscriptionEvents } from './opened-subscriptions.js';
import type { PlannedSubscription } from './subscription-plan.js';
import { collectGarbage } from './stats.js';

/** Which client a phase measures. */
export type PhaseName = 'library' | 'bare';

/** Parent → phase: what to open. */
export interface PhaseStart {
  readonly type: 'start';
  readonly phase: PhaseName;
  /** The simulator's `ws://host:port`. */
  readonly node: string;
  /** The subscriptions (the library phase opens these). */
  readonly plan: readonly PlannedSubscription[];
  /** Their URLs, as the library builds them (the bare phase opens these). */
  readonly urls: readonly string[];
  /** How long to measure event-loop delay and CPU with everything live, ms. */
  readonly windowMs: number;
}

/** Phase → parent: the measurements with every subscription live. */
export interface PhaseLive {
  readonly type: 'live';
  /** Subscriptions opened. */
  readonly total: number;
  /** Subscriptions that received at least one frame. */
  readonly receiving: number;
  /** Ms from the first subscribe until every subscription had a frame (or the wait gave up). */
  readonly receivingAfterMs: number;
  /** Heap used and RSS after GC, before any subscription and with all live, bytes. */
  readonly heapBefore: number;
  readonly heapAfter: number;
  readonly rssBefore: number;
  readonly rssAfter: number;
  /** Event-loop delay over the window (how late a 10 ms timer fired), ms. */
  readonly eldP50Ms: number;
  readonly eldP99Ms: number;
  readonly eldMaxMs: number;
  /** Frames (bare) or responses (library) per second over the window, all subscriptions. */
  readonly framesPerSecond: number;
  /** CPU time of this process over the window, % of one core. */
  readonly cpuPercent: number;
  /** Subscriptions that failed so far, and the first error. */
  readonly errors: number;
  readonly firstError: string | undefined;
}

/** Phase → parent: after unsubscribing everything. */
export interface PhaseClosed {
  readonly type: 'closed';
  /** Ms from the first unsubscribe until the client's TCP sockets were gone (or the wait gave up). */
  readonly closeMs: number;
  /** TCP sockets of the client still open at the end (0 expected). */
  readonly socketsLeft: number;
  /** Subscriptions that failed in all (0 expected). */
  readonly errors: number;
}

const WAIT_FOR_FRAMES_MS = 30_000;
/** Sampling period of the event-loop delay histogram, ms; its samples include it, so it is subtracted. */
const DELAY_RESOLUTION_MS = 10;
const WAIT_FOR_CLOSE_MS = 10_000;

const start = await fromParent<PhaseStart>('start');
const open: (events: SubscriptionEvents) => OpenedSubscriptions =
  start.phase === 'library'
    ? await (async () => {
        const library = await import('./library-subscriptions.js');
        return library.openLibrarySubscriptions.bind(undefined, await library.loadCreateClient(), start.node, start.plan);
      })()
    : ((await import('./bare-subscriptions.js')).openBareSockets).bind(undefined, start.urls);
if (!collectGarbage()) throw new Error('run with --expose-gc');
const total = start.plan.length;
const socketsBefore = tcpSockets();
const before = process.memoryUsage();

const received = new Uint32Array(total);
let receiving = 0;
let frames = 0;
let errors = 0;
let firstError: string | undefined;
const events: SubscriptionEvents = {
  frame(index) {
    frames++;
    if ((received[index] as number)++ === 0) receiving++;
  },
  error(_index, error) {
    errors++;
    firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  },
};
const opening = performance.now();
const opened = open(events);
await until(() => receiving + errors >= total, WAIT_FOR_FRAMES_MS);
const receivingAfterMs = performance.now() - opening;
await sleep(1_000);
collectGarbage();
const after = process.memoryUsage();

const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
const cpuStart = process.cpuUsage();
const framesStart = frames;
const windowStart = performance.now();
delay.enable();
await sleep(start.windowMs);
delay.disable();
const windowS = (performance.now() - windowStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
const live: PhaseLive = {
  type: 'live',
  total,
  receiving,
  receivingAfterMs,
  heapBefore: before.heapUsed,
  heapAfter: after.heapUsed,
  rssBefore: before.rss,
  rssAfter: after.rss,
  eldP50Ms: lateMs(delay.percentile(50)),
  eldP99Ms: lateMs(delay.percentile(99)),
  eldMaxMs: lateMs(delay.max),
  framesPerSecond: (frames - framesStart) / windowS,
  cpuPercent: ((cpu.user + cpu.system) / 1000 / (windowS * 1000)) * 100,
  errors,
  firstError,
};
tellParent(live);

await fromParent('close');
const closing = performance.now();
await opened.close();
await until(() => tcpSockets() <= socketsBefore, WAIT_FOR_CLOSE_MS);
const closed: PhaseClosed = { type: 'closed', closeMs: performance.now() - closing, socketsLeft: tcpSockets() - socketsBefore, errors };
tellParent(closed);
process.disconnect(); // nothing else of ours is left: the process exits by itself unless something leaked

/** How late a delay sample (ns, timer period included) was, ms. */
function lateMs(sampleNs: number): number {
  return Math.max(0, sampleNs / 1e6 - DELAY_RESOLUTION_MS);
}

/** Open TCP sockets of this process. */
function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll `done` every 20 ms until it is true or `timeoutMs` passed. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(20);
}
