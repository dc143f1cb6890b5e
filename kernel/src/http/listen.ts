import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ports } from '../ports/index.js';
import type { Dispatcher } from './Dispatcher.js';

/** Where to listen. */
export interface ListenOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default `"127.0.0.1"`. */
  readonly host?: string;
  /** How long `close()` waits for in-flight requests before cutting connections. Default 10,000 ms. */
  readonly drainTimeoutMs?: number;
}

/** A started server. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  /**
   * Graceful shutdown: stops accepting connections, answers new requests on open connections
   * with 503 + `connection: close`, waits for in-flight requests (up to `drainTimeoutMs`), then
   * closes every connection.
   */
  close(): Promise<void>;
}

/** Starts `server` and wires graceful shutdown to the dispatcher. */
export async function listen(server: Server, dispatcher: Dispatcher, ports: Ports, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = dispatcher.drain();
    let timer;
    await Promise.race([drained, new Promise<void>((resolve) => (timer = ports.clock.setTimer(options.drainTimeoutMs ?? 10_000, resolve)))]);
    if (timer) ports.clock.clearTimer(timer);
    dispatcher.stop();
    server.closeAllConnections();
    await closed;
  };
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => (closing ??= close()),
  };
}
