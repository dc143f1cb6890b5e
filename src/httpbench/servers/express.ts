/** The benchmark app on Express 5. */
import { answerCpuProbes } from './cpuProbe.js';
import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
app.use(express.json());
app.get('/', (_request, response) => void response.json({ hello: 'world' }));
app.post('/echo', (request, response) => void response.json(request.body));
app.get('/users/:id', (request, response) => void response.json({ id: request.params.id }));
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
answerCpuProbes();
