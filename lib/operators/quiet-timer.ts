import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';

/** A quiet period restarted by every frame (see {@link quietTimer}). */
export interface QuietTimer {
  /** A frame came: the quiet period restarts now. */
  touch(): void;
  /** Drop the pending check, if any (a later `touch` starts a new one). Idempotent. */
  cancel(): void;
}

/**
 * Runs `onQuiet` once `quietMs` have passed on `scheduler` since the last `touch()`. Frames only
 * move a timestamp: one scheduler action at a time re-arms itself for the time left, so a busy
 * stream does not start and cancel a timer per frame. A clock set back since the last touch (the
 * default scheduler reads `Date.now()`; an NTP step, a resumed VM) restarts the period instead of
 * holding it for the length of the step.
 */
export function quietTimer(scheduler: SchedulerLike, quietMs: number, onQuiet: () => void): QuietTimer {
  let lastTouch = 0;
  let pending: Subscription | undefined;

  function check(this: SchedulerAction<void>): void {
    const now = scheduler.now();
    if (lastTouch > now) lastTouch = now;
    const left = lastTouch + quietMs - now;
    if (left > 0) {
      this.schedule(undefined, left);
      return;
    }
    pending = undefined;
    onQuiet();
  }

  return {
    touch() {
      lastTouch = scheduler.now();
      pending ??= scheduler.schedule(check, quietMs);
    },
    cancel() {
      pending?.unsubscribe();
      pending = undefined;
    },
  };
}
