/** An injected I/O failure (chaos): what a real disk or network error looks like to app code. */
export class TwinIoError extends Error {
  readonly code = 'EIO';
  constructor(what: string) {
    super(`injected I/O error in ${what}`);
    this.name = 'TwinIoError';
  }
}

/** An injected network timeout (chaos). */
export class TwinTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(what: string) {
    super(`injected timeout in ${what}`);
    this.name = 'TwinTimeoutError';
  }
}
