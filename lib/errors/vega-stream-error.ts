/** What went wrong, as a tag that survives bundling and `instanceof` across realms. */
export type VegaStreamErrorKind =
  | 'connection'
  | 'stale-stream'
  | 'data-node'
  | 'protocol'
  | 'decode'
  | 'bad-request'
  | 'sequence-gap';

/**
 * Base class of every error this library emits. Each error says what happened and what to do
 * about it, and whether trying again (a new socket, after a delay) can help.
 */
export abstract class VegaStreamError extends Error {
  /** Tag of the concrete error class. */
  abstract readonly kind: VegaStreamErrorKind;
  /** True when opening a fresh subscription later can succeed where this one failed. */
  abstract readonly retryable: boolean;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * True for errors of this library that a new subscription can cure (connection lost, stale
 * stream, transient node errors). Reads the error's fields rather than its class, so it also
 * holds when both the ESM and the CJS copy of the library are loaded.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { kind, retryable } = error as { kind?: unknown; retryable?: unknown };
  return typeof kind === 'string' && KINDS.has(kind) && retryable === true;
}

const KINDS: ReadonlySet<string> = new Set<VegaStreamErrorKind>([
  'connection',
  'stale-stream',
  'data-node',
  'protocol',
  'decode',
  'bad-request',
  'sequence-gap',
]);
