import { defineScenario, type Ports } from '@krepis/kernel';
import { dec, enc } from './codec.js';
import type { CatalogueEntry } from './types.js';

interface Entry {
  seq: number;
  amount: number;
}

const decoder = new TextDecoder();

async function readEntries(ports: Ports): Promise<Entry[]> {
  const lines = decoder.decode(await ports.journal.read('ledger')).split('\n');
  const entries: Entry[] = [];
  for (const line of lines) {
    try {
      entries.push(JSON.parse(line) as Entry);
    } catch {
      break; // a torn tail: everything after it was never acknowledged
    }
  }
  return entries;
}

/** Journal first, then apply. The buggy recovery replays every entry on top of the stored balance. */
function ledger(ports: Ports, safe: boolean) {
  let seq = 0;
  return {
    async deposit(amount: number) {
      const entry: Entry = { seq: ++seq, amount };
      await ports.journal.append('ledger', new TextEncoder().encode(`${JSON.stringify(entry)}\n`));
      await ports.journal.sync('ledger');
      const cur = await ports.storage.get('l', 'state');
      const state = cur ? dec<{ balance: number; applied: number }>(cur.value) : { balance: 0, applied: 0 };
      await ports.storage.put('l', 'state', enc({ balance: state.balance + amount, applied: entry.seq }));
    },
    async recover() {
      const cur = await ports.storage.get('l', 'state');
      const state = cur ? dec<{ balance: number; applied: number }>(cur.value) : { balance: 0, applied: 0 };
      const entries = await readEntries(ports);
      const pending = safe ? entries.filter((entry) => entry.seq > state.applied) : entries;
      const balance = pending.reduce((sum, entry) => sum + entry.amount, state.balance);
      await ports.storage.put('l', 'state', enc({ balance, applied: entries.at(-1)?.seq ?? 0 }));
      seq = entries.at(-1)?.seq ?? 0;
    },
  };
}

const scenario = (safe: boolean) =>
  defineScenario({
    name: `journal replay divergence after crash${safe ? ' (fixed)' : ''}`,
    setup: ({ ports }) => ledger(ports, safe),
    async recover({ ports }) {
      const app = ledger(ports, safe);
      await app.recover();
      return app;
    },
    actors: {
      deposits: async ({ app }) => {
        for (const amount of [10, 20, 30]) await app.deposit(amount);
      },
    },
    chaos: { crashRate: 1 },
    finally: {
      'balance equals the journal': (_app, view) => {
        const journaled = decoder
          .decode(view.journal('ledger'))
          .split('\n')
          .filter((line) => line.endsWith('}'))
          .reduce((sum, line) => sum + (JSON.parse(line) as Entry).amount, 0);
        const balance = view.json<{ balance: number }>('l', 'state')?.balance ?? 0;
        return balance === journaled || `balance ${balance} but the journal holds ${journaled}`;
      },
    },
  });

export const journalReplay: CatalogueEntry = { id: 'journal-replay', title: 'journal replay divergence after crash', expect: 'crash-recovery', buggy: scenario(false), fixed: scenario(true), fastCheck: false };
