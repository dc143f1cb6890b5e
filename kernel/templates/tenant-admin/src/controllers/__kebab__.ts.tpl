import { defineController } from '@krepis/kernel';
import { __Name__Tenant, __name__Service } from '../services/__kebab__.js';

/** `/admin/__kebab__`: tenant management; every route needs `Authorization: Bearer <ADMIN_TOKEN>`. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/admin/__kebab__',
  services: { admin: __name__Service },
  routes: (route) => [
    route.get('/', { public: true, summary: 'list tenants' }, ({ services, headers }) => {
      services.admin.authorize(headers.authorization);
      return services.admin.list();
    }),
    route.post('/', { public: true, body: __Name__Tenant, status: 201, summary: 'create a tenant' }, ({ services, headers, body }) => {
      services.admin.authorize(headers.authorization);
      return services.admin.create(body);
    }),
    route.post('/:id/suspend', { public: true, summary: 'suspend a tenant' }, ({ services, headers, params }) => {
      services.admin.authorize(headers.authorization);
      return services.admin.setStatus(params.id!, 'suspended');
    }),
    route.post('/:id/activate', { public: true, summary: 'reactivate a tenant' }, ({ services, headers, params }) => {
      services.admin.authorize(headers.authorization);
      return services.admin.setStatus(params.id!, 'active');
    }),
    route.delete('/:id', { public: true, summary: 'delete a tenant' }, ({ services, headers, params }) => {
      services.admin.authorize(headers.authorization);
      return services.admin.remove(params.id!);
    }),
  ],
});
