import { badTokenError } from '../errors.js';

/** Everything needed to run one schedule again, bit for bit. */
export interface ReplayPlan {
  scenario: string;
  seed: number;
  /** Chosen op per decision point (task id × 8 + rank); -1 means "no preemption". */
  decisions: number[];
  chaos: boolean;
}

const PREFIX = 'kt1.';

/** Encodes a replay plan as a short, copyable token (`kt1.<base64url>`). */
export function encodeReplayToken(plan: ReplayPlan): string {
  let end = plan.decisions.length;
  while (end > 0 && plan.decisions[end - 1] === -1) end--;
  const body = JSON.stringify({ n: plan.scenario, s: plan.seed, d: plan.decisions.slice(0, end), c: plan.chaos ? 1 : 0 });
  return PREFIX + Buffer.from(body).toString('base64url');
}

export function decodeReplayToken(token: string): ReplayPlan {
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
