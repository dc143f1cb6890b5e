import type { GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp';
import { modelError } from '../errors.js';
import type { OutputGrammar } from '../ModelRuntime.js';

/** Compiles each distinct grammar once per runtime (agents ask with the same schema repeatedly). */
export class GrammarCache {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(private readonly llama: Llama) {}

  get(grammar: OutputGrammar): Promise<LlamaGrammar> {
    const key = JSON.stringify(grammar);
    let pending = this.grammars.get(key);
    if (!pending) {
      pending = this.compile(grammar).catch((cause: unknown) => {
        this.grammars.delete(key);
        throw modelError('badGrammar', `The ${grammar.kind} grammar cannot be compiled: ${cause instanceof Error ? cause.message : String(cause)}`, grammar.kind === 'gbnf' ? 'Fix the GBNF (see llama.cpp grammars/README.md).' : 'Use a JSON schema subset node-llama-cpp supports (objects, arrays, strings, numbers, booleans, enums, const, oneOf).', { cause });
      });
      this.grammars.set(key, pending);
    }
    return pending;
  }

  private compile(grammar: OutputGrammar): Promise<LlamaGrammar> {
    switch (grammar.kind) {
      case 'json-schema':
        return this.llama.createGrammarForJsonSchema<GbnfJsonSchema>(grammar.schema as GbnfJsonSchema);
      case 'gbnf':
        return this.llama.createGrammar({ grammar: grammar.gbnf });
      default:
        return grammar satisfies never;
    }
  }
}
