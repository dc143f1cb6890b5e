/** The benchmark app on bare node:http (the ceiling). */
import { answerCpuProbes } from './cpuProbe.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  if (request.method === 'GET' && url === '/') {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    return void response.end(JSON.stringify({ hello: 'world' }));
  }
  if (request.method === 'GET' && url.startsWith('/users/')) {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    return void response.end(JSON.stringify({ id: url.slice(7) }));
  }
  if (request.method === 'POST' && url === '/echo') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    return;
  }
  response.statusCode = 404;
  response.end();
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
answerCpuProbes();
