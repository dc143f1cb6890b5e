import { expect, it } from 'vitest';
import { Bm25Index } from './Bm25Index.js';

it('ranks by BM25 and stays right across removals and the compaction they trigger', () => {
  const index = new Bm25Index();
  for (let item = 0; item < 3000; item++) index.add(`filler${item}`, `common words item${item}`);
  index.add('target', 'parseHttpRequest common words');
  index.add('other', 'sendResponse common');
  for (let item = 0; item < 2500; item++) index.remove(`filler${item}`);
  expect(index.size).toBe(502);
  expect(index.search('http request', 3)).toEqual(['target']);
  expect(index.search('common send response', 1)).toEqual(['other']);
  index.add('target', 'now about widgets');
  expect(index.search('http request', 3)).toEqual([]);
  expect(index.search('widgets', 3)).toEqual(['target']);
  expect(index.search('item2999', 5)).toEqual(['filler2999']);
  expect(index.search('item10', 5)).toEqual([]);
});
