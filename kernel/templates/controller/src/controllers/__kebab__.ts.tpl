import { defineController, NotFoundError } from '@krepis/kernel';

/** Routes under `/__kebab__`. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  routes: (route) => [
    route.get('/', { summary: '__kebab__ index' }, ({ tenant }) => ({ resource: '__kebab__', tenant })),
    route.get('/:id', { summary: 'one __kebab__' }, async ({ store, params }) => {
      const doc = await store.get(`__kebab__/${params.id}`);
      if (!doc) throw new NotFoundError(`__kebab__ ${params.id} not found`);
      return doc.value;
    }),
  ],
});
