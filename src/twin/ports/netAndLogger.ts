import type { LogFields, Logger, Net, NetResponse } from '@krepis/kernel';
import type { Run } from '../engine/Run.js';
import { TwinIoError, TwinTimeoutError } from './faultErrors.js';

const OK: NetResponse = { status: 200, headers: {}, body: new Uint8Array() };

/** Outbound network: every call is a scheduling point that takes virtual time and may fail under chaos. */
export function createSimulatedNet(run: Run): Net {
  return {
    fetch(request) {
      const label = `net ${request.method ?? 'GET'} ${request.url}`;
      const delay = 1 + run.faults.latency();
      return run.issue(label, [{ loc: `net:${request.url}`, write: true }], () => {
        if (request.signal?.aborted) throw request.signal.reason;
        if (run.faults.timeout()) throw new TwinTimeoutError(label);
        if (run.faults.ioError()) throw new TwinIoError(label);
        return OK;
      }, { readyAt: run.now + delay, note: (response) => `→ ${response.status}` });
    },
  };
}

/** Logger whose lines go into the trace (no scheduling point). */
export function createTraceLogger(run: Run, base: LogFields = {}): Logger {
  const line = (level: string) => (message: string, fields?: LogFields) => {
    const task = run.current;
    const all = { ...base, ...fields };
    const note = Object.keys(all).length > 0 ? JSON.stringify(all) : undefined;
    run.logLine(task, `log.${level} ${message}`, note);
  };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    child: (fields) => createTraceLogger(run, { ...base, ...fields }),
  };
}
