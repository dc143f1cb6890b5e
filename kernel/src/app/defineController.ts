import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, Ports, TenantId } from '../ports/index.js';
import type { TenantStore } from '../tenancy/index.js';
import type { Model } from './defineModel.js';
import type { ServiceApi, ServiceDefinition } from './defineService.js';

/** HTTP methods a route can answer. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** The services a controller uses, by the name its handlers see them under. */
export type ServiceMap = Readonly<Record<string, ServiceDefinition<unknown>>>;

/** Created service APIs, keyed like the controller's {@link ServiceMap}. */
export type ServiceApis<S extends ServiceMap> = { readonly [K in keyof S]: ServiceApi<S[K]> };

/** What a route handler receives. */
export interface RouteContext<S extends ServiceMap = ServiceMap, Body = unknown> {
  /** The request's tenant (`"public"` on public routes). */
  readonly tenant: TenantId;
  /** Storage scoped to `tenant`, with its storage quota. */
  readonly store: TenantStore;
  /** Route parameters, decoded; never contain `/`, NUL, or equal `.`/`..`. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed (and, with a `body` model, validated) JSON body; `undefined` without one. */
  readonly body: Body;
  /** The raw request body (empty for GET, or when `streamBody` is set). */
  readonly rawBody: Uint8Array;
  readonly services: ServiceApis<S>;
  readonly ports: Ports;
  /** Logger bound to tenant, method and path. */
  readonly log: Logger;
  /** Aborts when the request times out or the client goes away. */
  readonly signal: AbortSignal;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

/** Options of one route. */
export interface RouteOptions<B extends Model | undefined = undefined> {
  /** Validates the JSON body; a failure answers 400 with the issues. */
  readonly body?: B;
  /** Status of a plain (non-`reply`) result. Default 200, or 204 for `undefined`. */
  readonly status?: number;
  /** Body size limit in bytes for this route. Default: the app's `limits.bodyBytes`. */
  readonly bodyLimit?: number;
  /** Skip tenant resolution and quotas (health checks, login pages). Default false. */
  readonly public?: boolean;
  /** Keep the body as raw bytes only (uploads, signed webhooks): no JSON parsing. Default false. */
  readonly rawBody?: boolean;
  /** One line for the OpenAPI document. */
  readonly summary?: string;
}

type BodyOf<B> = B extends Model ? ReturnType<B['parse']> : unknown;

/** A route handler: returns a JSON value, a `reply(...)`, or `undefined` (204). */
export type RouteHandler<S extends ServiceMap, Body> = (ctx: RouteContext<S, Body>) => unknown;

/** A registered route (what `createApp` and `krepis docs` read). */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly options: RouteOptions<Model | undefined>;
  readonly handler: RouteHandler<ServiceMap, unknown>;
}

type Verb = <B extends Model | undefined = undefined>(path: string, ...rest: [RouteHandler<ServiceMap, unknown>] | [RouteOptions<B>, RouteHandler<ServiceMap, BodyOf<B>>]) => RouteDefinition;

/** The route builder handed to `routes`. */
export interface RouteBuilder<S extends ServiceMap> {
  get(path: string, handler: RouteHandler<S, undefined>): RouteDefinition;
  get(path: string, options: RouteOptions, handler: RouteHandler<S, undefined>): RouteDefinition;
  post<B extends Model | undefined = undefined>(path: string, options: RouteOptions<B>, handler: RouteHandler<S, BodyOf<B>>): RouteDefinition;
  post(path: string, handler: RouteHandler<S, unknown>): RouteDefinition;
  put<B extends Model | undefined = undefined>(path: string, options: RouteOptions<B>, handler: RouteHandler<S, BodyOf<B>>): RouteDefinition;
  put(path: string, handler: RouteHandler<S, unknown>): RouteDefinition;
  patch<B extends Model | undefined = undefined>(path: string, options: RouteOptions<B>, handler: RouteHandler<S, BodyOf<B>>): RouteDefinition;
  patch(path: string, handler: RouteHandler<S, unknown>): RouteDefinition;
  delete(path: string, handler: RouteHandler<S, undefined>): RouteDefinition;
  delete(path: string, options: RouteOptions, handler: RouteHandler<S, undefined>): RouteDefinition;
}

/** A controller: a path prefix, the services it uses, and its routes. */
export interface ControllerDefinition<S extends ServiceMap = ServiceMap> {
  readonly kind: 'controller';
  readonly name: string;
  readonly prefix: string;
  readonly services: S;
  readonly routes: readonly RouteDefinition[];
}

/** Options for {@link defineController}. */
export interface ControllerOptions<S extends ServiceMap> {
  /** Name in logs and docs. Default: the prefix. */
  readonly name?: string;
  /** Prefix for every route path, e.g. `"/todos"`. Default `""`. */
  readonly prefix?: string;
  /** Services the handlers use, under the names they see. Default none. */
  readonly services?: S;
  readonly routes: (route: RouteBuilder<S>) => readonly RouteDefinition[];
}

/**
 * Defines a controller: routes under a prefix, with their services injected by name.
 *
 * @example
 * ```ts
 * export const todosController = defineController({
 *   prefix: '/todos',
 *   services: { todos: todosService },
 *   routes: (route) => [
 *     route.get('/', ({ services, store }) => services.todos.list(store)),
 *     route.post('/', { body: TodoInput, status: 201 }, ({ services, store, body }) => services.todos.create(store, body)),
 *     route.get('/:id', async ({ services, store, params }) => {
 *       const todo = await services.todos.get(store, params.id!);
 *       if (!todo) throw new NotFoundError(`todo ${params.id} not found`);
 *       return todo;
 *     }),
 *   ],
 * });
 * ```
 */
export function defineController<S extends ServiceMap = Record<never, never>>(options: ControllerOptions<S>): ControllerDefinition<S> {
  const prefix = options.prefix ?? '';
  const verb = (method: HttpMethod): Verb => (path, ...rest) => {
    const [routeOptions, handler] = rest.length === 1 ? [{}, rest[0]] : rest;
    return { method, path: joinPath(prefix, path), options: routeOptions as RouteOptions<Model | undefined>, handler: handler as RouteHandler<ServiceMap, unknown> };
  };
  const builder = { get: verb('GET'), post: verb('POST'), put: verb('PUT'), patch: verb('PATCH'), delete: verb('DELETE') } as unknown as RouteBuilder<S>;
  return { kind: 'controller', name: options.name ?? (prefix || '/'), prefix, services: options.services ?? ({} as S), routes: options.routes(builder) };
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}
