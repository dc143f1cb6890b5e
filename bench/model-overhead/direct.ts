/** The floor: node-llama-cpp called directly, with the same model, prompt and settings as our adapter. */
import { LlamaChat, type ChatHistoryItem, type Llama } from 'node-llama-cpp';

export interface DirectRun {
  completionTokens: number;
  ms: number;
}

/** A direct LlamaChat on its own context; `generate` mirrors LlamaRuntime.generate's work. */
export async function createDirect(llama: Llama, modelPath: string, contextSize: number, threads: number) {
  const model = await llama.loadModel({ modelPath, gpuLayers: 'auto' });
  const context = await model.createContext({ contextSize, threads });
  const chat = new LlamaChat({ contextSequence: context.getSequence() });
  return {
    async generate(system: string, user: string, maxTokens: number): Promise<DirectRun> {
      const history: ChatHistoryItem[] = [{ type: 'system', text: system }, { type: 'user', text: user }, { type: 'model', response: [] }];
      let completionTokens = 0;
      const started = performance.now();
      await chat.generateResponse(history, { maxTokens, temperature: 0, seed: 1, onToken: (tokens) => (completionTokens += tokens.length) });
      return { completionTokens, ms: performance.now() - started };
    },
    async dispose(): Promise<void> {
      chat.dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}
