/** The benchmark app on Fastify 5. */
import { answerCpuProbes } from './cpuProbe.js';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.post('/echo', async (request) => request.body);
app.get<{ Params: { id: string } }>('/users/:id', async (request) => ({ id: request.params.id }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
answerCpuProbes();
