import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileModule } from './moduleWrapper.js';
import { createVirtualGlobals } from './virtualGlobals.js';

describe('compileModule', () => {
  it("binds the context's own globals, which the module's declarations shadow and assignments rebind locally", () => {
    const context = vm.createContext({ ...createVirtualGlobals(), hostPromise: Promise });
    const code = [
      'const Map = "mine";',
      'Number = () => 7;',
      'exports.map = Map;',
      'exports.number = Number("1");',
      'exports.sameDate = Date === globalThis.Date;',
      'exports.realmPromise = Promise === globalThis.Promise && Promise !== hostPromise;',
      'exports.globalNumber = globalThis.Number("1");',
    ].join('\n');
    const module = { exports: {} as Record<string, unknown> };
    compileModule(code, 'probe.ts', context)(module.exports, () => undefined, module, 'probe.ts', '.');
    expect(module.exports).toEqual({ map: 'mine', number: 7, sameDate: true, realmPromise: true, globalNumber: 1 });
  });
});
