import { splitIntoPieces } from './requestDigest.js';

/**
 * Emits `text` piece by piece through `onToken`, stopping as soon as `signal` aborts.
 * Returns the text actually emitted and whether it was cut short.
 */
export function streamText(text: string, onToken: ((piece: string) => void) | undefined, signal: AbortSignal | undefined): { text: string; aborted: boolean } {
  if (signal?.aborted) return { text: '', aborted: true };
  if (!onToken && !signal) return { text, aborted: false };
  let emitted = '';
  for (const piece of splitIntoPieces(text)) {
    onToken?.(piece);
    emitted += piece;
    if (signal?.aborted) return { text: emitted, aborted: emitted !== text };
  }
  return { text, aborted: false };
}
