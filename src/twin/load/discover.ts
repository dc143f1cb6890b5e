import path from 'node:path';
import { glob } from 'tinyglobby';

/** Every `*.twin.ts` file under `root`, outside node_modules and build output, sorted. */
export async function discoverScenarioFiles(root: string): Promise<string[]> {
  const files = await glob(['**/*.twin.ts'], { cwd: root, absolute: true, ignore: ['**/node_modules/**', '**/dist/**', '**/.krepis/**', '**/.git/**'] });
  return files.map((file) => path.resolve(file)).sort();
}
