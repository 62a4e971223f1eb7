import { describe, expect, test } from 'vitest';
import { createCacheKey, getListedStoryKey, withCacheKeys } from '../../src/outputs/cache-key.ts';

describe('createCacheKey', () => {
	test('the same facts give the same key', () => {
		expect(createCacheKey(['a', undefined, 'b'])).toBe(createCacheKey(['a', undefined, 'b']));
	});

	test.each([
		[['ab', 'c'], ['a', 'bc']],
		[['a', undefined], ['a', '']],
		[['a', 'b'], ['b', 'a']],
		[['a'], ['a', undefined]],
	])('%j and %j give different keys', (left, right) => {
		expect(createCacheKey(left)).not.toBe(createCacheKey(right));
	});
});

describe('the cache keys of list pages', () => {
	const groupings = {
		bylines: { getSlug: (name: string) => name.toLowerCase().replace(/ /g, '-') },
		sources: { getSlug: () => 'wire' },
		topics: { getSlug: () => 'markets' },
	};
	const story = (digest: string, path = '/2025/07/24/honda/', bylines = ['Jane Doe']) => ({ digest, data: { path, bylines, source: 'Wire', section: undefined, tags: ['Markets'] } });

	test('a listed story is known by its digest, its address and the pages its names link to', () => {
		const key = getListedStoryKey(story('a'), groupings);
		expect(getListedStoryKey(story('a'), groupings)).toBe(key);
		expect(getListedStoryKey(story('b'), groupings)).not.toBe(key);
		expect(getListedStoryKey(story('a', '/2025/07/24/honda-2/'), groupings)).not.toBe(key);
		const renamed = { ...groupings, bylines: { getSlug: () => 'jane-doe-2' } };
		expect(getListedStoryKey(story('a'), renamed)).not.toBe(key);
	});

	test('every entry gets a key from the settings and the facts described, and keeps its params and props', () => {
		const entries = [
			{ params: { page: '2' }, props: { count: 3 } },
			{ params: { page: '3' }, props: { count: 4 } },
		];
		const keyed = withCacheKeys(entries, '{"lang":"en"}', ({ props }) => ['stories', props.count]);
		expect(keyed.map(({ params, props }) => ({ params, props }))).toEqual(entries);
		expect(keyed[0]!.cacheKey).not.toBe(keyed[1]!.cacheKey);
		expect(withCacheKeys(entries, '{"lang":"en"}', ({ props }) => ['stories', props.count])[0]!.cacheKey).toBe(keyed[0]!.cacheKey);
		expect(withCacheKeys(entries, '{"lang":"de"}', ({ props }) => ['stories', props.count])[0]!.cacheKey).not.toBe(keyed[0]!.cacheKey);
	});
});
