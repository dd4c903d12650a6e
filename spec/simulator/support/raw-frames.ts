// A raw websocket client that keeps every text frame and how the connection ended, for specs
// that check the simulator's wire output itself rather than through the library.
import { WebSocket } from 'ws';

/** What one raw connection saw. */
export interface RawConnection {
  /** Text frames, in order. */
  readonly frames: string[];
  /** Resolves with the close code once the connection ends. */
  readonly closed: Promise<number>;
  /** Resolves once the socket is open. */
  readonly opened: Promise<void>;
  /** Send a text frame. */
  send(text: string): void;
  /** Close politely (1000). */
  close(): void;
}

/** Open a raw connection to `url`. */
export function rawConnect(url: string): RawConnection {
  const frames: string[] = [];
  const socket = new WebSocket(url);
  socket.on('message', (data, isBinary) => {
    if (!isBinary) frames.push(data.toString());
  });
  socket.on('error', () => undefined);
  return {
    frames,
    closed: new Promise((resolve) => socket.on('close', (code) => resolve(code))),
    opened: new Promise((resolve) => socket.on('open', () => resolve())),
    send: (text) => socket.send(text),
    close: () => socket.close(1000),
  };
}

export { until } from '../../support/wait.js';
