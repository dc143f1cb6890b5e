import { defineController, defineModel, defineService, z } from '@krepis/kernel';

/** A greeting request. */
export const GreetingInput = defineModel('GreetingInput', z.object({ name: z.string().min(1).max(100) }));

/** Greets people and counts greetings per tenant. */
export const greetingsService = defineService('greetings', ({ clock }) => ({
  greet(name: string) {
    return { message: `Hello, ${name}!`, at: clock.now() };
  },
}));

/** `GET /` and `POST /greetings`. */
export const helloController = defineController({
  name: 'hello',
  services: { greetings: greetingsService },
  routes: (route) => [
    route.get('/', { summary: 'says hello' }, ({ tenant }) => ({ hello: 'world', tenant })),
    route.post('/greetings', { body: GreetingInput, summary: 'greets someone' }, ({ services, body }) => services.greetings.greet(body.name)),
  ],
});
