import { defineController, reply } from '@krepis/kernel';
import { __name__Service } from '../services/__kebab__.js';

/** `POST /webhooks/__kebab__` with header `x-signature: sha256=<hmac of the raw body>`. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/webhooks/__kebab__',
  services: { webhooks: __name__Service },
  routes: (route) => [
    route.post('/', { rawBody: true, bodyLimit: 256 * 1024, summary: 'receive a signed webhook' }, async ({ services, store, rawBody, headers }) => {
      const signature = headers['x-signature'];
      services.webhooks.verify(rawBody, Array.isArray(signature) ? signature[0] : signature);
      const result = await services.webhooks.record(store, rawBody);
      return reply(result.duplicate ? 200 : 202, result);
    }),
  ],
});
