import { awaitCycleHang } from './awaitCycleHang.js';
import { checkThenAct } from './checkThenAct.js';
import { doubleResolve } from './doubleResolve.js';
import { journalReplay } from './journalReplay.js';
import { lockOrderDeadlock } from './lockOrderDeadlock.js';
import { lostUpdate } from './lostUpdate.js';
import { missingAwait } from './missingAwait.js';
import { starvation } from './starvation.js';
import { timerRace } from './timerRace.js';
import { unhandledRejection } from './unhandledRejection.js';
import type { CatalogueEntry } from './types.js';

export type { CatalogueEntry } from './types.js';

/** The classic async bugs, each as a buggy scenario and its fix. */
export const catalogue: readonly CatalogueEntry[] = [
  lostUpdate,
  checkThenAct,
  missingAwait,
  unhandledRejection,
  doubleResolve,
  lockOrderDeadlock,
  awaitCycleHang,
  timerRace,
  starvation,
  journalReplay,
];
