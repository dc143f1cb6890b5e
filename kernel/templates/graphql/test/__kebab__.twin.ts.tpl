import { graphql } from 'graphql';
import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Schema } from '../src/controllers/__kebab__.js';
import { __name__Service } from '../src/services/__kebab__.js';

/** Concurrent GraphQL mutations from two tenants: each tenant sees exactly its own items. */
export default defineScenario({
  name: '__kebab__: concurrent mutations stay in their tenant',
  setup({ ports, track }) {
    return { service: __name__Service.create(ports), storage: ports.storage, created: track('created', [] as { tenant: string; id: string }[]) };
  },
  actors: {
    client: {
      count: 2,
      async run({ app, instance }) {
        const store = new TenantStore(app.storage, instance === 0 ? 'acme' : 'globex');
        const rootValue = { add__Name__: ({ name }: { name: string }) => app.service.add(store, name) };
        const result = await graphql({ schema: __name__Schema, source: `mutation { add__Name__(name: "item-${instance}") { id } }`, rootValue });
        if (result.errors) throw new Error(result.errors[0]!.message);
        app.created.push({ tenant: store.tenant, id: (result.data as { add__Name__: { id: string } }).add__Name__.id });
      },
    },
  },
  finally: {
    'each item is stored for its tenant only': (app, view) =>
      app.created.length === 2 && app.created.every(({ tenant, id }) => view.json('acme', `__kebab__/${id}`) !== undefined === (tenant === 'acme') && view.json('globex', `__kebab__/${id}`) !== undefined === (tenant === 'globex')),
  },
});
