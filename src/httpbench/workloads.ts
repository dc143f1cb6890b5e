/** The workloads every framework runs: same routes, same payloads. */
export interface Workload {
  readonly name: 'hello' | 'json-echo' | 'route-param';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  /** The JSON every framework must answer with (checked before measuring). */
  readonly expected: unknown;
}

const ECHOED = { id: 42, name: 'Ada Lovelace', tags: ['math', 'engines'], active: true };

export const WORKLOADS: readonly Workload[] = [
  { name: 'hello', method: 'GET', path: '/', expected: { hello: 'world' } },
  { name: 'json-echo', method: 'POST', path: '/echo', body: JSON.stringify(ECHOED), expected: ECHOED },
  { name: 'route-param', method: 'GET', path: '/users/42', expected: { id: '42' } },
];

export const FRAMEWORKS = ['krepis', 'fastify', 'node', 'express'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
