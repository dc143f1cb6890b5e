import { defineController } from '@krepis/kernel';
import { __Name__Input } from '../models/__kebab__.js';
import { __name__Service } from '../services/__kebab__.js';

/** REST routes for __Name__ under `/__kebab__`. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  services: { __name__: __name__Service },
  routes: (route) => [
    route.get('/', { summary: 'list __kebab__' }, ({ services, store }) => services.__name__.list(store)),
    route.post('/', { body: __Name__Input, status: 201, summary: 'create a __kebab__' }, ({ services, store, body }) => services.__name__.create(store, body)),
    route.get('/:id', { summary: 'read one __kebab__' }, ({ services, store, params }) => services.__name__.get(store, params.id!)),
    route.put('/:id', { body: __Name__Input, summary: 'replace a __kebab__' }, ({ services, store, params, body }) => services.__name__.update(store, params.id!, body)),
    route.delete('/:id', { summary: 'delete a __kebab__' }, async ({ services, store, params }) => {
      await services.__name__.remove(store, params.id!);
    }),
  ],
});
