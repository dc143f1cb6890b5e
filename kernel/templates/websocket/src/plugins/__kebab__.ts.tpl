import { isValidTenantId } from '@krepis/kernel';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Plugin } from '../runtime.js';

const PATH = '/__kebab__';
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * WebSocket endpoint `ws://host/__kebab__?tenant=<id>` (or the `x-tenant-id` header): every JSON
 * message a client sends is broadcast to the other clients of the same tenant, never to others.
 */
export const __name__Plugin: Plugin = ({ server, ports }) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const rooms = new Map<string, Set<WebSocket>>();
  server.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== PATH) return;
    const header = request.headers['x-tenant-id'];
    const tenant = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('tenant') ?? 'default';
    if (!isValidTenantId(tenant)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const room = rooms.get(tenant) ?? new Set<WebSocket>();
      rooms.set(tenant, room.add(ws));
      ws.on('message', (data) => {
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          return ws.send(JSON.stringify({ error: 'messages must be JSON' }));
        }
        const outgoing = JSON.stringify({ tenant, at: ports.clock.now(), message });
        for (const peer of room) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(outgoing);
      });
      ws.on('close', () => room.delete(ws));
    });
  });
  return () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
};
