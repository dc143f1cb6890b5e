import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import type { ControllerDefinition, RouteDefinition, ServiceDefinition } from '../app/index.js';
import type { Ports } from '../ports/index.js';
import { singleTenant, type TenantPolicy } from '../tenancy/index.js';
import { listen, type ListenOptions, type RunningServer } from './listen.js';
import { Dispatcher, type ResolvedLimits } from './Dispatcher.js';
import { announceKeepAlive, IdleConnections } from './IdleConnections.js';

const NO_QUERY = Object.freeze({});

/** Limits of an app; every field has a default. */
export interface AppLimits {
  /** Largest request body in bytes. Default 1 MiB. */
  readonly bodyBytes?: number;
  /** A handler still running after this many ms is answered 503 and aborted. Default 30,000. */
  readonly handlerTimeoutMs?: number;
  /** Time a client has to send all headers (slowloris). Default 10,000. */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send the whole request. Default 30,000. */
  readonly requestTimeoutMs?: number;
  /** Idle keep-alive connections close after this many ms. Default 5,000. */
  readonly keepAliveTimeoutMs?: number;
  /** Requests in flight across all tenants before new ones get 503. Default 10,000. */
  readonly maxInFlight?: number;
}

/** Options for {@link createApp}. */
export interface AppOptions {
  readonly controllers: readonly ControllerDefinition[];
  readonly ports: Ports;
  /** Who the tenant of a request is, and its quotas. Default `singleTenant()`. */
  readonly tenancy?: TenantPolicy;
  readonly limits?: AppLimits;
  /** Path of the health endpoint (public GET), or `false` for none. Default `"/health"`. */
  readonly health?: string | false;
}

/** An app: routes, services, and a request handler for `node:http`. */
export interface App {
  readonly routes: readonly RouteDefinition[];
  /** Created services by name. */
  readonly services: Readonly<Record<string, unknown>>;
  /** The `node:http` request listener (usable with any server). */
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** Starts a server (port 0 = any free port) with the app's timeouts. */
  listen(options?: ListenOptions): Promise<RunningServer>;
  /** Creates (without starting) a server configured with the app's limits. */
  createServer(): Server;
}

/**
 * Builds an app from controllers and ports: routing (find-my-way), tenant resolution and quotas,
 * JSON bodies with a size limit, typed errors → status codes, handler timeouts, a health
 * endpoint, and graceful shutdown (`close()` on the running server drains in-flight requests).
 *
 * @example
 * ```ts
 * const app = createApp({
 *   ports: productionPorts({ dataDir: './data' }),
 *   controllers: [todosController],
 *   tenancy: defineTenantPolicy({ quotas: { ratePerSecond: 50, concurrency: 8 } }),
 *   limits: { bodyBytes: 256 * 1024 },
 * });
 * const server = await app.listen({ port: 3000 });
 * process.on('SIGTERM', () => void server.close());
 * ```
 */
export function createApp(options: AppOptions): App {
  const limits = resolveLimits(options.limits);
  const services = createServices(options.controllers, options.ports);
  const routes = options.controllers.flatMap((controller) => controller.routes);
  const dispatcher = new Dispatcher(options.ports, options.tenancy ?? singleTenant(), limits);
  // Handlers read the query lazily (`ctx.query`), so the router need not parse it on every request.
  const router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 500, querystringParser: () => NO_QUERY });
  for (const controller of options.controllers) {
    const scoped = Object.fromEntries(Object.entries(controller.services).map(([name, definition]) => [name, services.get(definition)]));
    for (const route of controller.routes) router.on(route.method, route.path, () => undefined, { route, services: scoped });
  }
  if (options.health !== false) {
    const route: RouteDefinition = { method: 'GET', path: options.health ?? '/health', options: { public: true, summary: 'health check' }, handler: () => dispatcher.health() };
    router.on('GET', route.path, () => undefined, { route, services: {} });
  }
  const maybeCompiled = router as unknown as { compile?: () => void };
  maybeCompiled.compile?.();
  const handle = (request: IncomingMessage, response: ServerResponse) => dispatcher.dispatch(request, response, router.find(request.method as 'GET', request.url ?? '/'));
  const keepAliveMs = limits.keepAliveTimeoutMs;
  const make = () => {
    const server = configureServer(
      createServer({ connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) }, (request, response) => {
        announceKeepAlive(response, keepAliveMs);
        handle(request, response);
      }),
      limits,
    );
    new IdleConnections(options.ports.clock, keepAliveMs, () => dispatcher.busySockets()).watch(server);
    return server;
  };
  return {
    routes,
    services: Object.fromEntries([...services].map(([definition, api]) => [definition.name, api])),
    handle,
    createServer: make,
    listen: (listenOptions) => listen(make(), dispatcher, options.ports, listenOptions),
  };
}

function createServices(controllers: readonly ControllerDefinition[], ports: Ports): Map<ServiceDefinition, unknown> {
  const created = new Map<ServiceDefinition, unknown>();
  for (const controller of controllers) {
    for (const definition of Object.values(controller.services)) if (!created.has(definition)) created.set(definition, definition.create(ports));
  }
  return created;
}

function resolveLimits(limits: AppLimits = {}): ResolvedLimits {
  return {
    bodyBytes: limits.bodyBytes ?? 1024 * 1024,
    handlerTimeoutMs: limits.handlerTimeoutMs ?? 30_000,
    headersTimeoutMs: limits.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: limits.requestTimeoutMs ?? 30_000,
    keepAliveTimeoutMs: limits.keepAliveTimeoutMs ?? 5_000,
    maxInFlight: limits.maxInFlight ?? 10_000,
  };
}

function configureServer(server: Server, limits: ResolvedLimits): Server {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  return server;
}
