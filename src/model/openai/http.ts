import type { KrepisError } from '../../errors/index.js';
import { modelError } from '../errors.js';

/** Where and how to reach an OpenAI-compatible server. */
export interface ServerSettings {
  /** Base URL including `/v1`, e.g. `http://localhost:8080/v1`. */
  url: string;
  apiKey?: string;
  timeoutMs: number;
}

/** A context-size overflow as llama-server, vLLM and OpenAI word it. */
const CONTEXT_EXCEEDED = /context (size|length|window)|exceed|too long|maximum context/i;

function endpoint(settings: ServerSettings, route: string): string {
  return `${settings.url.replace(/\/+$/, '')}${route}`;
}

async function failure(url: string, response: Response): Promise<KrepisError> {
  const body = await response.text().catch(() => '');
  const message = (() => {
    try {
      return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
    } catch {
      return body;
    }
  })().slice(0, 300);
  if (response.status === 400 && CONTEXT_EXCEEDED.test(message)) {
    return modelError('promptTooLong', `${url} rejected the prompt as too long: ${message}`, 'Shorten the prompt, lower `maxTokens`, or use a server with a larger context.', { details: { url, status: response.status } });
  }
  return modelError('serverError', `${url} answered ${response.status}: ${message || response.statusText}`, 'Check the server log and `model.url`, `model.name`, `model.apiKey`.', { details: { url, status: response.status } });
}

/**
 * POSTs JSON to the server, with the request timeout and the caller's signal; a server that cannot
 * be reached or answers with an error is a KrepisError naming the URL.
 */
export async function postJson(settings: ServerSettings, route: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const url = endpoint(settings, route);
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    if (timeout.aborted) throw modelError('timeout', `${url} did not answer within ${settings.timeoutMs} ms`, 'Raise `model.timeoutMs`, or check that the server is not overloaded.', { cause, details: { url } });
    throw modelError('unreachable', `Cannot reach the model server at ${url}: ${(cause as { cause?: { code?: string } }).cause?.code ?? (cause instanceof Error ? cause.message : String(cause))}`, 'Start the server (e.g. `llama-server -m model.gguf --port 8080`) or fix `model.url`.', { cause, details: { url } });
  }
  if (!response.ok) throw await failure(url, response);
  return response;
}

/** The server root (without `/v1`), where llama-server serves `/tokenize`. */
export function serverRoot(settings: ServerSettings): ServerSettings {
  return { ...settings, url: settings.url.replace(/\/+$/, '').replace(/\/v1$/, '') };
}
