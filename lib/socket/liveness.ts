import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import type { StaleCause } from '../errors/index.js';
import { isPingable, ReadyState, type WebSocketLike } from './websocket-like.js';

/** The timing of the liveness checks, in milliseconds; 0 disables a check. */
export interface LivenessConfig {
  /** Ping period (only used when the socket can ping). */
  readonly pingIntervalMs: number;
  /** How long a ping may wait for a pong or any frame. */
  readonly pongTimeoutMs: number;
  /** How long the socket may stay without any frame (pongs do not count: browsers have none). */
  readonly silenceTimeoutMs: number;
  /** Runs every timer. */
  readonly scheduler: SchedulerLike;
}

/** The running liveness checks of one open socket. */
export interface Liveness {
  /** Record that a frame arrived: it answers any pending ping and restarts the silence clock. */
  frame(): void;
  /** Cancel every timer and remove the ping/pong listeners. Idempotent. */
  stop(): void;
}

/**
 * Watch an open socket: ping it every `pingIntervalMs` when it can ping (Node's `ws`), and call
 * `onStale` once when a ping gets no pong (nor any frame) within `pongTimeoutMs`, or when no
 * frame arrives for `silenceTimeoutMs` (the same everywhere: pongs do not count, since browsers
 * have none). `quietMs` is how long the socket had been quiet: since the unanswered ping, or
 * since the last frame (or the start). Deadlines are checked lazily
 * (one timer each, re-armed for the time left) so a busy socket does not churn timers. Times are
 * read from `scheduler.now()` (Date.now() by default): a clock set back delays a check by at
 * most one timeout; a clock set forward can end a quiet-but-live socket early (it reconnects).
 */
export function startLiveness(
  socket: WebSocketLike,
  config: LivenessConfig,
  onStale: (check: StaleCause, quietMs: number) => void,
): Liveness {
  const { scheduler, pingIntervalMs, pongTimeoutMs, silenceTimeoutMs } = config;
  const timers = new Subscription();
  const pinger = isPingable(socket) && pingIntervalMs > 0 ? socket : undefined;
  let lastFrame = scheduler.now();
  /** When the oldest ping still waiting for an answer was sent. */
  let awaitingSince: number | undefined;
  /** The last pong check scheduled, and whether it is still pending. */
  let pongCheck: Subscription | undefined;
  let pongCheckPending = false;
  let stopped = false;

  const answered = (): void => {
    awaitingSince = undefined;
  };
  const frame = (): void => {
    lastFrame = scheduler.now();
    awaitingSince = undefined;
  };

  function stop(): void {
    if (stopped) return;
    stopped = true;
    timers.unsubscribe();
    pinger?.off('pong', answered);
    pinger?.off('ping', answered);
  }

  const stale = (check: StaleCause, quietMs: number): void => {
    if (stopped) return;
    stop();
    onStale(check, quietMs);
  };

  function checkPong(this: SchedulerAction<void>): void {
    pongCheckPending = false;
    if (awaitingSince === undefined) return;
    const now = scheduler.now();
    // The clock (Date.now() by default) was set back since the ping: wait a full timeout from now.
    if (now < awaitingSince) awaitingSince = now;
    const waited = now - awaitingSince;
    if (waited >= pongTimeoutMs) return stale('pong-timeout', waited);
    pongCheckPending = true;
    this.schedule(undefined, pongTimeoutMs - waited);
  }

  const armPongCheck = (): void => {
    if (pongCheckPending || pongTimeoutMs <= 0) return;
    // Drop the finished check so that `timers` does not grow with every ping.
    if (pongCheck !== undefined) timers.remove(pongCheck);
    pongCheckPending = true;
    pongCheck = scheduler.schedule(checkPong, pongTimeoutMs);
    timers.add(pongCheck);
  };

  function ping(this: SchedulerAction<void>): void {
    if (pinger !== undefined && pinger.readyState === ReadyState.OPEN) {
      try {
        pinger.ping();
      } catch {
        // The socket is closing under us: its close event ends the stream.
      }
      if (awaitingSince === undefined) awaitingSince = scheduler.now();
      armPongCheck();
    }
    this.schedule(undefined, pingIntervalMs);
  }

  function checkSilence(this: SchedulerAction<void>): void {
    const now = scheduler.now();
    // The clock was set back since the last frame: count the silence from now, not for the step.
    if (now < lastFrame) lastFrame = now;
    const quiet = now - lastFrame;
    if (quiet >= silenceTimeoutMs) return stale('silence', quiet);
    this.schedule(undefined, silenceTimeoutMs - quiet);
  }

  if (pinger !== undefined) {
    pinger.on('pong', answered);
    pinger.on('ping', answered);
    timers.add(scheduler.schedule(ping, pingIntervalMs));
  }
  if (silenceTimeoutMs > 0) timers.add(scheduler.schedule(checkSilence, silenceTimeoutMs));

  return { frame, stop };
}
