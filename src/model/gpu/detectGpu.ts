import { loadLlama, type GpuSetting } from '../llama/loadLlama.js';

/** The compute backend llama.cpp runs on, and the GPU memory it sees. */
export interface GpuReport {
  backend: 'cuda' | 'vulkan' | 'metal' | 'cpu';
  devices: string[];
  /** Total and free VRAM in bytes; undefined on the CPU backend. */
  vram: { total: number; free: number } | undefined;
  /** Cores llama.cpp uses for math on the CPU. */
  cpuMathCores: number;
}

/**
 * Loads the llama.cpp bindings for `gpu` (default `auto`: CUDA, Vulkan or Metal when a prebuilt
 * binary and a device exist, else the CPU) and reports what it found.
 */
export async function detectGpu(gpu: GpuSetting = 'auto'): Promise<GpuReport> {
  const llama = await loadLlama(gpu);
  const cpuMathCores = llama.cpuMathCores;
  if (llama.gpu === false) return { backend: 'cpu', devices: [], vram: undefined, cpuMathCores };
  const [devices, vram] = await Promise.all([llama.getGpuDeviceNames(), llama.getVramState()]);
  return { backend: llama.gpu, devices, vram: { total: vram.total, free: vram.free }, cpuMathCores };
}
