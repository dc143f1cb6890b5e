import { KrepisError } from '../errors/index.js';

/** Stable codes of the twin's expected failures. */
export const TwinErrorCode = {
  noScenarios: 'KREPIS_TWIN_NO_SCENARIOS',
  loadFailed: 'KREPIS_TWIN_LOAD_FAILED',
  notAScenario: 'KREPIS_TWIN_NOT_A_SCENARIO',
  badToken: 'KREPIS_TWIN_BAD_REPLAY_TOKEN',
  staleToken: 'KREPIS_TWIN_STALE_REPLAY_TOKEN',
  unknownScenario: 'KREPIS_TWIN_UNKNOWN_SCENARIO',
  nondeterministicApi: 'KREPIS_TWIN_NONDETERMINISTIC_API',
  aborted: 'KREPIS_TWIN_ABORTED',
} as const;

export const noScenariosError = (root: string): KrepisError =>
  new KrepisError(TwinErrorCode.noScenarios, `no *.twin.ts scenario files under ${root}`, {
    kind: 'usage',
    hint: 'Write a scenario with defineScenario from @krepis/kernel in a file named <name>.twin.ts, or pass files explicitly.',
  });

export const loadFailedError = (file: string, cause: unknown): KrepisError =>
  new KrepisError(TwinErrorCode.loadFailed, `cannot load scenario file ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, {
    kind: 'usage',
    cause,
    hint: 'Fix the error in the scenario file (it must import only @krepis/kernel, your app and packages).',
  });

export const notAScenarioError = (file: string): KrepisError =>
  new KrepisError(TwinErrorCode.notAScenario, `${file} does not default-export a scenario`, {
    kind: 'usage',
    hint: 'Default-export defineScenario({...}) (or an array of them) from @krepis/kernel.',
  });

export const badTokenError = (token: string, why: string): KrepisError =>
  new KrepisError(TwinErrorCode.badToken, `invalid replay token "${token.slice(0, 24)}…": ${why}`, {
    kind: 'usage',
    hint: 'Copy the whole token from the violation report (`krepis verify --json` prints it as replayToken).',
  });

export const staleTokenError = (token: string, current: string): KrepisError =>
  new KrepisError(TwinErrorCode.staleToken, `replay token "${token.slice(0, 24)}…" was made by an older twin (${token.slice(0, token.indexOf('.'))}, now ${current}) whose schedules may differ from this one's`, {
    kind: 'usage',
    hint: 'Run `krepis verify` again to get a fresh token for the failure (seeds and strategies still find it).',
  });

export const unknownScenarioError = (name: string): KrepisError =>
  new KrepisError(TwinErrorCode.unknownScenario, `the replay token names scenario "${name}", which no loaded file defines`, {
    kind: 'usage',
    hint: 'Run `krepis verify --replay` in the project whose scenario produced the token.',
  });

/** Thrown inside scenario code that calls a nondeterministic global the twin cannot virtualize. */
export class NondeterministicApiError extends KrepisError {
  constructor(api: string) {
    super(TwinErrorCode.nondeterministicApi, `scenario code called ${api}, a nondeterministic API the twin does not virtualize`, {
      kind: 'verification',
      hint: 'Use the kernel ports (ports.random, ports.clock, ports.net) instead, so every run can be replayed.',
      details: { api },
    });
  }
}

export const abortedError = (): KrepisError => new KrepisError(TwinErrorCode.aborted, 'verification aborted', { kind: 'runtime', hint: 'Run `krepis verify` again.' });
