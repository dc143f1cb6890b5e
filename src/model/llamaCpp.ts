import type * as NodeLlamaCppModule from 'node-llama-cpp';

type NodeLlamaCpp = typeof NodeLlamaCppModule;

let pending: Promise<NodeLlamaCpp> | undefined;

/**
 * node-llama-cpp, imported on first use: importing it takes seconds, and most commands (and
 * `krepis --help`) never touch a model.
 */
export function llamaCpp(): Promise<NodeLlamaCpp> {
  pending ??= import('node-llama-cpp');
  return pending;
}
