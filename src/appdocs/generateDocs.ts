import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openApiDocument, type ControllerDefinition } from '@krepis/kernel';
import { createJiti } from 'jiti';
import { Application, LogLevel } from 'typedoc';
import { KrepisError } from '../errors/index.js';

/** What `krepis docs` wrote. */
export interface DocsResult {
  readonly openapi: string;
  readonly routes: number;
  /** The TypeDoc HTML folder, or undefined with `api: false`. */
  readonly api?: string;
  readonly warnings: number;
}

const docsError = (code: `KREPIS_DOCS_${string}`, message: string, hint: string, cause?: unknown) => new KrepisError(code, message, { hint, kind: 'usage', cause });

/** Imports the app's `src/app.ts` (TypeScript, through jiti) and returns its controllers. */
export async function loadControllers(root: string): Promise<ControllerDefinition[]> {
  const entry = path.join(root, 'src', 'app.ts');
  if (!existsSync(entry)) throw docsError('KREPIS_DOCS_NOT_AN_APP', `${root} has no src/app.ts`, 'run it in an app made by `krepis init` (or pass --cwd <app>)');
  let loaded: { controllers?: unknown };
  try {
    loaded = await createJiti(path.join(root, 'package.json'), { moduleCache: false }).import<{ controllers?: unknown }>(entry);
  } catch (error) {
    throw docsError('KREPIS_DOCS_LOAD', `could not load ${entry}: ${(error as Error).message}`, 'fix the error above (`npm test` in the app shows it too)', error);
  }
  if (!Array.isArray(loaded.controllers)) throw docsError('KREPIS_DOCS_NO_CONTROLLERS', `${entry} exports no \`controllers\` array`, 'export `controllers` from src/app.ts as `krepis init` does');
  return loaded.controllers as ControllerDefinition[];
}

/**
 * Writes `docs/openapi.json` (every route, from the app's controllers) and, unless `api` is
 * false, `docs/api/` (HTML from the TSDoc of `src/`, via TypeDoc).
 */
export async function generateDocs(root: string, options: { api?: boolean } = {}): Promise<DocsResult> {
  const controllers = await loadControllers(root);
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8').catch(() => '{}')) as { name?: string; version?: string };
  const document = openApiDocument(controllers, { title: pkg.name, version: pkg.version });
  const out = path.join(root, 'docs');
  await mkdir(out, { recursive: true });
  const openapi = path.join(out, 'openapi.json');
  await writeFile(openapi, `${JSON.stringify(document, null, 2)}\n`);
  const routes = controllers.reduce((sum, controller) => sum + controller.routes.length, 0);
  if (options.api === false) return { openapi, routes, warnings: 0 };
  const app = await Application.bootstrapWithPlugins({
    entryPoints: [path.join(root, 'src')],
    entryPointStrategy: 'expand',
    exclude: ['**/*.test.ts', '**/*.twin.ts'],
    tsconfig: path.join(root, 'tsconfig.json'),
    name: pkg.name ?? 'app',
    logLevel: LogLevel.Error,
    skipErrorChecking: true,
  });
  const project = await app.convert();
  if (!project) throw docsError('KREPIS_DOCS_TYPEDOC', 'TypeDoc could not convert the app', 'run `npm test` in the app to see type errors');
  const api = path.join(out, 'api');
  await app.generateDocs(project, api);
  return { openapi, routes, api, warnings: app.logger.warningCount };
}
