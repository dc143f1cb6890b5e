/**
 * Indexes the project given as argv[2], printing each progress event as a JSON line: the kill
 * test runs this in a child process and kills it mid-index.
 */
import { resolveConfig } from '../../config/index.js';
import { openTriStore } from '../index.js';

const root = process.argv[2];
if (!root) throw new Error('usage: indexChild <project root>');
const store = await openTriStore(await resolveConfig({ cwd: root, env: {} }));
const report = await store.update({ onProgress: (progress) => process.stdout.write(`${JSON.stringify(progress)}\n`) });
process.stdout.write(`${JSON.stringify({ phase: 'finished', symbols: report.symbols, files: report.files.total, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
await store.close();
process.exit(0);
