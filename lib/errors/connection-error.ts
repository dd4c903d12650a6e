import { VegaStreamError } from './vega-stream-error.js';

/** When the connection failed: before it opened, by the connect deadline, or after it was open. */
export type ConnectionPhase = 'connecting' | 'connect-timeout' | 'open';

/**
 * The socket could not be opened or was dropped. The real data node never sends a close
 * frame, so a dropped stream shows close code 1006 with an empty reason. Always retryable.
 */
export class ConnectionError extends VegaStreamError {
  readonly kind = 'connection' as const;
  readonly retryable = true;

  constructor(
    /** The websocket URL, query string included. */
    readonly url: string,
    /** The websocket close code (1006 = dropped without a close frame; 0 when the socket never closed). */
    readonly code: number,
    /** The close reason sent by the peer, usually empty. */
    readonly reason: string,
    /** When it failed. */
    readonly phase: ConnectionPhase,
    /** The underlying transport error message, if the WebSocket reported one. */
    readonly detail = '',
  ) {
    super(connectionMessage(url, code, reason, phase, detail));
  }
}

function connectionMessage(
  url: string,
  code: number,
  reason: string,
  phase: ConnectionPhase,
  detail: string,
): string {
  const why = [
    code ? `close code ${code}` : '',
    reason ? `reason "${reason}"` : '',
    detail,
  ]
    .filter(Boolean)
    .join(', ');
  const what =
    phase === 'connect-timeout'
      ? `Could not connect to ${url}: the socket did not open in time`
      : phase === 'connecting'
        ? `Could not connect to ${url}`
        : `Connection to ${url} was lost`;
  return `${what}${why ? ` (${why})` : ''}. Check the node URL and the network, then subscribe again after a delay.`;
}
