import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/index.js';
import { isKrepisError } from '../../errors/index.js';
import { detectGpu, inspectModel, parseModelSource, recommendModel, type GpuReport, type ModelInspection } from '../../model/index.js';
import type { DoctorCheck } from './doctor.js';

/** Human size: MB below a gigabyte. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The llama.cpp backend, GPU names and free VRAM. */
export async function checkBackend(config: ResolvedConfig): Promise<{ check: DoctorCheck; gpu: GpuReport | undefined }> {
  try {
    const gpu = await detectGpu(config.model.gpu);
    const data = { backend: gpu.backend, devices: gpu.devices, vramTotalBytes: gpu.vram?.total ?? null, vramFreeBytes: gpu.vram?.free ?? null, cpuMathCores: gpu.cpuMathCores };
    if (gpu.backend === 'cpu') {
      const fix = config.model.gpu === false ? undefined : 'No CUDA, Vulkan or Metal device was usable: install the GPU driver (and CUDA toolkit) for speed; the CPU works with the small model.';
      return { gpu, check: { name: 'backend', status: fix ? 'warn' : 'ok', detail: `cpu (${gpu.cpuMathCores} math cores)${config.model.gpu === false ? ', GPU disabled by model.gpu' : ''}`, ...(fix ? { fix } : {}), data } };
    }
    const vram = gpu.vram ? `, ${formatBytes(gpu.vram.free)} free of ${formatBytes(gpu.vram.total)} VRAM` : '';
    return { gpu, check: { name: 'backend', status: 'ok', detail: `${gpu.backend}: ${gpu.devices.join(', ') || 'unnamed GPU'}${vram}`, data } };
  } catch (error) {
    const hint = isKrepisError(error) ? error.hint : undefined;
    return { gpu: undefined, check: { name: 'backend', status: 'fail', detail: error instanceof Error ? error.message : String(error), fix: hint ?? 'Reinstall node-llama-cpp (`npm ci`).' } };
  }
}

/** Parameter count as people say it: 7.6B, 137M, 118K. */
export function formatParameters(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  return count >= 1e6 ? `${(count / 1e6).toFixed(0)}M` : `${(count / 1e3).toFixed(0)}K`;
}

function describeModel(inspection: ModelInspection): string {
  return `${inspection.architecture}, ${formatParameters(inspection.parameters)} params, ${inspection.quantization}, trained ctx ${inspection.trainedContext ?? '?'}, ${formatBytes(inspection.sizeBytes)}`;
}

function fitCheck(config: ResolvedConfig, inspection: ModelInspection, gpu: GpuReport | undefined): DoctorCheck {
  const need = inspection.estimate.vramBytes;
  const data = { contextSize: config.model.contextSize, needBytes: need, freeVramBytes: gpu?.vram?.free ?? null };
  if (!gpu?.vram) return { name: 'vram', status: 'ok', detail: `CPU run: about ${formatBytes(need)} of memory with a ${config.model.contextSize}-token context`, data };
  if (need <= gpu.vram.free) return { name: 'vram', status: 'ok', detail: `fits: ${formatBytes(need)} needed with a ${config.model.contextSize}-token context, ${formatBytes(gpu.vram.free)} free`, data };
  return { name: 'vram', status: 'warn', detail: `does not fit: ${formatBytes(need)} needed with a ${config.model.contextSize}-token context, ${formatBytes(gpu.vram.free)} free (layers will spill to the CPU, slower)`, fix: `Lower model.contextSize, or pick a smaller model: \`krepis model list\` recommends ${recommendModel(gpu.vram.total).alias}.`, data };
}

async function checkLocalModel(config: ResolvedConfig, gpu: GpuReport | undefined): Promise<DoctorCheck[]> {
  const spec = config.model.path;
  if (spec === undefined) {
    const pick = recommendModel(gpu?.vram?.total);
    return [{ name: 'model', status: 'warn', detail: `none configured (model.path); recommended here: ${pick.alias} (${formatBytes(pick.sizeBytes)})`, fix: `Run \`krepis model pull ${pick.alias}\` and set model.path to "${pick.alias}" (krepis ai also offers to download it).` }];
  }
  const file = parseModelSource(spec, config).file;
  try {
    const inspection = await inspectModel(file, { contextSize: config.model.contextSize });
    const checks: DoctorCheck[] = [{ name: 'model', status: 'ok', detail: `${file}: ${describeModel(inspection)}`, data: { ...inspection } }];
    if (inspection.trainedContext !== undefined && config.model.contextSize > inspection.trainedContext) {
      checks.push({ name: 'context', status: 'warn', detail: `model.contextSize ${config.model.contextSize} exceeds the trained context ${inspection.trainedContext}`, fix: `Set model.contextSize to ${inspection.trainedContext} or less.` });
    }
    checks.push(fitCheck(config, inspection, gpu));
    return checks;
  } catch (error) {
    if (!isKrepisError(error)) throw error;
    return [{ name: 'model', status: 'fail', detail: error.message, fix: error.hint ?? 'Fix model.path.' }];
  }
}

/** The embedding GGUF (`model.embeddingPath`), when one is configured. */
async function checkEmbeddingModel(config: ResolvedConfig): Promise<DoctorCheck[]> {
  const spec = config.model.embeddingPath;
  if (spec === undefined) return [];
  const file = parseModelSource(spec, config).file;
  try {
    const inspection = await inspectModel(file);
    return [{ name: 'embedding', status: 'ok', detail: `${file}: ${describeModel(inspection)}, ${inspection.embeddingSize ?? '?'}-dimension vectors`, data: { ...inspection } }];
  } catch (error) {
    if (!isKrepisError(error)) throw error;
    return [{ name: 'embedding', status: 'fail', detail: error.message, fix: error.hint ?? 'Fix model.embeddingPath.' }];
  }
}

/** Checks of the configured model runtime: the local GGUF, the server URL, or the transcript. */
export async function checkModel(config: ResolvedConfig, gpu: GpuReport | undefined): Promise<DoctorCheck[]> {
  const model = config.model;
  switch (model.runtime) {
    case 'llama':
      return [...(await checkLocalModel(config, gpu)), ...(await checkEmbeddingModel(config))];
    case 'openai':
      return model.url
        ? [{ name: 'model', status: 'ok', detail: `OpenAI-compatible server ${model.url}${model.name ? ` (model ${model.name})` : ''}, not contacted by doctor` }]
        : [{ name: 'model', status: 'fail', detail: 'model.runtime is "openai" but model.url is not set', fix: 'Set model.url, e.g. http://localhost:8080/v1.' }];
    case 'replay': {
      const file = model.path === undefined ? undefined : path.resolve(config.root, model.path);
      return file && existsSync(file)
        ? [{ name: 'model', status: 'ok', detail: `replays ${file}` }]
        : [{ name: 'model', status: 'fail', detail: `replay transcript ${file ?? '(model.path unset)'} not found`, fix: 'Set model.path to a JSONL transcript written by `--record <file>`.' }];
    }
    default:
      return model.runtime satisfies never;
  }
}
