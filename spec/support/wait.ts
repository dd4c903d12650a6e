/** Polling waits for specs over real sockets, where events arrive asynchronously. */

/** Resolve when `condition` holds (checked every `everyMs`); reject after `timeoutMs` naming `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 3000, everyMs = 2): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
