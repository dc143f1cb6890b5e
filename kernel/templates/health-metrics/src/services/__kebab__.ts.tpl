import { defineService, ServiceUnavailableError, TenantStore } from '@krepis/kernel';

/** Counters and readiness for operators (not tenant data: nothing here is per tenant). */
export const __name__Service = defineService('__name__', ({ clock, storage }) => {
  const startedAt = clock.now();
  const counters = new Map<string, number>();
  const probe = new TenantStore(storage, 'system');
  return {
    /** Adds `by` to counter `name` (letters, digits, `_`). */
    count(name: string, by = 1): void {
      counters.set(name, (counters.get(name) ?? 0) + by);
    },
    /** Storage answers a write and a read; throws 503 otherwise. */
    async ready(): Promise<{ status: 'ready'; storageMs: number }> {
      const began = clock.now();
      try {
        await probe.put('__kebab__/probe', { at: began });
        await probe.get('__kebab__/probe');
      } catch (error) {
        throw new ServiceUnavailableError('storage is not answering', { cause: error });
      }
      return { status: 'ready', storageMs: clock.now() - began };
    },
    /** Prometheus text exposition format (deterministic: process gauges are added by the route). */
    render(): string {
      const lines = ['# TYPE app_uptime_seconds gauge', `app_uptime_seconds ${((clock.now() - startedAt) / 1000).toFixed(3)}`];
      for (const [name, value] of [...counters].sort()) lines.push(`# TYPE app_${name}_total counter`, `app_${name}_total ${value}`);
      return `${lines.join('\n')}\n`;
    },
  };
});
