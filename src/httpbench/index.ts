export { runBenchmark, type BenchmarkOptions, type BenchmarkReport, type Measurement, type WorkloadResult } from './runBenchmark.js';
export { WORKLOADS, FRAMEWORKS, type Workload, type Framework } from './workloads.js';
