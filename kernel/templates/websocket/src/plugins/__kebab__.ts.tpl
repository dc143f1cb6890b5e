import { isValidTenantId, type Clock } from '@krepis/kernel';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Plugin } from '../runtime.js';

const PATH = '/__kebab__';
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Anything that can receive a text frame (a WebSocket, or a stand-in in a twin scenario). */
export interface __Name__Peer {
  send(text: string): void;
}

/** Per-tenant rooms: a message goes to the other peers of the sender's tenant, never further. */
export function create__Name__Rooms(clock: Clock) {
  const rooms = new Map<string, Set<__Name__Peer>>();
  return {
    join(tenant: string, peer: __Name__Peer): void {
      const room = rooms.get(tenant) ?? new Set<__Name__Peer>();
      rooms.set(tenant, room.add(peer));
    },
    leave(tenant: string, peer: __Name__Peer): void {
      const room = rooms.get(tenant);
      room?.delete(peer);
      if (room?.size === 0) rooms.delete(tenant);
    },
    broadcast(tenant: string, from: __Name__Peer, message: unknown): number {
      const outgoing = JSON.stringify({ tenant, at: clock.now(), message });
      let delivered = 0;
      for (const peer of rooms.get(tenant) ?? []) {
        if (peer === from) continue;
        peer.send(outgoing);
        delivered++;
      }
      return delivered;
    },
  };
}

/**
 * WebSocket endpoint `ws://host/__kebab__?tenant=<id>` (or the `x-tenant-id` header): every JSON
 * message a client sends is broadcast to the other clients of the same tenant, never to others.
 */
export const __name__Plugin: Plugin = ({ server, ports }) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const rooms = create__Name__Rooms(ports.clock);
  server.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== PATH) return;
    const header = request.headers['x-tenant-id'];
    const tenant = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('tenant') ?? 'default';
    if (!isValidTenantId(tenant)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const peer: __Name__Peer = { send: (text) => ws.readyState === ws.OPEN && ws.send(text) };
      rooms.join(tenant, peer);
      ws.on('message', (data) => {
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          return ws.send(JSON.stringify({ error: 'messages must be JSON' }));
        }
        rooms.broadcast(tenant, peer, message);
      });
      ws.on('close', () => rooms.leave(tenant, peer));
    });
  });
  return () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
};
