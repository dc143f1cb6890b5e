import { KrepisError, type KrepisErrorOptions } from '../../errors/index.js';

/** Stable codes of batch-job errors; each is a per-item or per-job outcome, never a crash. */
export const BatchErrorCode = {
  jobFileMissing: 'KREPIS_BATCH_JOB_FILE_MISSING',
  jobFileInvalid: 'KREPIS_BATCH_JOB_INVALID',
  noTargets: 'KREPIS_BATCH_NO_TARGETS',
  jobNotFound: 'KREPIS_BATCH_JOB_NOT_FOUND',
  jobExists: 'KREPIS_BATCH_JOB_EXISTS',
  jobLocked: 'KREPIS_BATCH_JOB_LOCKED',
  targetMissing: 'KREPIS_BATCH_TARGET_MISSING',
  itemTimeout: 'KREPIS_BATCH_ITEM_TIMEOUT',
  itemCrashed: 'KREPIS_BATCH_ITEM_CRASHED',
  diskFull: 'KREPIS_BATCH_DISK_FULL',
  applyConflict: 'KREPIS_BATCH_APPLY_CONFLICT',
  applyFailed: 'KREPIS_BATCH_APPLY_FAILED',
  isolationLimit: 'KREPIS_BATCH_ISOLATION_LIMIT',
  git: 'KREPIS_BATCH_GIT',
} as const;
export type BatchErrorCode = (typeof BatchErrorCode)[keyof typeof BatchErrorCode];

/** A batch-job error: stable `KREPIS_BATCH_…` code, one-line hint. */
export class BatchError extends KrepisError {
  constructor(code: BatchErrorCode, message: string, options: KrepisErrorOptions = {}) {
    super(code, message, options);
    this.name = 'BatchError';
  }
}

/** What a failed item records: serializable, with the hint that says what to do. */
export interface ItemError {
  code: string;
  message: string;
  hint?: string;
}

/** Turns anything thrown while running or applying an item into a per-item error record. */
export function toItemError(error: unknown): ItemError {
  if (error instanceof KrepisError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return { code: BatchErrorCode.diskFull, message: `disk full: ${err.message}`, hint: 'Free disk space, then `krepis batch resume <id>`.' };
  return { code: BatchErrorCode.itemCrashed, message: err.message, hint: 'The item crashed; see the message, fix the cause, then resume the job.' };
}

/** Whether an error means the disk is full (ENOSPC), wrapped or not. */
export function isDiskFull(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as NodeJS.ErrnoException).code === 'ENOSPC' || /ENOSPC|No space left/i.test(current.message)) return true;
  }
  return false;
}
