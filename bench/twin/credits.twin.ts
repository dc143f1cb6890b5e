import { defineScenario, type Ports } from '@krepis/kernel';

/** Port calls per actor in the overhead benchmark (two per credit). */
export const CREDITS = 2_000;
const enc = (n: number) => new TextEncoder().encode(String(n));
const dec = (bytes: Uint8Array | undefined) => Number(new TextDecoder().decode(bytes));

/** The app of the overhead benchmark: an account service doing compare-and-set credits. */
export async function credits(ports: Pick<Ports, 'storage'>, account: string): Promise<void> {
  for (let i = 0; i < CREDITS; i++) {
    const current = await ports.storage.get('t', account);
    await ports.storage.put('t', account, enc(dec(current?.value) + 1), { ifVersion: current?.version ?? 0 });
  }
}

/** The same app as a scenario file: loaded through the twin's file loader (a `node:vm` context), as users' scenarios are. */
export default defineScenario({
  name: 'credits (file)',
  setup: ({ ports }) => ports,
  actors: { a: ({ app }) => credits(app, 'a'), b: ({ app }) => credits(app, 'b') },
  maxSteps: 1_000_000,
});
