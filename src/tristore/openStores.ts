import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/index.js';
import type { CodeGraph } from './graph/CodeGraph.js';
import { SurrealCodeGraph } from './graph/SurrealCodeGraph.js';
import { LevelSymbolIndex, SymbolStoreCorruptError } from './symbols/LevelSymbolIndex.js';
import { EmbeddedVectorStore } from './vectors/EmbeddedVectorStore.js';
import { QdrantVectorStore } from './vectors/QdrantVectorStore.js';
import type { VectorStore } from './vectors/VectorStore.js';

export interface OpenedStores {
  symbols: LevelSymbolIndex;
  graph: CodeGraph;
  vectors: VectorStore;
  /** Why the store was rebuilt from scratch, when it was. */
  rebuilt?: string;
}

/** Where the store lives: `<root>/<index.dir>`. */
export const storeDirOf = (config: ResolvedConfig): string => path.resolve(config.root, config.index.dir);

async function openSymbols(dir: string): Promise<{ symbols: LevelSymbolIndex; rebuilt?: string }> {
  const location = path.join(dir, 'symbols');
  try {
    return { symbols: await LevelSymbolIndex.open(location) };
  } catch (error) {
    if (!(error instanceof SymbolStoreCorruptError)) throw error;
    await LevelSymbolIndex.destroy(location);
    return { symbols: await LevelSymbolIndex.open(location), rebuilt: `the symbol index at ${location} was unreadable (${error.message}); rebuilt it from scratch` };
  }
}

async function openVectors(config: ResolvedConfig, dir: string): Promise<{ vectors: VectorStore; rebuilt?: string }> {
  if (config.vectors.url) {
    const collection = config.vectors.collection ?? `krepis-${path.basename(config.root).replace(/[^\w-]/g, '_')}`;
    return { vectors: await QdrantVectorStore.open({ url: config.vectors.url, collection, ...(config.vectors.apiKey ? { apiKey: config.vectors.apiKey } : {}) }) };
  }
  const location = path.join(dir, 'vectors');
  try {
    return { vectors: await EmbeddedVectorStore.open(location) };
  } catch (error) {
    await rm(location, { recursive: true, force: true });
    return { vectors: await EmbeddedVectorStore.open(location), rebuilt: `the vector store at ${location} was unreadable (${(error as Error).message}); rebuilt it` };
  }
}

/**
 * Opens the three stores under the store folder (or the configured servers). A corrupt symbol
 * index or vector snapshot is deleted and rebuilt; then every store is cleared so that the
 * next update re-indexes the whole project consistently.
 */
export async function openStores(config: ResolvedConfig): Promise<OpenedStores> {
  const dir = storeDirOf(config);
  await mkdir(dir, { recursive: true });
  const { symbols, rebuilt: symbolsRebuilt } = await openSymbols(dir);
  let graph: CodeGraph;
  try {
    graph = await SurrealCodeGraph.open({ url: config.graph.url ?? `surrealkv://${path.join(dir, 'graph')}`, namespace: config.graph.namespace, database: config.graph.database, ...(config.graph.username ? { username: config.graph.username } : {}), ...(config.graph.password ? { password: config.graph.password } : {}) });
  } catch (error) {
    await symbols.close();
    throw error;
  }
  const { vectors, rebuilt: vectorsRebuilt } = await openVectors(config, dir).catch(async (error: unknown) => {
    await Promise.all([symbols.close(), graph.close()]);
    throw error;
  });
  const rebuilt = [symbolsRebuilt, vectorsRebuilt].filter((reason) => reason !== undefined).join('; ');
  if (rebuilt) await Promise.all([graph.clear(), vectors.clear(), symbols.clearAll()]);
  return { symbols, graph, vectors, ...(rebuilt ? { rebuilt } : {}) };
}
