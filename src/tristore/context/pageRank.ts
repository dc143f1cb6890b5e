const DAMPING = 0.85;
const ITERATIONS = 30;

/**
 * Personalized PageRank over a small directed graph (as Aider's repo map ranks files): random
 * walks restart at the seeds in proportion to their weights, so rank flows from what the task
 * names to what those symbols use and what uses them. Dangling mass returns to the seeds.
 */
export function personalizedPageRank(nodes: readonly string[], edges: readonly { from: string; to: string; weight?: number }[], seeds: ReadonlyMap<string, number>): Map<string, number> {
  const index = new Map(nodes.map((node, position) => [node, position]));
  const out: { to: number; weight: number }[][] = nodes.map(() => []);
  for (const edge of edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from !== undefined && to !== undefined && from !== to) out[from]?.push({ to, weight: edge.weight ?? 1 });
  }
  const seedTotal = [...seeds.values()].reduce((sum, weight) => sum + weight, 0) || 1;
  const restart = nodes.map((node) => (seeds.get(node) ?? 0) / seedTotal);
  let rank = [...restart];
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = restart.map((value) => (1 - DAMPING) * value);
    let dangling = 0;
    rank.forEach((value, from) => {
      const targets = out[from] ?? [];
      const total = targets.reduce((sum, target) => sum + target.weight, 0);
      if (total === 0) dangling += value;
      else for (const target of targets) next[target.to] = (next[target.to] ?? 0) + (DAMPING * value * target.weight) / total;
    });
    rank = next.map((value, position) => value + DAMPING * dangling * (restart[position] ?? 0));
  }
  return new Map(nodes.map((node, position) => [node, rank[position] ?? 0]));
}
