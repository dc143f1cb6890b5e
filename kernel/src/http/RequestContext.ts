import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RouteContext } from '../app/index.js';
import type { Logger, Ports, TenantId } from '../ports/index.js';
import { TenantStore } from '../tenancy/index.js';
import type { InFlightLinks } from './InFlightList.js';
import type { TenantState } from './TenantGuard.js';

const EMPTY = new Uint8Array(0);

/** The concrete {@link RouteContext}: expensive parts (query, store, logger, signal) are made on first use. */
export class RequestContext implements RouteContext, InFlightLinks<RequestContext> {
  body: unknown = undefined;
  rawBody: Uint8Array = EMPTY;
  controller: AbortController | undefined = undefined;
  /** Holds a tenant concurrency slot to give back. */
  guarded = false;
  // Links of the dispatcher's in-flight list.
  prev: RequestContext | null = null;
  next: RequestContext | null = null;
  listed = false;
  private storeCache: TenantStore | undefined = undefined;
  private logCache: Logger | undefined = undefined;

  readonly tenant: TenantId;

  constructor(
    readonly state: TenantState,
    readonly params: Readonly<Record<string, string>>,
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly services: Readonly<Record<string, never>>,
    readonly ports: Ports,
    /** The dispatcher's sweep count when the request started (its handler timeout counts sweeps). */
    readonly startSweep: number,
  ) {
    this.tenant = state.tenant;
  }

  get headers(): IncomingHttpHeaders {
    return this.request.headers;
  }

  get query(): URLSearchParams {
    const url = this.request.url ?? '';
    const mark = url.indexOf('?');
    return new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  }

  get store(): TenantStore {
    return (this.storeCache ??= new TenantStore(this.ports.storage, this.tenant, this.state.quotas));
  }

  get log(): Logger {
    return (this.logCache ??= this.ports.logger.child({ tenant: this.tenant, method: this.request.method, path: this.request.url }));
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      this.response.once('close', () => {
        if (!this.response.writableFinished) controller.abort(new Error('client closed the connection'));
      });
    }
    return this.controller.signal;
  }
}
