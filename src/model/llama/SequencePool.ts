import { LlamaChat, type LlamaContext, type Token } from 'node-llama-cpp';

/** One context sequence and the chat that drives it; its evaluated tokens stay for prefix reuse. */
export interface SequenceSlot {
  chat: LlamaChat;
  busy: boolean;
}

/**
 * The context's sequences, handed out one request at a time. A request gets the free sequence
 * whose evaluated tokens share the longest prefix with its prompt, so a repeated system prompt
 * is evaluated once and reused.
 */
export class SequencePool {
  private readonly slots: SequenceSlot[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(context: LlamaContext, count: number) {
    for (let index = 0; index < count; index++) {
      this.slots.push({ chat: new LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: true }), busy: false });
    }
  }

  /** The chat wrapper every sequence uses (the model's own, resolved by node-llama-cpp). */
  get chatWrapper(): LlamaChat['chatWrapper'] {
    return this.slots[0]!.chat.chatWrapper;
  }

  /** Waits for a free sequence, preferring the one with the longest shared prefix. */
  async acquire(promptTokens: Token[]): Promise<SequenceSlot> {
    for (;;) {
      const free = this.slots.filter((slot) => !slot.busy);
      if (free.length > 0) {
        const best = free.reduce((a, b) => (reusable(b, promptTokens) > reusable(a, promptTokens) ? b : a));
        best.busy = true;
        return best;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  release(slot: SequenceSlot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  dispose(): void {
    for (const slot of this.slots) if (!slot.chat.disposed) slot.chat.dispose({ disposeSequence: true });
  }
}

/** Prompt tokens already evaluated in `slot`'s sequence. */
export function reusable(slot: SequenceSlot, promptTokens: Token[]): number {
  if (slot.chat.sequence.disposed) return 0;
  return slot.chat.sequence.compareContextTokens(promptTokens).firstDifferentIndex;
}
