import { runCli } from './program.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write('\nStopping… (Ctrl-C again to force)\n');
  controller.abort(new Error('Interrupted by Ctrl-C'));
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
// Exit deliberately: native engines (embedded SurrealDB, llama.cpp) may keep the event loop alive.
process.exitCode = code;
setTimeout(() => process.exit(code), 50).unref();
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(code);
