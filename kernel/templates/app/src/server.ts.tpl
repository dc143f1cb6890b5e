import { createApp, defineTenantPolicy, Scheduler, type Ports, type RunningServer } from '@krepis/kernel';
import { controllers, plugins } from './app.js';

/** A started app: the HTTP server, its scheduler, and `close()` that stops both gracefully. */
export interface StartedApp {
  readonly server: RunningServer;
  readonly scheduler: Scheduler;
  readonly url: string;
  close(): Promise<void>;
}

/** Builds and starts the app on `ports` (production or test ports). */
export async function startApp(ports: Ports, options: { port?: number; host?: string } = {}): Promise<StartedApp> {
  const tenancy = defineTenantPolicy({ defaultTenant: 'default', quotas: { ratePerSecond: 200, burst: 400, concurrency: 64 } });
  const app = createApp({ controllers, ports, tenancy });
  const server = await app.listen({ port: options.port ?? 0, host: options.host });
  const scheduler = new Scheduler(ports.clock, ports.logger);
  const cleanups: unknown[] = [];
  for (const plugin of plugins) cleanups.push(await plugin({ ports, scheduler, server }));
  return {
    server,
    scheduler,
    url: server.url,
    async close() {
      for (const cleanup of cleanups) if (typeof cleanup === 'function') await cleanup();
      await scheduler.stop();
      await server.close();
    },
  };
}
