/**
 * Where a stream route writes its frames: a websocket (one text frame per message) or a plain
 * HTTP response (chunked NDJSON, one line per message), as the real node's proxy does.
 */
export interface FrameSink {
  /** Send one message (already in stream encoding) as one frame/line. False once the sink is gone. */
  send(message: object): boolean;
  /** Send raw text as one frame/line, as is (fault injection: a malformed frame). */
  sendText(text: string): boolean;
  /** Send an error frame, then drop the connection without a close frame (as the real node does). */
  fail(errorFrame: object): void;
  /** Drop the connection at once: no frame, no close frame (the client sees 1006). */
  drop(): void;
  /** True once the connection is gone (dropped, or closed by the client). */
  readonly closed: boolean;
  /** Called once when the connection goes away, whoever ended it. */
  onClose(listener: () => void): void;
  /** Called for each text frame the client sends (websocket only; the event bus reads requests). */
  onMessage(listener: (text: string) => void): void;
  /**
   * Go silent without closing (a half-open path): nothing more is sent and nothing is read, so
   * pings go unanswered. For fault injection.
   */
  stall(): void;
}

/** Limits of the real node's websocket proxy and subscription manager. */
export const LIMITS = {
  /** A frame this long or longer makes the proxy's line scanner fail: the connection drops, no frame. */
  maxFrameBytes: 64 * 1024,
  /** Subscriptions per client address; every websocket client of a node shares it behind the proxy. */
  maxSubscriptions: 250,
  /** Bytes queued for a client beyond which it counts as not keeping up ("channel closed"). */
  slowConsumerBytes: 4 * 1024 * 1024,
} as const;
