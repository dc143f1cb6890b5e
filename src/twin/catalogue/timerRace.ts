import { defineScenario, type Ports } from '@krepis/kernel';
import { enc } from './codec.js';
import type { CatalogueEntry } from './types.js';

/** A payment with a 10 ms timeout: the client is told "failed" while the charge still lands. */
function payments(ports: Ports, safe: boolean, outcomes: string[]) {
  return {
    async pay(id: string) {
      let answered = false;
      const timer = ports.clock.setTimer(10, () => {
        if (answered || safe) return;
        answered = true;
        outcomes.push('timeout');
      });
      await ports.storage.put('pay', `charge/${id}`, enc('charged'));
      ports.clock.clearTimer(timer);
      if (!answered) outcomes.push('charged');
      answered = true;
    },
  };
}

const scenario = (safe: boolean) =>
  defineScenario({
    name: `timer race${safe ? ' (fixed)' : ''}`,
    setup({ ports, track }) {
      const outcomes = track('outcomes', [] as string[]);
      return { outcomes, payments: payments(ports, safe, outcomes) };
    },
    actors: { pay: ({ app }) => app.payments.pay('p1') },
    chaos: { latencyMs: [0, 20] },
    finally: {
      'a client told "timeout" was not charged': (app, view) => !(app.outcomes.includes('timeout') && view.json('pay', 'charge/p1') === 'charged') || 'client saw a timeout but the charge landed',
    },
  });

export const timerRace: CatalogueEntry = { id: 'timer-race', title: 'timer race', expect: 'invariant', buggy: scenario(false), fixed: scenario(true), fastCheck: false };
