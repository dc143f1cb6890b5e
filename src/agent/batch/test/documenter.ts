import type { ChatMessage } from '../../../model/index.js';
import { editAnswer } from './agentProject.js';

/** A small project whose exported functions lack JSDoc (but one). */
export const UNDOCUMENTED = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n\n/** Doubles. */\nexport function double(a: number): number {\n  return a * 2;\n}\n',
  'src/text.ts': "import { add } from './math.js';\n\nexport function shout(s: string): string {\n  return s.toUpperCase() + add(1, 1);\n}\n\nexport const whisper = (s: string): string => s.toLowerCase();\n",
};

/**
 * The scripted model of batch tests: answers an item's prompt with an edit that documents the
 * symbol the prompt names (a real, verifiable edit).
 */
export function documentSymbol(messages: readonly ChatMessage[]): string {
  const text = messages.map((message) => message.content).join('\n');
  const [, symbol, file] = /the symbol `(\w+)` in (\S+) only/.exec(text) ?? [];
  const source = UNDOCUMENTED[file as keyof typeof UNDOCUMENTED] ?? '';
  const match = new RegExp(`export (function ${symbol}\\b[\\s\\S]*?\\n\\}|const ${symbol} = [^\\n]*)`).exec(source);
  return editAnswer([{ kind: 'symbol', file, symbol, code: `/** ${symbol}: documented by the batch. */\nexport ${match?.[1] ?? ''}` }], `document ${symbol}`);
}
