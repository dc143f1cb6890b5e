import vm from 'node:vm';

/** A scenario module's body, as the loader calls it (CommonJS shape). */
export type ModuleFunction = (exports: object, require: (id: string) => unknown, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * Globals bound as closure parameters around each module instead of looked up on the context's
 * global: in a `node:vm` context every global read goes through Node's interceptor (a C++ call
 * V8 cannot cache), which cost the overhead benchmark's file scenario about 1 µs per port call.
 * Standard builtins plus the virtual ones (time, timers, process): values fixed for the
 * context's life. A module that assigns one of these names rebinds it for itself only.
 */
const HOISTED = [
  'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'JSON', 'Reflect', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'RegExp', 'ArrayBuffer', 'DataView',
  'Uint8Array', 'Int32Array', 'Uint32Array', 'Float64Array', 'parseInt', 'parseFloat', 'isNaN', 'isFinite',
  'Date', 'Math', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
  'queueMicrotask', 'process', 'performance', 'console', 'TextEncoder', 'TextDecoder', 'Buffer', 'URL', 'URLSearchParams',
] as const;

/**
 * Compiles transformed module code in `context`, with the {@link HOISTED} globals that the context
 * defines bound as parameters of an enclosing function (the module's own declarations shadow them).
 */
export function compileModule(code: string, filename: string, context: vm.Context): ModuleFunction {
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const names = HOISTED.filter((name) => global[name] !== undefined);
  const wrapped = `(function (${names.join(', ')}) { return function (exports, require, module, __filename, __dirname) {${code}\n}; })`;
  const outer = new vm.Script(wrapped, { filename }).runInContext(context) as (...values: unknown[]) => ModuleFunction;
  return outer(...names.map((name) => global[name]));
}
