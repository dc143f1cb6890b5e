import { termFrequencies, termsOfWord, wordsOf } from './lexicalTerms.js';

const K1 = 1.2;
const B = 0.75;
/** Words whose postings are remembered, before that memo starts over. */
const MAX_REMEMBERED_WORDS = 200_000;
/** Queued changes beyond which they are applied without waiting for a search. */
const MAX_QUEUED = 200_000;

/** An add (with its text) or a removal, not applied yet. */
type Change = { id: string; text: string } | { id: string; text?: undefined };

interface Posting {
  slots: number[];
  frequencies: number[];
}

/**
 * An in-memory BM25 inverted index over identifier-aware terms. Chunks live in numbered slots so
 * that scoring runs over plain arrays; a removed chunk leaves a tombstone until more than half of
 * the slots are dead, then the postings are compacted. A chunk is counted straight into the
 * postings of its words' terms (its slot is the last in each), without a per-chunk term map.
 *
 * Adds and removals are queued and applied, in order, by the next search: a store that is only
 * written (`krepis index`, a store opened for lookups) never builds postings it would not query,
 * and a searched one ranks exactly as if each change had been applied at once.
 */
export class Bm25Index {
  private readonly slotOf = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private lengths: number[] = [];
  private postings = new Map<string, Posting>();
  /** Word → the postings of its terms (a term twice when the word holds it twice). */
  private readonly wordPostings = new Map<string, Posting[]>();
  private totalLength = 0;
  private dead = 0;
  private scratch = new Float64Array(0);
  private queued: Change[] = [];

  get size(): number {
    this.settle();
    return this.slotOf.size;
  }

  add(id: string, text: string): void {
    this.queue({ id, text });
  }

  remove(id: string): void {
    this.queue({ id });
  }

  private queue(change: Change): void {
    this.queued.push(change);
    if (this.queued.length >= MAX_QUEUED) this.settle();
  }

  /** Applies the queued changes in order. */
  private settle(): void {
    if (this.queued.length === 0) return;
    const changes = this.queued;
    this.queued = [];
    for (const change of changes) {
      if (change.text === undefined) this.applyRemove(change.id);
      else this.applyAdd(change.id, change.text);
    }
  }

  private applyAdd(id: string, text: string): void {
    this.applyRemove(id);
    const slot = this.ids.length;
    let length = 0;
    for (const word of wordsOf(text)) {
      for (const posting of this.postingsOfWord(word)) {
        const last = posting.slots.length - 1;
        if (posting.slots[last] === slot) posting.frequencies[last] = (posting.frequencies[last] as number) + 1;
        else {
          posting.slots.push(slot);
          posting.frequencies.push(1);
        }
        length++;
      }
    }
    this.slotOf.set(id, slot);
    this.ids.push(id);
    this.lengths.push(length);
    this.totalLength += length;
  }

  private postingsOfWord(word: string): Posting[] {
    let found = this.wordPostings.get(word);
    if (found) return found;
    found = termsOfWord(word).map((term) => {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = { slots: [], frequencies: [] }));
      return posting;
    });
    if (this.wordPostings.size >= MAX_REMEMBERED_WORDS) this.wordPostings.clear();
    this.wordPostings.set(word, found);
    return found;
  }

  private applyRemove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.totalLength -= this.lengths[slot] ?? 0;
    this.dead++;
    if (this.dead > 1000 && this.dead > this.slotOf.size) this.compact();
  }

  /** Renumbers the live slots in order and drops the dead ones from every posting. */
  private compact(): void {
    const renumbered = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const lengths: number[] = [];
    this.slotOf.clear();
    this.ids.forEach((id, slot) => {
      if (id === undefined) return;
      renumbered[slot] = ids.length;
      this.slotOf.set(id, ids.length);
      ids.push(id);
      lengths.push(this.lengths[slot] ?? 0);
    });
    for (const [term, posting] of this.postings) {
      let kept = 0;
      for (let index = 0; index < posting.slots.length; index++) {
        const slot = renumbered[posting.slots[index] as number] as number;
        if (slot < 0) continue;
        posting.slots[kept] = slot;
        posting.frequencies[kept++] = posting.frequencies[index] as number;
      }
      posting.slots.length = kept;
      posting.frequencies.length = kept;
      if (kept === 0) this.postings.delete(term);
    }
    this.wordPostings.clear();
    this.ids = ids;
    this.lengths = lengths;
    this.dead = 0;
  }

  /**
   * The `limit` best ids for `text`, best first, among those `accept` lets through. Rare terms are
   * scored over their whole posting list; a common term (in more than 5% of the chunks) only adds to
   * chunks a rarer term already matched (accumulator limiting), so a query costs what its rare
   * terms cost.
   */
  search(text: string, limit: number, accept: (id: string) => boolean = () => true): string[] {
    this.settle();
    const count = this.slotOf.size;
    if (count === 0) return [];
    const average = this.totalLength / count;
    const common = Math.max(1000, count * 0.05);
    if (this.scratch.length < this.ids.length) this.scratch = new Float64Array(this.ids.length * 2);
    const scores = this.scratch;
    const touched: number[] = [];
    const terms = [...termFrequencies(text).keys()]
      .map((term) => this.postings.get(term))
      .filter((posting) => posting !== undefined)
      .sort((a, b) => a.slots.length - b.slots.length);
    for (const posting of terms) {
      const df = posting.slots.length;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      const limited = df > common && touched.length > 0;
      for (let index = 0; index < df; index++) {
        const slot = posting.slots[index] as number;
        if (this.ids[slot] === undefined || (limited && scores[slot] === 0)) continue;
        const frequency = posting.frequencies[index] as number;
        const norm = frequency + K1 * (1 - B + (B * (this.lengths[slot] ?? 0)) / average);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] ?? 0) + (idf * frequency * (K1 + 1)) / norm;
      }
    }
    // Top `limit` straight from the touched slots (ties by first touch), without sorting everything, clearing the scratch scores.
    const best: number[] = [];
    const bestScores: number[] = [];
    for (const slot of touched) {
      const score = scores[slot] as number;
      scores[slot] = 0;
      if (best.length === limit && score <= (bestScores[best.length - 1] as number)) continue;
      if (!accept(this.ids[slot] as string)) continue;
      let index = best.length;
      while (index > 0 && (bestScores[index - 1] as number) < score) index--;
      best.splice(index, 0, slot);
      bestScores.splice(index, 0, score);
      if (best.length > limit) {
        best.pop();
        bestScores.pop();
      }
    }
    return best.map((slot) => this.ids[slot] as string);
  }

  clear(): void {
    this.queued = [];
    this.slotOf.clear();
    this.ids = [];
    this.lengths = [];
    this.postings = new Map();
    this.wordPostings.clear();
    this.totalLength = 0;
    this.dead = 0;
  }
}
