import { KrepisError, type KrepisErrorOptions } from '../errors/index.js';

/** Stable codes of the agent module. */
export const AgentErrorCode = {
  emptyPrompt: 'KREPIS_AGENT_EMPTY_PROMPT',
  notAProject: 'KREPIS_AGENT_NOT_A_PROJECT',
  noTsconfig: 'KREPIS_AGENT_NO_TSCONFIG',
  outsideWorkspace: 'KREPIS_AGENT_OUTSIDE_WORKSPACE',
  conflict: 'KREPIS_AGENT_APPLY_CONFLICT',
  unverified: 'KREPIS_AGENT_UNVERIFIED',
  nothingToUndo: 'KREPIS_AGENT_NOTHING_TO_UNDO',
  undoConflict: 'KREPIS_AGENT_UNDO_CONFLICT',
  git: 'KREPIS_AGENT_GIT_FAILED',
  contextTooLarge: 'KREPIS_AGENT_CONTEXT_TOO_LARGE',
  badFlag: 'KREPIS_AGENT_BAD_FLAG',
} as const;

export type AgentErrorCode = (typeof AgentErrorCode)[keyof typeof AgentErrorCode];

/** An expected failure of `krepis ai` / `krepis undo`. */
export class AgentError extends KrepisError {
  constructor(code: AgentErrorCode, message: string, options: KrepisErrorOptions = {}) {
    super(code, message, options);
    this.name = 'AgentError';
  }
}
