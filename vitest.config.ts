import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@krepis\/kernel\/conformance$/, replacement: fileURLToPath(new URL('./kernel/src/conformance/index.ts', import.meta.url)) },
      { find: /^@krepis\/kernel$/, replacement: fileURLToPath(new URL('./kernel/src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'kernel/test/**/*.test.ts', 'test/**/*.test.ts', 'models/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
