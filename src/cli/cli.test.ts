import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krepis } from '../../test/cliHarness.js';
import { commandEntries, loadCommands, requestedCommand } from './commands/index.js';
import { VERSION } from './version.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'krepis-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('krepis CLI', () => {
  it('exits 2 with a hint on an unknown command', async () => {
    const run = await krepis(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('prints the version and exits 0', async () => {
    const run = await krepis(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports a config error with code and exit 2, without a stack trace', async () => {
    await writeFile(path.join(dir, 'krepis.config.json'), JSON.stringify({ model: { gpuLayers: -1 } }));
    const run = await krepis(['--cwd', dir, 'config']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[KREPIS_CONFIG_INVALID]');
    expect(run.stderr).toContain('model.gpuLayers');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const verbose = await krepis(['--cwd', dir, '--verbose', 'config']);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    await rm(path.join(dir, 'krepis.config.json'));
  });

  it('gives one JSON document with --json', async () => {
    const run = await krepis(['--cwd', dir, '--json', 'config']);
    expect(run.code).toBe(0);
    expect(run.json<{ root: string }>().root).toBe(dir);
  });

  it('doctor --json lists checks, each with a status', async () => {
    const run = await krepis(['--cwd', dir, '--json', 'doctor']);
    const report = run.json<{ ok: boolean; checks: { name: string; status: string }[] }>();
    expect(report.checks.map((check) => check.name)).toContain('node');
    for (const check of report.checks) expect(['ok', 'warn', 'fail']).toContain(check.status);
  });

  it('finds the requested command past global flags and their values', () => {
    expect(requestedCommand(['--cwd', 'doctor', '--json', 'config'])).toBe('config');
    expect(requestedCommand(['--config', 'k.json', 'ai', 'add x'])).toBe('ai');
    expect(requestedCommand(['--help'])).toBeUndefined();
  });

  it('--version prints the version without loading any command', async () => {
    expect(await loadCommands(['--version'])).toEqual([]);
    expect(await loadCommands(['-V', '--json'])).toEqual([]);
    expect((await loadCommands(['--version', '--help'])).length).toBe(commandEntries.length);
    const run = await krepis(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
  });

  it('--help lists every registered command', async () => {
    const run = await krepis(['--help']);
    expect(run.code).toBe(0);
    for (const name of commandEntries.flatMap((entry) => entry.names)) expect(run.stdout).toMatch(new RegExp(`\\n\\s+${name}\\b`));
  });
});
