import type { ChatHistoryItem, ChatWrapper, LlamaModel, Token } from 'node-llama-cpp';
import type { ChatMessage, StopReason } from '../ModelRuntime.js';

/**
 * Our messages as node-llama-cpp chat history. The history ends with a model turn to complete:
 * an empty one, or the caller's trailing assistant message (a prefilled answer).
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message): ChatHistoryItem => {
    switch (message.role) {
      case 'system':
        return { type: 'system', text: message.content };
      case 'user':
        return { type: 'user', text: message.content };
      case 'assistant':
        return { type: 'model', response: [message.content] };
      default:
        return message.role satisfies never;
    }
  });
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

/** The prompt tokens the chat wrapper renders for `messages` (what the sequence evaluates). */
export function promptTokens(chatWrapper: ChatWrapper, model: LlamaModel, messages: readonly ChatMessage[]): Token[] {
  const { contextText } = chatWrapper.generateContextState({ chatHistory: toChatHistory(messages) });
  return contextText.tokenize(model.tokenizer);
}

type LlamaStopReason = 'eogToken' | 'stopGenerationTrigger' | 'functionCalls' | 'maxTokens' | 'abort' | 'customStopTrigger';

/** node-llama-cpp's stop reason in our words. */
export function toStopReason(reason: LlamaStopReason): StopReason {
  switch (reason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'functionCalls':
      return 'eos';
    case 'maxTokens':
      return 'max-tokens';
    case 'abort':
      return 'aborted';
    case 'customStopTrigger':
      return 'stop-string';
    default:
      return reason satisfies never;
  }
}
