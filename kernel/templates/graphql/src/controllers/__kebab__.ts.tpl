import { buildSchema, graphql } from 'graphql';
import { defineController, defineModel, reply, z, type TenantStore } from '@krepis/kernel';
import { __name__Service, type __Name__Item } from '../services/__kebab__.js';

/** The GraphQL schema. */
export const __name__Schema = buildSchema(`
  type __Name__ { id: ID!, name: String!, createdAt: Float! }
  type Query { __name__s: [__Name__!]!, __name__(id: ID!): __Name__ }
  type Mutation { add__Name__(name: String!): __Name__! }
`);

/** A GraphQL request body. */
export const __Name__Request = defineModel('__Name__Request', z.object({
  query: z.string().min(1).max(20_000),
  variables: z.record(z.string(), z.unknown()).optional(),
  operationName: z.string().optional(),
}));

type Service = ReturnType<typeof __name__Service.create>;
const rootFor = (service: Service, store: TenantStore) => ({
  __name__s: (): Promise<__Name__Item[]> => service.all(store),
  __name__: ({ id }: { id: string }) => service.one(store, id),
  add__Name__: ({ name }: { name: string }) => service.add(store, name),
});

/** `POST /__kebab__`: GraphQL over JSON, resolved against the request's tenant. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  services: { items: __name__Service },
  routes: (route) => [
    route.post('/', { body: __Name__Request, summary: 'GraphQL endpoint' }, async ({ services, store, body }) => {
      const result = await graphql({ schema: __name__Schema, source: body.query, rootValue: rootFor(services.items, store), variableValues: body.variables, operationName: body.operationName });
      return reply(result.errors && !result.data ? 400 : 200, result);
    }),
  ],
});
