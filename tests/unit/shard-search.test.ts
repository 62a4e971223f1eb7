import { describe, expect, test } from 'vitest';
import type { PagefindInstance, PagefindResult } from '../../src/scripts/search/pagefind-engine.ts';
import type { IndexFilters } from '../../src/scripts/search/index-filters.ts';
import { combineShardFilters, combineShardInstances } from '../../src/scripts/search/shard-search.ts';
import { listShardIndexes } from '../../src/model/shards.ts';

/** A stand-in for one shard's Pagefind instance: its results. */
function fakeInstance(results: { id: string; score: number; url: string }[]): PagefindInstance & { terms: (string | null)[] } {
	const terms: (string | null)[] = [];
	return {
		terms,
		init: async () => {},
		search: async (term) => {
			terms.push(term);
			return { results: results.map(({ id, score, url }): PagefindResult => ({ id, score, words: [0], data: async () => ({ url, excerpt: '', meta: {}, filters: {} }) })) };
		},
	};
}

/** A stand-in for one shard's filters: each id's values, and the names asked to load. */
function fakeFilters(values: Record<string, Record<string, string[]>>): IndexFilters & { loaded: string[][] } {
	const loaded: string[][] = [];
	return {
		loaded,
		load: async (names) => void loaded.push([...names]),
		getValues: (id, name) => values[id]?.[name] ?? [],
	};
}

describe('combineShardInstances', () => {
	const early = fakeInstance([{ id: 'en_1', score: 2, url: '/early/1990/01/02/a/' }]);
	const late = fakeInstance([{ id: 'en_1', score: 3, url: '/late/2010/01/02/b/' }]);
	const combined = combineShardInstances([
		{ name: 'early', instance: early },
		{ name: 'late', instance: late },
	]);

	test('asks every shard and answers with all their results, each id prefixed with its shard', async () => {
		const response = await combined.search('harbour');
		expect(early.terms).toEqual(['harbour']);
		expect(late.terms).toEqual(['harbour']);
		expect(response.results.map(({ id, score }) => [id, score])).toEqual([
			['early/en_1', 2],
			['late/en_1', 3],
		]);
		expect((await response.results[1]!.data()).url).toBe('/late/2010/01/02/b/');
	});

});

describe('combineShardFilters', () => {
	test('reads a result’s values from its own shard’s filters, after loading them in every shard', async () => {
		const early = fakeFilters({ en_1: { year: ['1990'], source: ['Wire'] } });
		const late = fakeFilters({ en_1: { year: ['2010'], source: ['Herald'] } });
		const combined = combineShardFilters(
			Promise.resolve([
				{ name: 'early', filters: early },
				{ name: 'late', filters: late },
			]),
		);
		expect(() => combined.getValues('early/en_1', 'year')).toThrow(/before it was loaded/);
		await combined.load(['year', 'source']);
		expect(early.loaded).toEqual([['year', 'source']]);
		expect(late.loaded).toEqual([['year', 'source']]);
		expect(combined.getValues('early/en_1', 'year')).toEqual(['1990']);
		expect(combined.getValues('late/en_1', 'source')).toEqual(['Herald']);
		expect(combined.getValues('gone/en_1', 'source')).toEqual([]);
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
