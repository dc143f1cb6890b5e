/**
 * One cold measurement in a fresh process (so every round starts with a cold JIT, as
 * `krepis index` does): `floor <root>` parses every file with tree-sitter and nothing else;
 * `index <root>` runs a cold `update()` on a new store. Prints `{ ms, symbols }` as JSON.
 */
import { resolveConfig } from '../../src/config/index.js';
import { openTriStore } from '../../src/tristore/index.js';
import { sourceFiles } from './corpus.js';
import { treeSitterFloor } from './floor.js';

const [mode, root] = process.argv.slice(2);
if ((mode !== 'floor' && mode !== 'index') || !root) {
  console.error('usage: coldChild.ts floor|index <corpus root>');
  process.exit(2);
}
if (mode === 'floor') {
  const ms = await treeSitterFloor(await sourceFiles(root));
  process.stdout.write(`${JSON.stringify({ ms, symbols: 0 })}\n`);
} else {
  const store = await openTriStore(await resolveConfig({ cwd: root, env: {} }));
  const started = performance.now();
  const report = await store.update();
  const ms = performance.now() - started;
  await store.close();
  process.stdout.write(`${JSON.stringify({ ms, symbols: report.symbols, edges: report.edges, vectors: report.vectors })}\n`);
}
// The embedded graph engine can keep the process alive after close() (surrealdb.js#673).
process.exit(0);
