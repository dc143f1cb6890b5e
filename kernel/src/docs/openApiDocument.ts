import { z } from 'zod';
import type { ControllerDefinition, RouteDefinition } from '../app/index.js';

/** Options for {@link openApiDocument}. */
export interface OpenApiOptions {
  /** Default `"Krepis app"`. */
  readonly title?: string;
  /** Default `"0.1.0"`. */
  readonly version?: string;
  /** The tenant header documented on tenant routes. Default `"x-tenant-id"`. */
  readonly tenantHeader?: string;
}

type JsonObject = Record<string, unknown>;

const ERROR_STATUSES: Readonly<Record<string, string>> = {
  '400': 'bad request: malformed JSON, invalid body, bad parameter or tenant',
  '403': 'unknown tenant or not allowed',
  '404': 'not found',
  '413': 'body too large',
  '429': 'tenant rate or concurrency quota exceeded',
  '503': 'overloaded, timed out or shutting down',
};

/**
 * An OpenAPI 3.1 document of an app's routes: paths with their parameters, request bodies
 * (JSON Schema from each route's zod model), the tenant header on tenant routes, and the kernel's
 * error answers. Pure; `krepis docs` writes it to `docs/openapi.json`.
 *
 * @example
 * ```ts
 * const document = openApiDocument([todosController], { title: 'Todos API', version: '1.0.0' });
 * await writeFile('docs/openapi.json', JSON.stringify(document, null, 2));
 * ```
 */
export function openApiDocument(controllers: readonly ControllerDefinition[], options: OpenApiOptions = {}): JsonObject {
  const paths: Record<string, JsonObject> = {};
  const schemas: Record<string, unknown> = { KernelError: errorSchema() };
  for (const controller of controllers) {
    for (const route of controller.routes) {
      const openPath = route.path.replace(/:(\w+)/g, '{$1}');
      paths[openPath] = { ...paths[openPath], [route.method.toLowerCase()]: operation(route, controller.name, schemas, options.tenantHeader ?? 'x-tenant-id') };
    }
  }
  return { openapi: '3.1.0', info: { title: options.title ?? 'Krepis app', version: options.version ?? '0.1.0' }, paths, components: { schemas } };
}

function operation(route: RouteDefinition, tag: string, schemas: Record<string, unknown>, tenantHeader: string): JsonObject {
  const parameters: JsonObject[] = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (route.options.public !== true) parameters.push({ name: tenantHeader, in: 'header', required: false, description: 'tenant id (the default tenant when omitted, if the app has one)', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$' } });
  const words = route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase());
  const result: JsonObject = { tags: [tag], operationId: `${route.method.toLowerCase()}${words || 'Root'}`, parameters };
  if (route.options.summary) result.summary = route.options.summary;
  const model = route.options.body;
  if (model) {
    schemas[model.name] = z.toJSONSchema(model.schema, { io: 'input', unrepresentable: 'any' });
    result.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${model.name}` } } } };
  } else if (route.options.rawBody) {
    result.requestBody = { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
  }
  const status = String(route.options.status ?? 200);
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/KernelError' } } };
  result.responses = { [status]: { description: 'success' }, ...Object.fromEntries(Object.entries(ERROR_STATUSES).map(([code, description]) => [code, { description, content: errorContent }])) };
  return result;
}

function errorSchema(): JsonObject {
  return {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' }, details: { type: 'object' } } } },
  };
}
