/**
 * The code every isolate starts with (CommonJS, evaluated by `new Worker(…, { eval: true })` so it
 * needs no file on disk): network modules and `fetch` are replaced by functions that throw, then
 * the generated code runs as a CommonJS module (top-level await allowed) and its `entry` export,
 * if named, is called. With `stubImports`, every non-builtin import is a do-nothing stub, so a
 * module can be evaluated alone.
 */
export const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const denied = (what) => () => { const error = new Error('network access is disabled in the isolate (' + what + ')'); error.code = 'KREPIS_ISOLATE_NO_NETWORK'; throw error; };
const net = require('node:net');
net.connect = net.createConnection = denied('net.connect');
net.Socket.prototype.connect = denied('socket.connect');
const tls = require('node:tls');
tls.connect = denied('tls.connect');
const dns = require('node:dns');
dns.lookup = dns.resolve = denied('dns');
dns.promises.lookup = dns.promises.resolve = denied('dns');
for (const name of ['node:http', 'node:https', 'node:http2']) {
  const mod = require(name);
  for (const key of ['request', 'get', 'connect']) if (typeof mod[key] === 'function') mod[key] = denied(name + '.' + key);
}
globalThis.fetch = async () => denied('fetch')();
globalThis.WebSocket = undefined;
const dgram = require('node:dgram');
dgram.createSocket = denied('dgram');
const childProcess = require('node:child_process');
for (const key of Object.keys(childProcess)) if (typeof childProcess[key] === 'function') childProcess[key] = denied('child_process.' + key);

const builtins = new Set(require('node:module').builtinModules);
const isBuiltin = (id) => id.startsWith('node:') || builtins.has(id);
const stub = new Proxy(function stub() {}, {
  get: (target, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => 0 : key === Symbol.iterator ? function* () {} : key === '__esModule' ? true : stub),
  apply: () => stub,
  construct: () => stub,
});
const load = workerData.stubImports ? (id) => (isBuiltin(id) ? require(id) : stub) : require;
const AsyncFunction = (async () => {}).constructor;

(async () => {
  const module = { exports: {} };
  await new AsyncFunction('module', 'exports', 'require', workerData.code)(module, module.exports, load);
  const exported = workerData.entry ? module.exports[workerData.entry] : undefined;
  if (workerData.entry && typeof exported !== 'function') throw new Error('the code exports no function "' + workerData.entry + '"');
  const value = exported ? await exported(workerData.input) : undefined;
  parentPort.postMessage({ ok: true, value });
})().catch((error) => {
  parentPort.postMessage({ ok: false, message: String(error && error.message || error), code: error && error.code });
});
`;
