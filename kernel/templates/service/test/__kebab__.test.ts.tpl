import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock, memoryPorts, TenantStore } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

test('__kebab__ service: touch counts per id and tenant', async () => {
  const ports = memoryPorts({ clock: new ManualClock(1_000) });
  const service = __name__Service.create(ports);
  const acme = new TenantStore(ports.storage, 'acme');
  await service.touch(acme, 'a');
  assert.deepEqual(await service.touch(acme, 'a'), { id: 'a', count: 2, at: 1_000 });
  assert.equal((await service.touch(new TenantStore(ports.storage, 'globex'), 'a')).count, 1);
});
