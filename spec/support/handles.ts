/**
 * Leak checks for specs over real sockets: compare the process's active resources (sockets,
 * servers, timers) before and after, per resource type, via `process.getActiveResourcesInfo()`.
 *
 * Take the snapshot once the spec's own resources (a listening server) exist, then after the
 * code under test is done call {@link expectNoNewResources}: it waits for closes to settle and
 * fails with the list of extra resources if some remain.
 */

/** The process's active resources (Node 20), e.g. `['TCPServerWrap', 'Timeout']`. */
export type ResourceSnapshot = readonly string[];

/** Yield to the event loop once (an Immediate is no longer active inside its own callback). */
export function nextImmediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Wait `ms` milliseconds, then yield once more so that the timer itself is gone. */
export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await nextImmediate();
}

/** The active resources now, taken from an Immediate callback so that the wait is not counted. */
export async function resourceSnapshot(): Promise<ResourceSnapshot> {
  await nextImmediate();
  return process.getActiveResourcesInfo();
}

/** Resources present in `after` beyond their count in `before` (multiset difference). */
export function extraResources(before: ResourceSnapshot, after: ResourceSnapshot): string[] {
  const left = new Map<string, number>();
  for (const type of before) left.set(type, (left.get(type) ?? 0) + 1);
  const extra: string[] = [];
  for (const type of after) {
    const count = left.get(type) ?? 0;
    if (count > 0) left.set(type, count - 1);
    else extra.push(type);
  }
  return extra;
}

/**
 * Resolve once the process has no active resource beyond `before`; reject after `timeoutMs`
 * with the extra resources (e.g. `TCPSocketWrap` for a socket left open, `Timeout` for a timer).
 */
export async function expectNoNewResources(before: ResourceSnapshot, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const extra = extraResources(before, await resourceSnapshot());
    if (extra.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`Resources still active ${timeoutMs} ms after the end: ${extra.join(', ')}`);
    }
    await sleep(2);
  }
}
