/**
 * The floor in a fresh process (so every round starts with a cold JIT, as `krepis index` does):
 * `floor <root>` parses every file with tree-sitter and nothing else, and prints `{ ms }` as JSON.
 */
import { sourceFiles } from './corpus.js';
import { treeSitterFloor } from './floor.js';

const [mode, root] = process.argv.slice(2);
if (mode !== 'floor' || !root) {
  console.error('usage: coldChild.ts floor <corpus root>');
  process.exit(2);
}
const ms = await treeSitterFloor(await sourceFiles(root));
process.stdout.write(`${JSON.stringify({ ms, symbols: 0 })}\n`);
