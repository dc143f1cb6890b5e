import { defineController } from '@krepis/kernel';
import { __Name__Credentials, __name__Service } from '../services/__kebab__.js';

/** `POST /__kebab__/register|login|logout`, `GET /__kebab__/me`. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  services: { auth: __name__Service },
  routes: (route) => [
    route.post('/register', { body: __Name__Credentials, status: 201, summary: 'create an account' }, ({ services, store, body }) => services.auth.register(store, body)),
    route.post('/login', { body: __Name__Credentials, summary: 'log in, get a session token' }, ({ services, store, body }) => services.auth.login(store, body)),
    route.get('/me', { summary: 'the logged-in user' }, async ({ services, store, headers }) => {
      const session = await services.auth.authenticate(store, headers.authorization);
      return { id: session.userId, email: session.email };
    }),
    route.post('/logout', { summary: 'end the session' }, async ({ services, store, headers }) => {
      await services.auth.logout(store, await services.auth.authenticate(store, headers.authorization));
    }),
  ],
});
