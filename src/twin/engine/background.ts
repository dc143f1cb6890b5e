import { findStuck } from './stuck.js';
import type { Task } from './Task.js';

/**
 * Background timers ({@link Task.background}: armed by setup, by other background timers, or a
 * `setInterval` beat) fire while actors run but keep no run alive. These decide, when nobody can
 * run now, whether moving virtual time on can still matter.
 */

/** Tasks that still have something to do, background timers that have not fired yet aside. */
export const unfinished = (active: readonly Task[]): Task[] => active.filter((task) => (!task.done || task.ops.length > 0) && !task.idleBackground);

/** Whether every task is done except background timers that have not fired yet. */
export function onlyBackgroundTimersLeft(active: readonly Task[]): boolean {
  let background = false;
  for (const task of active) {
    if (task.idleBackground) background = true;
    else if (!task.done || task.ops.length > 0) return false;
  }
  return background;
}

/** Whether every op due later belongs to a background timer (no sleep, delayed reply or other timer). */
function onlyBackgroundTimersAhead(active: readonly Task[], now: number): boolean {
  for (const task of active) {
    if (task.idleBackground) continue;
    for (const op of task.ops) if (op.readyAt > now) return false;
  }
  return true;
}

/**
 * Whether moving time on can still matter when nobody can run now: not when only background
 * timers are left (the phase is over), nor when they alone lie ahead of tasks caught in a
 * wait-for cycle (a deadlock no timer resolves: reported at once, not after the step budget).
 * Tasks waiting on anything else may be woken by a background timer, so time moves on for them.
 */
export function timeCanHelp(active: readonly Task[], now: number): boolean {
  if (onlyBackgroundTimersLeft(active)) return false;
  if (!active.some((task) => task.idleBackground) || !onlyBackgroundTimersAhead(active, now)) return true;
  return !('cycle' in findStuck(unfinished(active)).details);
}
