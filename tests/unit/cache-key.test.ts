import { describe, expect, test } from 'vitest';
import { createCacheKey } from '../../src/outputs/cache-key.ts';

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
