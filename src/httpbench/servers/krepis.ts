/** The benchmark app on Krepis: started as a child process, prints its port on stdout. */
import { answerCpuProbes } from './cpuProbe.js';
import { createApp, defineController, memoryPorts } from '@krepis/kernel';

const bench = defineController({
  name: 'bench',
  routes: (route) => [
    route.get('/', () => ({ hello: 'world' })),
    route.post('/echo', ({ body }) => body),
    route.get('/users/:id', ({ params }) => ({ id: params.id })),
  ],
});

const app = createApp({ controllers: [bench], ports: memoryPorts(), health: false });
const server = await app.listen({ port: 0 });
process.stdout.write(`${server.port}\n`);
answerCpuProbes();
