import { KrepisError, type ErrorKind } from '../errors/index.js';

/** Every error code the model runtime raises, with the kind that decides the exit code. */
export const ModelErrorCode = {
  notFound: ['KREPIS_MODEL_NOT_FOUND', 'usage'],
  notGguf: ['KREPIS_MODEL_NOT_GGUF', 'usage'],
  truncated: ['KREPIS_MODEL_TRUNCATED', 'usage'],
  invalid: ['KREPIS_MODEL_INVALID', 'usage'],
  unknownAlias: ['KREPIS_MODEL_UNKNOWN_ALIAS', 'usage'],
  notConfigured: ['KREPIS_MODEL_NOT_CONFIGURED', 'usage'],
  declined: ['KREPIS_MODEL_DOWNLOAD_DECLINED', 'usage'],
  offline: ['KREPIS_MODEL_OFFLINE', 'runtime'],
  downloadFailed: ['KREPIS_MODEL_DOWNLOAD_FAILED', 'runtime'],
  loadFailed: ['KREPIS_MODEL_LOAD_FAILED', 'runtime'],
  backend: ['KREPIS_MODEL_BACKEND_UNAVAILABLE', 'runtime'],
  promptTooLong: ['KREPIS_MODEL_PROMPT_TOO_LONG', 'runtime'],
  noEmbeddings: ['KREPIS_MODEL_NO_EMBEDDINGS', 'usage'],
  badGrammar: ['KREPIS_MODEL_GRAMMAR_INVALID', 'usage'],
  badRequest: ['KREPIS_MODEL_BAD_REQUEST', 'usage'],
  outOfMemory: ['KREPIS_MODEL_OUT_OF_MEMORY', 'runtime'],
  unreachable: ['KREPIS_MODEL_SERVER_UNREACHABLE', 'runtime'],
  serverError: ['KREPIS_MODEL_SERVER_ERROR', 'runtime'],
  timeout: ['KREPIS_MODEL_TIMEOUT', 'runtime'],
  replayInvalid: ['KREPIS_MODEL_REPLAY_INVALID', 'usage'],
  replayMismatch: ['KREPIS_MODEL_REPLAY_MISMATCH', 'runtime'],
  replayExhausted: ['KREPIS_MODEL_REPLAY_EXHAUSTED', 'runtime'],
  disposed: ['KREPIS_MODEL_DISPOSED', 'runtime'],
} as const satisfies Record<string, readonly [string, ErrorKind]>;

export type ModelErrorName = keyof typeof ModelErrorCode;

/** Builds a model-runtime KrepisError: stable code, one-line `hint` that says what to do next. */
export function modelError(name: ModelErrorName, message: string, hint: string, extra: { cause?: unknown; details?: Record<string, unknown> } = {}): KrepisError {
  const [code, kind] = ModelErrorCode[name];
  return new KrepisError(code, message, { hint, kind, cause: extra.cause, details: extra.details });
}

/** Whether `error` is the model-runtime error `name`. */
export function isModelError(error: unknown, name: ModelErrorName): error is KrepisError {
  return error instanceof KrepisError && error.code === ModelErrorCode[name][0];
}
