import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError, defineService, UnauthorizedError, type TenantStore } from '@krepis/kernel';

/** The shared secret: set `__kebab__`'s secret in the environment for production. */
export const __name__Secret = (): string => process.env.__name__Secret ?? process.env.WEBHOOK_SECRET ?? 'dev-webhook-secret';

/** `sha256=<hex>` of `body` under `secret`, as senders compute it. */
export function sign__Name__(body: Uint8Array | string, secret = __name__Secret()): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

interface StoredEvent { id: string; type: string; receivedAt: number; data: unknown }

/** Verifies and records webhook deliveries; a redelivered event id is acknowledged, not stored twice. */
export const __name__Service = defineService('__name__', ({ clock }) => ({
  verify(rawBody: Uint8Array, signature: string | undefined): void {
    const expected = Buffer.from(sign__Name__(rawBody));
    const given = Buffer.from(signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError('bad webhook signature');
  },
  async record(store: TenantStore, rawBody: Uint8Array): Promise<{ id: string; duplicate: boolean }> {
    let event: { id?: unknown; type?: unknown; data?: unknown };
    try {
      event = JSON.parse(Buffer.from(rawBody).toString('utf8')) as typeof event;
    } catch {
      throw new BadRequestError('webhook body is not JSON');
    }
    if (typeof event.id !== 'string' || !/^[\w-]{1,100}$/.test(event.id) || typeof event.type !== 'string') throw new BadRequestError('webhook needs string "id" and "type"');
    const stored: StoredEvent = { id: event.id, type: event.type, receivedAt: clock.now(), data: event.data };
    const written = await store.put(`__kebab__/events/${event.id}`, stored, { ifVersion: 0 });
    return { id: event.id, duplicate: !written.ok };
  },
}));
