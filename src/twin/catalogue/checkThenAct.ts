import { defineScenario, type Ports } from '@krepis/kernel';
import { enc } from './codec.js';
import type { CatalogueEntry } from './types.js';

function registry(ports: Ports, safe: boolean) {
  return {
    /** Registers a username; resolves to whether this caller got it. */
    async claim(name: string, owner: string): Promise<boolean> {
      if (safe) return (await ports.storage.put('users', name, enc(owner), { ifVersion: 0 })).ok;
      if (await ports.storage.get('users', name)) return false;
      await ports.storage.put('users', name, enc(owner));
      return true;
    },
  };
}

const scenario = (safe: boolean) =>
  defineScenario({
    name: `check-then-act${safe ? ' (fixed)' : ''}`,
    setup: ({ ports, track }) => ({ users: registry(ports, safe), winners: track('winners', [] as string[]) }),
    actors: {
      signup: {
        count: 2,
        async run({ app, instance }) {
          if (await app.users.claim('ada', `client${instance}`)) app.winners.push(`client${instance}`);
        },
      },
    },
    finally: { 'a name has one owner': (app) => app.winners.length === 1 || `${app.winners.length} clients were told they own "ada"` },
  });

export const checkThenAct: CatalogueEntry = { id: 'check-then-act', title: 'check-then-act', expect: 'atomicity', buggy: scenario(false), fixed: scenario(true), fastCheck: true };
