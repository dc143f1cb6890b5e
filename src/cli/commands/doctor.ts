import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/index.js';
import type { CommandModule } from '../command.js';
import { checkBackend, checkModel } from './doctorModel.js';

export interface DoctorCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** What to do about it, for `warn` and `fail`. */
  fix?: string;
  data?: Record<string, unknown>;
}

const MIN_NODE_MAJOR = 20;

function checkNode(): DoctorCheck {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= MIN_NODE_MAJOR
    ? { name: 'node', status: 'ok', detail: `Node.js ${process.versions.node}` }
    : { name: 'node', status: 'fail', detail: `Node.js ${process.versions.node}`, fix: `Install Node.js ${MIN_NODE_MAJOR} or newer.` };
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function checkStore(config: ResolvedConfig): Promise<DoctorCheck> {
  const dir = path.resolve(config.root, config.index.dir);
  const remote = [config.graph.url && `graph ${config.graph.url}`, config.vectors.url && `vectors ${config.vectors.url}`].filter(Boolean);
  const where = remote.length > 0 ? ` (remote: ${remote.join(', ')})` : '';
  if (!existsSync(dir)) {
    return { name: 'store', status: 'warn', detail: `no index yet at ${dir}${where}`, fix: 'Run `krepis index` in the project root.', data: { dir, bytes: 0 } };
  }
  const bytes = await folderSize(dir);
  return { name: 'store', status: 'ok', detail: `${dir} (${(bytes / 1024 / 1024).toFixed(1)} MiB)${where}`, data: { dir, bytes } };
}

export async function runDoctor(config: ResolvedConfig): Promise<DoctorCheck[]> {
  const [store, backend] = await Promise.all([checkStore(config), checkBackend(config)]);
  return [checkNode(), backend.check, ...(await checkModel(config, backend.gpu)), store];
}

/** `krepis doctor`: is this machine ready, and if not, what to do. */
export const doctorCommand: CommandModule = {
  register(program, run) {
    program
      .command('doctor')
      .description('check Node, the GPU backend, the configured model and the stores; each problem with its fix')
      .action(
        run(async (ctx) => {
          const config = await ctx.config();
          const checks = await runDoctor(config);
          const failed = checks.some((check) => check.status === 'fail');
          const c = ctx.out.colors;
          const mark = { ok: c.green('✓'), warn: c.yellow('!'), fail: c.red('✗') } as const;
          ctx.out.result({ ok: !failed, checks }, () =>
            checks.flatMap((check) => [
              `${mark[check.status]} ${check.name.padEnd(10)} ${check.detail}`,
              ...(check.fix ? [`  ${c.cyan('→')} ${check.fix}`] : []),
            ]),
          );
          return failed ? 3 : 0;
        }),
      );
  },
};
