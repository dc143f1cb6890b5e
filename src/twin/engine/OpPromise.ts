/** Set whenever some task starts awaiting an op's promise (see {@link OpPromise}). */
export const awaitSignal = { awaited: false };

/**
 * The promise a port call returns. It is a real Promise, except that `then` (which `await` calls)
 * tells the scheduler the task has reached its scheduling point, so a step can end after a few
 * microtasks instead of a full event-loop turn.
 */
export class OpPromise<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Whether app code ever subscribed to it (awaited it, or called then/catch). */
  handled = false;

  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    awaitSignal.awaited = true;
    this.handled = true;
    return super.then(onFulfilled, onRejected);
  }
}
