import type { ControllerDefinition, ServiceDefinition } from '@krepis/kernel';
import type { Plugin } from './runtime.js';
import { helloController, greetingsService } from './controllers/hello.js';
// krepis:imports

/** Every controller of the app; `krepis generate` adds new ones here. */
export const controllers: ControllerDefinition[] = [
  helloController,
  // krepis:controllers
];

/** Services (listed for conformance checks; controllers inject the ones they use). */
export const services: ServiceDefinition[] = [
  greetingsService,
  // krepis:services
];

/** Plugins start jobs and attach protocols (WebSocket, cron, workers) once the server runs. */
export const plugins: Plugin[] = [
  // krepis:plugins
];
