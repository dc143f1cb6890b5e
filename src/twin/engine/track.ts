import type { Run } from './Run.js';

const digestOf = (value: unknown): string => (typeof value === 'object' && value !== null ? (Array.isArray(value) ? `[${value.length}]` : 'object') : String(value));

type World = Pick<Run, 'access'>;

function trackMap<K, V>(world: World, name: string, map: Map<K, V>): Map<K, V> {
  const loc = (key: unknown) => `${name}[${String(key)}]`;
  return new Proxy(map, {
    get(target, prop) {
      switch (prop) {
        case 'get':
          return (key: K) => {
            const value = target.get(key);
            world.access(loc(key), false, digestOf(value));
            return value;
          };
        case 'has':
          return (key: K) => {
            const has = target.has(key);
            world.access(loc(key), false, String(has));
            return has;
          };
        case 'set':
          return (key: K, value: V) => {
            world.access(loc(key), true, digestOf(value));
            target.set(key, value);
            return target;
          };
        case 'delete':
          return (key: K) => {
            world.access(loc(key), true, 'undefined');
            return target.delete(key);
          };
        case 'size':
          world.access(`${name}.size`, false, String(target.size));
          return target.size;
        default: {
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
      }
    },
  });
}

function trackPlain<T extends object>(world: World, name: string, value: T, cache: WeakMap<object, unknown>): T {
  return new Proxy(value, {
    get(target, prop, receiver) {
      const result: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop === 'symbol' || typeof result === 'function') return result;
      world.access(`${name}.${prop}`, false, digestOf(result));
      return typeof result === 'object' && result !== null ? trackValue(world, `${name}.${prop}`, result, cache) : result;
    },
    set(target, prop, next, receiver) {
      if (typeof prop !== 'symbol') world.access(`${name}.${prop}`, true, digestOf(next));
      return Reflect.set(target, prop, next, receiver);
    },
    deleteProperty(target, prop) {
      if (typeof prop !== 'symbol') world.access(`${name}.${prop}`, true, 'undefined');
      return Reflect.deleteProperty(target, prop);
    },
  });
}

function trackValue<T extends object>(world: World, name: string, value: T, cache: WeakMap<object, unknown>): T {
  const known = cache.get(value);
  if (known) return known as T;
  const proxy = value instanceof Map ? (trackMap(world, name, value) as unknown as T) : trackPlain(world, name, value, cache);
  cache.set(value, proxy);
  return proxy;
}

/**
 * Wraps a shared in-memory object so that every read and write by a task is recorded in the
 * run's SimulatedMemory (lost updates across an `await` become atomicity violations).
 */
export function trackObject<T extends object>(world: World, name: string, value: T): T {
  return trackValue(world, name, value, new WeakMap());
}
