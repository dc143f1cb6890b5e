import { defineController, reply } from '@krepis/kernel';
import { __name__Service } from '../services/__kebab__.js';

/** `GET /__kebab__/live`, `/__kebab__/ready`, `/__kebab__/metrics` (public, for probes and scrapers). */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  services: { ops: __name__Service },
  routes: (route) => [
    route.get('/live', { public: true, summary: 'liveness' }, () => ({ status: 'live' })),
    route.get('/ready', { public: true, summary: 'readiness: storage round-trip' }, ({ services }) => services.ops.ready()),
    route.get('/metrics', { public: true, summary: 'Prometheus metrics' }, ({ services }) => {
      services.ops.count('metrics_scrapes');
      const processGauges = `# TYPE app_heap_used_bytes gauge\napp_heap_used_bytes ${process.memoryUsage().heapUsed}\n`;
      return reply(200, services.ops.render() + processGauges, { 'content-type': 'text/plain; version=0.0.4' });
    }),
  ],
});
