// The memory benchmark's baseline: bare `ws` sockets on the same URLs, doing only JSON.parse.
import WebSocket from 'ws';
import type { OpenedSubscriptions, SubscriptionEvents } from './opened-subscriptions.js';

/** Open one bare socket per URL; each text frame is JSON.parse'd and counted. */
export function openBareSockets(urls: readonly string[], events: SubscriptionEvents): OpenedSubscriptions {
  let parsed = 0;
  const sockets = urls.map((url, index) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('message', (data: Buffer) => {
      parsed += (JSON.parse(data.toString()) as object) === null ? 0 : 1;
      events.frame(index);
    });
    socket.on('error', (error) => events.error(index, error));
    return socket;
  });
  return {
    close: async () => {
      await Promise.all(
        sockets.map((socket) => {
          if (socket.readyState === WebSocket.CLOSED) return undefined;
          const closed = new Promise((resolve) => socket.once('close', resolve));
          socket.close(1000);
          return closed;
        }),
      );
      if (parsed < 0) throw new Error('unreachable');
    },
  };
}
