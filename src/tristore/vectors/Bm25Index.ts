import { termFrequencies } from './lexicalTerms.js';

const K1 = 1.2;
const B = 0.75;

/** An in-memory BM25 inverted index over identifier-aware terms. */
export class Bm25Index {
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly lengths = new Map<string, number>();
  private readonly termsOf = new Map<string, string[]>();
  private totalLength = 0;

  get size(): number {
    return this.lengths.size;
  }

  add(id: string, text: string): void {
    this.remove(id);
    const frequencies = termFrequencies(text);
    let length = 0;
    for (const [term, count] of frequencies) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(id, count);
      length += count;
    }
    this.lengths.set(id, length);
    this.termsOf.set(id, [...frequencies.keys()]);
    this.totalLength += length;
  }

  remove(id: string): void {
    const terms = this.termsOf.get(id);
    if (!terms) return;
    for (const term of terms) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.totalLength -= this.lengths.get(id) ?? 0;
    this.lengths.delete(id);
    this.termsOf.delete(id);
  }

  /**
   * The `limit` best ids for `text`, best first, among those `accept` lets through. Rare terms are
   * scored over their whole posting list; a common term (in more than 5% of the chunks) only adds to
   * chunks a rarer term already matched (accumulator limiting), so a query costs what its rare
   * terms cost.
   */
  search(text: string, limit: number, accept: (id: string) => boolean = () => true): string[] {
    const count = this.lengths.size;
    if (count === 0) return [];
    const average = this.totalLength / count;
    const common = Math.max(1000, count * 0.05);
    const terms = [...termFrequencies(text).keys()]
      .map((term) => ({ term, posting: this.postings.get(term) }))
      .filter((entry): entry is { term: string; posting: Map<string, number> } => entry.posting !== undefined)
      .sort((a, b) => a.posting.size - b.posting.size);
    const scores = new Map<string, number>();
    const score = (id: string, frequency: number, idf: number) => {
      const norm = frequency + K1 * (1 - B + (B * (this.lengths.get(id) ?? 0)) / average);
      scores.set(id, (scores.get(id) ?? 0) + (idf * frequency * (K1 + 1)) / norm);
    };
    for (const { posting } of terms) {
      const idf = Math.log(1 + (count - posting.size + 0.5) / (posting.size + 0.5));
      if (posting.size > common && scores.size > 0) {
        for (const id of scores.keys()) {
          const frequency = posting.get(id);
          if (frequency !== undefined) score(id, frequency, idf);
        }
      } else for (const [id, frequency] of posting) score(id, frequency, idf);
    }
    return topIds(scores, limit, accept);
  }

  clear(): void {
    this.postings.clear();
    this.lengths.clear();
    this.termsOf.clear();
    this.totalLength = 0;
  }
}

/** The `limit` highest-scoring ids (ties by id), without sorting everything. */
export function topIds(scores: ReadonlyMap<string, number>, limit: number, accept: (id: string) => boolean = () => true): string[] {
  const best: [string, number][] = [];
  for (const [id, score] of scores) {
    if (best.length === limit && score <= (best[best.length - 1]?.[1] ?? -Infinity)) continue;
    if (!accept(id)) continue;
    let index = best.length;
    while (index > 0 && (best[index - 1]?.[1] ?? 0) < score) index--;
    best.splice(index, 0, [id, score]);
    if (best.length > limit) best.pop();
  }
  return best.map(([id]) => id);
}
