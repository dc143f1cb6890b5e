import { memoryPorts, type Ports } from '@krepis/kernel';
import { startApp, type StartedApp } from '../src/server.js';

/** A running test app on port 0 with in-memory ports, and a fetch helper that sends the tenant. */
export interface TestApp extends StartedApp {
  readonly ports: Ports;
  request(path: string, init?: RequestInit & { tenant?: string }): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit & { tenant?: string }): Promise<{ status: number; body: T }>;
}

export async function startTestApp(overrides: Partial<Ports> = {}): Promise<TestApp> {
  const ports = memoryPorts(overrides);
  const app = await startApp(ports);
  const request = (path: string, init: RequestInit & { tenant?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('x-tenant-id', init.tenant ?? 'default');
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${app.url}${path}`, { ...init, headers });
  };
  return {
    ...app,
    ports,
    request,
    async json<T>(path: string, init?: RequestInit & { tenant?: string }) {
      const response = await request(path, init);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}
