/** One item of assembled context, as the Tri-Store renders it. */
export interface ContextItem {
  symbol: string;
  file: string;
  /** `caller`: signature + JSDoc; `implementer`: full source; `test`: a covering test. */
  mode: 'caller' | 'implementer' | 'test';
  text: string;
  tokens: number;
}

export interface AssembledContext {
  items: ContextItem[];
  omitted: { name?: string; symbol?: string; reason: string }[] | number;
  totalTokens: number;
}

export interface AssembleOptions {
  budget: number;
  countTokens?: (text: string) => number | Promise<number>;
  focusFiles?: string[];
  focusSymbols?: string[];
  implement?: string[];
}

/**
 * What the agent needs from the Tri-Store (`openTriStore()` in src/tristore): lazy context and the
 * tests a change impacts. Structural, so the store's own type satisfies it.
 */
export interface TriStorePort {
  update(): Promise<unknown>;
  assembleContext(task: string, options: AssembleOptions): Promise<AssembledContext>;
  impactedTests(change: { files: string[]; symbols: string[] }): Promise<string[]>;
  close(): Promise<void>;
}
