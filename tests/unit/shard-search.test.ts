import { describe, expect, test } from 'vitest';
import type { PagefindInstance, PagefindResult } from '../../src/scripts/search/pagefind-engine.ts';
import { combineShardInstances } from '../../src/scripts/search/shard-search.ts';
import { listShardIndexes } from '../../src/model/shards.ts';

/** A stand-in for one shard's Pagefind instance: its results, and the filter counts it answers with. */
function fakeInstance(results: { id: string; score: number; url: string }[], filters: Record<string, Record<string, number>>): PagefindInstance & { terms: (string | null)[] } {
	const terms: (string | null)[] = [];
	return {
		terms,
		init: async () => {},
		filters: async () => filters,
		search: async (term) => {
			terms.push(term);
			return {
				results: results.map(({ id, score, url }): PagefindResult => ({ id, score, words: [0], data: async () => ({ url, excerpt: '', meta: {}, filters: {} }) })),
				filters,
			};
		},
	};
}

describe('combineShardInstances', () => {
	const early = fakeInstance([{ id: 'en_1', score: 2, url: '/early/1990/01/02/a/' }], { year: { '1990': 1 }, source: { Wire: 1 } });
	const late = fakeInstance([{ id: 'en_1', score: 3, url: '/late/2010/01/02/b/' }], { year: { '2010': 1 }, source: { Wire: 1, Herald: 2 } });
	const combined = combineShardInstances([
		{ name: 'early', instance: early },
		{ name: 'late', instance: late },
	]);

	test('asks every shard and answers with all their results, each id prefixed with its shard', async () => {
		const response = await combined.search('harbour', {});
		expect(early.terms).toEqual(['harbour']);
		expect(late.terms).toEqual(['harbour']);
		expect(response.results.map(({ id, score }) => [id, score])).toEqual([
			['early/en_1', 2],
			['late/en_1', 3],
		]);
		expect((await response.results[1]!.data()).url).toBe('/late/2010/01/02/b/');
	});

	test('adds up the shards’ filter counts', async () => {
		expect((await combined.search(null, {})).filters).toEqual({ year: { '1990': 1, '2010': 1 }, source: { Wire: 2, Herald: 2 } });
		expect(await combined.filters()).toEqual({ year: { '1990': 1, '2010': 1 }, source: { Wire: 2, Herald: 2 } });
	});
});

describe('listShardIndexes', () => {
	test('finds every shard’s index in its folder of the site', () => {
		expect(listShardIndexes([{ name: 'early', from: 1990, to: 2007 }, { name: 'late', from: 2008, to: 2025 }], '/archive/', '/pagefind/')).toEqual([
			{ name: 'early', bundle: '/archive/early/pagefind/', base: '/archive/early/' },
			{ name: 'late', bundle: '/archive/late/pagefind/', base: '/archive/late/' },
		]);
	});
});
