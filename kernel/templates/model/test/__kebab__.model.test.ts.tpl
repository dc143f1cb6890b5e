import assert from 'node:assert/strict';
import { test } from 'node:test';
import { __Name__ } from '../src/models/__kebab__.js';

test('__Name__ model: fills defaults and reports every issue', () => {
  assert.deepEqual(__Name__.parse({ name: 'x' }), { name: 'x', tags: [] });
  const result = __Name__.safeParse({ name: '', tags: 'nope' });
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.issues.map((issue) => issue.path).sort(), ['name', 'tags']);
});
