import { defineController, reply } from '@krepis/kernel';
import { max__Name__Bytes, __name__Service } from '../services/__kebab__.js';

/** `PUT|GET|DELETE /__kebab__/:name` (raw bytes) and `GET /__kebab__` (list). */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  services: { files: __name__Service },
  routes: (route) => [
    route.get('/', { summary: 'list files' }, ({ services, store }) => services.files.list(store)),
    route.put('/:name', { rawBody: true, bodyLimit: max__Name__Bytes, status: 201, summary: 'upload a file (raw body)' }, ({ services, store, params, rawBody, headers }) =>
      services.files.save(store, params.name!, rawBody, headers['content-type']),
    ),
    route.get('/:name', { summary: 'download a file' }, async ({ services, store, params }) => {
      const file = await services.files.load(store, params.name!);
      return reply(200, file.bytes, { 'content-type': file.info.contentType, 'content-disposition': `attachment; filename="${file.info.name}"` });
    }),
    route.delete('/:name', { summary: 'delete a file' }, ({ services, store, params }) => services.files.remove(store, params.name!)),
  ],
});
