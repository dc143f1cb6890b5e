import { defineController, defineModel, defineService, NotFoundError, type TenantStore, z } from '../src/index.js';

export const TodoInput = defineModel('TodoInput', z.object({ title: z.string().min(1).max(200), done: z.boolean().default(false) }));
export interface Todo {
  id: string;
  title: string;
  done: boolean;
  createdAt: number;
}

export const todosService = defineService('todos', ({ clock, random }) => ({
  async create(store: TenantStore, input: { title: string; done: boolean }): Promise<Todo> {
    const todo = { id: Buffer.from(random.bytes(6)).toString('hex'), ...input, createdAt: clock.now() };
    await store.put(`todos/${todo.id}`, todo, { ifVersion: 0 });
    return todo;
  },
  async get(store: TenantStore, id: string): Promise<Todo | undefined> {
    return (await store.get<Todo>(`todos/${id}`))?.value;
  },
  async list(store: TenantStore): Promise<Todo[]> {
    return (await store.list<Todo>({ prefix: 'todos/' })).map((doc) => doc.value);
  },
}));

export const todosController = defineController({
  prefix: '/todos',
  services: { todos: todosService },
  routes: (route) => [
    route.get('/', ({ services, store }) => services.todos.list(store)),
    route.post('/', { body: TodoInput, status: 201 }, ({ services, store, body }) => services.todos.create(store, body)),
    route.get('/:id', async ({ services, store, params }) => {
      const todo = await services.todos.get(store, params.id!);
      if (!todo) throw new NotFoundError(`todo ${params.id} not found`);
      return todo;
    }),
  ],
});
