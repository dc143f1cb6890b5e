import { productionPorts } from '@krepis/kernel';
import { startApp } from './server.js';

const ports = productionPorts({ dataDir: process.env.DATA_DIR ?? './data' });
const app = await startApp(ports, { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
ports.logger.info('listening', { url: app.url });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    ports.logger.info('shutting down', { signal });
    void app.close().then(() => process.exit(0));
  });
}
