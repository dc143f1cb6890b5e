import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Runs a full garbage collection now (V8's `gc`, exposed on first use). For memory the
 * collector cannot see filling up: a dropped type-checker program, or syntax trees held in
 * tree-sitter's native memory until their wrappers are finalized.
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
