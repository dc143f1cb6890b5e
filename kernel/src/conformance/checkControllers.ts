import type { ControllerDefinition, ServiceDefinition } from '../app/index.js';
import { resultOf, type ConformanceIssue, type ConformanceResult } from './types.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Checks controllers: each is a `defineController` result, every route has a method, a path
 * starting with `/`, a handler, a `body` made by `defineModel`, a sane status, and no two routes
 * share method and path (across all controllers given).
 *
 * @example
 * ```ts
 * expect(checkControllers([todosController, healthController])).toEqual({ ok: true });
 * ```
 */
export function checkControllers(controllers: readonly unknown[]): ConformanceResult {
  const issues: ConformanceIssue[] = [];
  const seen = new Map<string, string>();
  for (const candidate of controllers) {
    const controller = candidate as Partial<ControllerDefinition>;
    if (controller?.kind !== 'controller' || !Array.isArray(controller.routes)) {
      issues.push({ rule: 'controller-shape', message: 'not a controller: build it with defineController()' });
      continue;
    }
    for (const route of controller.routes) {
      const where = `${route.method} ${route.path}`;
      if (!METHODS.has(route.method)) issues.push({ rule: 'route-method', message: `${controller.name}: unknown method in ${where}` });
      if (typeof route.path !== 'string' || !route.path.startsWith('/')) issues.push({ rule: 'route-path', message: `${controller.name}: path must start with "/" in ${where}` });
      if (typeof route.handler !== 'function') issues.push({ rule: 'route-handler', message: `${controller.name}: ${where} has no handler function` });
      if (route.options.body !== undefined && route.options.body?.kind !== 'model') issues.push({ rule: 'route-body-model', message: `${controller.name}: ${where} body must come from defineModel()` });
      const status = route.options.status;
      if (status !== undefined && (!Number.isInteger(status) || status < 200 || status > 599)) issues.push({ rule: 'route-status', message: `${controller.name}: ${where} has status ${status}` });
      const key = `${route.method} ${route.path.replace(/:[^/]+/g, ':')}`;
      const previous = seen.get(key);
      if (previous) issues.push({ rule: 'route-duplicate', message: `${where} is defined by both ${previous} and ${controller.name}` });
      else seen.set(key, controller.name ?? '?');
    }
  }
  return resultOf(issues);
}

/**
 * Checks services: each is a `defineService` result with a unique non-empty name.
 *
 * @example
 * ```ts
 * expect(checkServices([todosService, usersService])).toEqual({ ok: true });
 * ```
 */
export function checkServices(services: readonly unknown[]): ConformanceResult {
  const issues: ConformanceIssue[] = [];
  const names = new Set<string>();
  for (const candidate of services) {
    const service = candidate as Partial<ServiceDefinition>;
    if (service?.kind !== 'service' || typeof service.create !== 'function' || !service.name) {
      issues.push({ rule: 'service-shape', message: 'not a service: build it with defineService(name, (ports) => api)' });
      continue;
    }
    if (names.has(service.name)) issues.push({ rule: 'service-duplicate', message: `two services are named "${service.name}"` });
    names.add(service.name);
  }
  return resultOf(issues);
}
