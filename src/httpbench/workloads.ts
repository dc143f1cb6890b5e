/** The workloads every framework runs: same routes, same payloads. */
export interface Workload {
  readonly name: 'hello' | 'json-echo' | 'route-param';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'hello', method: 'GET', path: '/' },
  { name: 'json-echo', method: 'POST', path: '/echo', body: JSON.stringify({ id: 42, name: 'Ada Lovelace', tags: ['math', 'engines'], active: true }) },
  { name: 'route-param', method: 'GET', path: '/users/42' },
];

export const FRAMEWORKS = ['krepis', 'fastify', 'node', 'express'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
