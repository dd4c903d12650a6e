/**
 * Preloaded into the main job by its specs (`node --import tsx --import ./spec/examples/support/exit-probe.ts`):
 * a call of `process.exit` writes one line to stderr first. The job ends a run by letting the
 * event loop empty, and keeps `process.exit` for its failures and for an unref'd safety timer
 * (2 s after the end, against a stray handle); a spec that expects an empty stderr thus also
 * checks that the job ended by itself.
 */
const exit = process.exit.bind(process);

process.exit = ((code?: number | string | null) => {
  process.stderr.write(`exit-probe: process.exit(${String(code)}) was called\n`);
  return exit(code);
}) as typeof process.exit;
