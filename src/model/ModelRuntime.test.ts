import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ensureTinyGguf } from '../../models/tinyGguf.js';
import { createLlamaRuntime } from './llama/createLlamaRuntime.js';
import type { LlamaRuntime } from './llama/LlamaRuntime.js';
import { describeModelRuntimeConformance } from './ModelRuntime.case.js';
import { startLlamaServerPeer, type PeerServer } from './openai/llamaServerPeer.case.js';
import { OpenAiRuntime } from './openai/OpenAiRuntime.js';
import { createRecordingRuntime } from './replay/RecordingRuntime.js';
import { openReplayTranscript } from './replay/ReplayRuntime.js';

const contextSize = 1024;
const transcript = path.join(mkdtempSync(path.join(tmpdir(), 'krepis-conformance-')), 'llama-session.jsonl');
const tinyLlama = async (): Promise<LlamaRuntime> => createLlamaRuntime({ modelPath: await ensureTinyGguf(), gpu: false, contextSize, temperature: 0, seed: 1, maxTokens: 32 });

// The llama run is recorded; the replay suite below plays that transcript back strictly.
describeModelRuntimeConformance('llama (tiny GGUF, recorded)', {
  setup: async () => createRecordingRuntime(await tinyLlama(), transcript),
  contextSize,
  embeddings: true,
});

let peer: PeerServer | undefined;
let peerModel: LlamaRuntime | undefined;
describeModelRuntimeConformance('openai (HTTP peer on port 0)', {
  setup: async () => {
    peerModel = await tinyLlama();
    peer = await startLlamaServerPeer(peerModel);
    return new OpenAiRuntime({ url: peer.url, timeoutMs: 20_000, contextSize, temperature: 0, seed: 1, maxTokens: 32 });
  },
  contextSize,
  embeddings: true,
});
afterAll(async () => {
  await peer?.close();
  await peerModel?.dispose();
});

describeModelRuntimeConformance('replay (of the recorded llama run)', {
  setup: () => openReplayTranscript(transcript),
  contextSize,
  embeddings: true,
});
