import type { Ports } from '../ports/index.js';

/** A service: business logic built once per app from the injected {@link Ports}. */
export interface ServiceDefinition<Api = unknown> {
  readonly kind: 'service';
  readonly name: string;
  create(ports: Ports): Api;
}

/** The API a {@link ServiceDefinition} creates. @example `type Todos = ServiceApi<typeof todosService>;` */
export type ServiceApi<S> = S extends ServiceDefinition<infer Api> ? Api : never;

/**
 * Defines a service. Its factory receives the ports (clock, random, storage, journal, locks,
 * net, logger) and returns the service's API; it must use nothing nondeterministic besides them,
 * so the twin can run it. Methods that touch tenant data take a `TenantStore`.
 *
 * @example
 * ```ts
 * export const todosService = defineService('todos', ({ clock, random }) => ({
 *   async create(store: TenantStore, input: TodoInput) {
 *     const id = Buffer.from(random.bytes(8)).toString('hex');
 *     const todo = { id, ...input, createdAt: clock.now() };
 *     await store.put(`todos/${id}`, todo, { ifVersion: 0 });
 *     return todo;
 *   },
 *   list: async (store: TenantStore) => (await store.list<Todo>({ prefix: 'todos/' })).map((doc) => doc.value),
 * }));
 * ```
 */
export function defineService<Api>(name: string, create: (ports: Ports) => Api): ServiceDefinition<Api> {
  return { kind: 'service', name, create };
}
