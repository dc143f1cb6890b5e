/**
 * The replay transcript: JSONL, one JSON object per line, version `v: 1`.
 *
 * ```jsonl
 * {"v":1,"kind":"info","info":{"runtime":"llama","id":"model.gguf","contextSize":8192,"parallelism":1}}
 * {"v":1,"kind":"generate","request":{"digest":"…","preview":"last message…"},"response":{"text":"…","stopReason":"eos","tokens":{"prompt":12,"completion":5,"reusedPrompt":0}}}
 * {"v":1,"kind":"generate","request":{"digest":"…"},"error":{"code":"KREPIS_MODEL_PROMPT_TOO_LONG","message":"…","hint":"…","kind":"runtime"}}
 * {"v":1,"kind":"countTokens","request":{"digest":"…"},"response":{"count":42}}
 * {"v":1,"kind":"embed","request":{"digest":"…"},"response":{"vector":[0.1,0.2]}}
 * ```
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { modelError } from '../errors.js';

const tokensSchema = z.object({ prompt: z.number().int().nonnegative(), completion: z.number().int().nonnegative(), reusedPrompt: z.number().int().nonnegative() });
const requestSchema = z.object({ digest: z.string().min(1), preview: z.string().optional() });

export const generateResponseSchema = z.object({
  text: z.string(),
  stopReason: z.enum(['eos', 'max-tokens', 'stop-string', 'aborted']),
  tokens: tokensSchema,
  timings: z.object({ firstTokenMs: z.number().nonnegative(), totalMs: z.number().nonnegative() }).optional(),
  trimmedMessages: z.number().int().positive().optional(),
});

export const recordedErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  kind: z.enum(['usage', 'verification', 'runtime']).optional(),
});

export const transcriptEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    v: z.literal(1),
    kind: z.literal('info'),
    info: z.object({ runtime: z.string(), id: z.string(), contextSize: z.number().int().positive(), parallelism: z.number().int().positive(), embeddingSize: z.number().int().positive().optional() }),
  }),
  z.object({ v: z.literal(1), kind: z.literal('generate'), request: requestSchema, response: generateResponseSchema.optional(), error: recordedErrorSchema.optional() }),
  z.object({ v: z.literal(1), kind: z.literal('countTokens'), request: requestSchema, response: z.object({ count: z.number().int().nonnegative() }) }),
  z.object({ v: z.literal(1), kind: z.literal('embed'), request: requestSchema, response: z.object({ vector: z.array(z.number()) }) }),
]);

/** One line of a transcript. */
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;
export type GenerateEntry = Extract<TranscriptEntry, { kind: 'generate' }>;
export type RecordedResponse = z.infer<typeof generateResponseSchema>;

/** Parses transcript text; a bad line is a KrepisError naming `source:line`. */
export function parseTranscript(text: string, source: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (cause) {
      throw modelError('replayInvalid', `${source}:${index + 1} is not JSON`, 'A transcript holds one JSON object per line (see README, "Replay transcripts").', { cause });
    }
    const parsed = transcriptEntrySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw modelError('replayInvalid', `${source}:${index + 1}: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`, 'Re-record the transcript with `--record <file>`, or fix that line.');
    }
    entries.push(parsed.data);
  }
  return entries;
}

/** Reads and parses a transcript file. */
export async function readTranscript(file: string): Promise<TranscriptEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw modelError('replayInvalid', `Cannot read replay transcript ${file}`, 'Pass an existing JSONL file written by `--record <file>`.', { cause });
  }
  return parseTranscript(text, file);
}
