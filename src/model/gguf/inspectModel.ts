import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { GgufFileType as GgufFileTypeEnum } from 'node-llama-cpp';
import { llamaCpp } from '../llamaCpp.js';
import { validateGguf } from './validateGguf.js';

/** What a GGUF file is, and whether it fits a GPU. */
export interface ModelInspection {
  path: string;
  sizeBytes: number;
  name: string | undefined;
  architecture: string;
  parameters: number;
  /** File type, e.g. `Q4_K_M`, `F32`. */
  quantization: string;
  trainedContext: number | undefined;
  layers: number;
  embeddingSize: number | undefined;
  /** Memory to run it fully offloaded with `contextSize` tokens of context. */
  estimate: {
    contextSize: number;
    vramBytes: number;
    ramBytes: number;
    /** Whether `vramBytes` fits the free VRAM given; undefined without a GPU. */
    fitsInVram: boolean | undefined;
  };
}

export interface InspectOptions {
  /** Context size for the memory estimate. Default: the trained context, capped at 8192. */
  contextSize?: number;
  /** Free VRAM in bytes, to judge the fit. */
  freeVramBytes?: number;
}

function quantizationName(fileTypes: typeof GgufFileTypeEnum, fileType: number | undefined): string {
  if (fileType === undefined) return 'unknown';
  const name = fileTypes[fileType];
  return name ? name.replace(/^(MOSTLY|ALL)_/, '') : `type ${fileType}`;
}

/**
 * Validates a GGUF (in JS, never reaching llama.cpp on a bad file) and reports its architecture,
 * parameter count, quantization, trained context and a memory estimate.
 */
export async function inspectModel(file: string, options: InspectOptions = {}): Promise<ModelInspection> {
  const absolute = path.resolve(file);
  const info = await validateGguf(absolute);
  const { GgufFileType, GgufInsights } = await llamaCpp();
  const insights = await GgufInsights.from(info);
  const trainedContext = insights.trainContextSize;
  const contextSize = options.contextSize ?? Math.min(trainedContext ?? 8192, 8192);
  const layers = insights.totalLayers;
  const modelNeeds = insights.estimateModelResourceRequirements({ gpuLayers: layers });
  const contextNeeds = insights.estimateContextResourceRequirements({ contextSize, modelGpuLayers: layers });
  const vramBytes = modelNeeds.gpuVram + contextNeeds.gpuVram;
  return {
    path: absolute,
    sizeBytes: (await stat(absolute)).size,
    name: info.metadata.general.name,
    architecture: info.metadata.general.architecture,
    parameters: insights.totalParameters,
    quantization: quantizationName(GgufFileType, info.metadata.general.file_type),
    trainedContext,
    layers,
    embeddingSize: insights.embeddingVectorSize,
    estimate: {
      contextSize,
      vramBytes,
      ramBytes: modelNeeds.cpuRam + contextNeeds.cpuRam,
      fitsInVram: options.freeVramBytes === undefined ? undefined : vramBytes <= options.freeVramBytes,
    },
  };
}
