import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Clock, TimerHandle } from '../ports/index.js';

/** What the sweep remembers of a connection: its I/O count when last seen, and sweeps since it moved. */
interface Seen {
  bytes: number;
  quiet: number;
}

/**
 * Closes keep-alive connections that have been idle for `timeoutMs`, with one timer for all of
 * them. Node's own keep-alive timeout re-arms a timer on the socket around every request, about
 * 5 µs of the ~50 µs a small request costs here; a sweep every quarter of the timeout costs
 * nothing per request. A connection is idle when no request of it is in flight, nothing is left
 * to write and it has neither read nor written a byte for the whole time, so it is closed after
 * `timeoutMs` to `timeoutMs` + two sweeps of silence.
 */
export class IdleConnections {
  private readonly seen = new Map<Socket, Seen>();
  private sweeper: TimerHandle | undefined;
  private readonly everyMs: number;
  private readonly quietSweeps: number;

  constructor(
    private readonly clock: Clock,
    timeoutMs: number,
    /** The sockets with a request in flight. */
    private readonly busy: () => Iterable<Socket>,
  ) {
    this.everyMs = Math.max(50, Math.floor(timeoutMs / 4));
    this.quietSweeps = Math.ceil(timeoutMs / this.everyMs) + 1;
  }

  /** Takes over `server`'s keep-alive timeout (`keepAliveMs` still goes out in each response's `Keep-Alive` header). */
  watch(server: Server): void {
    server.keepAliveTimeout = 0;
    server.on('connection', (socket: Socket) => {
      this.seen.set(socket, { bytes: -1, quiet: 0 });
      socket.once('close', () => this.seen.delete(socket));
      this.sweeper ??= this.clock.setTimer(this.everyMs, () => this.sweep());
    });
    server.once('close', () => this.stop());
  }

  stop(): void {
    if (this.sweeper) this.clock.clearTimer(this.sweeper);
    this.sweeper = undefined;
  }

  private sweep(): void {
    this.sweeper = undefined;
    const busy = new Set(this.busy());
    for (const [socket, seen] of this.seen) {
      const bytes = socket.bytesRead + socket.bytesWritten;
      if (busy.has(socket) || socket.writableLength > 0 || bytes !== seen.bytes) {
        seen.bytes = bytes;
        seen.quiet = 0;
      } else if (++seen.quiet >= this.quietSweeps) socket.destroy();
    }
    if (this.seen.size > 0) this.sweeper = this.clock.setTimer(this.everyMs, () => this.sweep());
  }
}

/**
 * Has Node announce `Keep-Alive: timeout=…` in `response` as its own keep-alive timeout would:
 * clients that pool connections use it to stop reusing one before the server closes it.
 */
export function announceKeepAlive(response: ServerResponse, timeoutMs: number): void {
  (response as ServerResponse & { _keepAliveTimeout: number })._keepAliveTimeout = timeoutMs;
}
