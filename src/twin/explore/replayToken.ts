import { badTokenError, staleTokenError } from '../errors.js';

/** Everything needed to run one schedule again, bit for bit. */
export interface ReplayPlan {
  scenario: string;
  seed: number;
  /** Chosen op per decision point (task id × 8 + rank); -1 means "no preemption". */
  decisions: number[];
  chaos: boolean;
}

/**
 * The token format's version. kt2: a scenario file's ops are promises of its vm context's own
 * Promise (one microtask tick per await instead of three), which can order a file scenario's steps
 * differently, so a kt1 token's decisions may not name the same schedule any more.
 */
const PREFIX = 'kt2.';
/** Tokens of earlier versions: recognised, and refused with a clear error instead of a wrong replay. */
const STALE = /^kt1\./;

/** Encodes a replay plan as a short, copyable token (`kt2.<base64url>`). */
export function encodeReplayToken(plan: ReplayPlan): string {
  let end = plan.decisions.length;
  while (end > 0 && plan.decisions[end - 1] === -1) end--;
  const body = JSON.stringify({ n: plan.scenario, s: plan.seed, d: plan.decisions.slice(0, end), c: plan.chaos ? 1 : 0 });
  return PREFIX + Buffer.from(body).toString('base64url');
}

export function decodeReplayToken(token: string): ReplayPlan {
  if (STALE.test(token)) throw staleTokenError(token, PREFIX.slice(0, -1));
  if (!token.startsWith(PREFIX)) throw badTokenError(token, `it must start with "${PREFIX}"`);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString());
  } catch {
    throw badTokenError(token, 'it is not valid base64url JSON');
  }
  const body = raw as { n?: unknown; s?: unknown; d?: unknown; c?: unknown };
  if (typeof body.n !== 'string' || typeof body.s !== 'number' || !Array.isArray(body.d) || !body.d.every((d) => Number.isInteger(d))) {
    throw badTokenError(token, 'fields are missing or malformed');
  }
  return { scenario: body.n, seed: body.s, decisions: body.d as number[], chaos: body.c === 1 };
}
