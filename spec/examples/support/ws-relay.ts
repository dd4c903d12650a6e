/**
 * A TCP relay on 127.0.0.1 in front of a node (the simulator), for the main job's specs: it
 * forwards bytes unchanged both ways and records, per connection, the request path and the close
 * frames the client sent (websocket frames are parsed on the client side only). It can also
 * refuse new connections (the TCP connection is dropped once the request line is read) or hold
 * them (the request is never answered), by path.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** One client connection through the relay. */
export interface RelayedConnection {
  /** The request target, e.g. `/api/v2/stream/trades?marketIds=…`. */
  readonly target: string;
  /** True for a websocket upgrade request. */
  readonly websocket: boolean;
  /** What the relay did with it. */
  readonly fate: 'relayed' | 'refused' | 'held';
  /** The codes of the close frames the client sent (1005 for a close frame without a code), in order. */
  readonly closeCodes: number[];
  /** True once the client's TCP connection is gone. */
  ended: boolean;
}

/** Decides what the relay does with a new request, from its target. */
export type RelayRule = (target: string) => boolean;

/** Bytes of a request head the relay reads at most before giving up on it. */
const MAX_HEAD_BYTES = 64 * 1024;

/** See the module comment. Call {@link WsRelay.stop} when done. */
export class WsRelay {
  /** Every connection, in order of arrival. */
  readonly connections: RelayedConnection[] = [];
  /** New requests whose target this returns true for are refused (the TCP connection is dropped). */
  refuse: RelayRule = () => false;
  /** New requests whose target this returns true for are held: read, never answered. */
  hold: RelayRule = () => false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly upstreamPort: number,
  ) {}

  /** Start a relay to `upstream` (`ws://127.0.0.1:PORT`) on a free port of 127.0.0.1. */
  static async start(upstream: string): Promise<WsRelay> {
    const port = Number(new URL(upstream).port);
    const server = createServer();
    const relay = new WsRelay(server, port);
    server.on('connection', (client) => relay.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  /** `ws://127.0.0.1:PORT`: give it to the job as `--node`. */
  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The websocket connections that were relayed. */
  get websockets(): RelayedConnection[] {
    return this.connections.filter((c) => c.websocket && c.fate === 'relayed');
  }

  /** Close the listening socket and drop every connection. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private accept(client: Socket): void {
    this.track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      this.route(client, head, end + 4);
    };
    client.on('data', onData);
  }

  private route(client: Socket, head: Buffer, bodyStart: number): void {
    const text = head.subarray(0, bodyStart).toString('latin1');
    const target = text.split('\r\n')[0]?.split(' ')[1] ?? '';
    const websocket = /^upgrade:\s*websocket\s*$/im.test(text);
    const fate = this.refuse(target) ? 'refused' : this.hold(target) ? 'held' : 'relayed';
    const connection: RelayedConnection = { target, websocket, fate, closeCodes: [], ended: false };
    this.connections.push(connection);
    client.on('close', () => (connection.ended = true));
    if (fate === 'refused') {
      client.destroy();
      return;
    }
    if (fate === 'held') return;
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    this.track(upstream);
    // pipe() passes each end on; a side gone for good (an error) ends the other after its writes.
    upstream.on('close', () => client.end());
    client.on('close', () => upstream.end());
    if (websocket) {
      const frames = closeFrameReader((code) => connection.closeCodes.push(code));
      frames(head.subarray(bodyStart));
      client.on('data', frames);
    }
    upstream.write(head);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  }
}

/**
 * A reader of the client-to-server websocket frames of one connection (masked, any length):
 * calls `onClose` with the code of every close frame.
 */
function closeFrameReader(onClose: (code: number) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 2) return;
      const opcode = pending[0]! & 0x0f;
      const masked = (pending[1]! & 0x80) !== 0;
      let length = pending[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (pending.length < 10) return;
        length = Number(pending.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = masked ? pending.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (pending.length < offset + length) return;
      if (opcode === 0x8) {
        const payload = Buffer.from(pending.subarray(offset, offset + length));
        if (mask) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
        onClose(payload.length >= 2 ? payload.readUInt16BE(0) : 1005);
      }
      pending = pending.subarray(offset + length);
    }
  };
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago): a node that refuses every connection. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
