export { FairPool, type FairPoolOptions, type PoolStats } from './FairPool.js';
