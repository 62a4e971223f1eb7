import { describe, expect, test } from 'vitest';
import { getPageBar, getPageNumbers, getStoryPageBar } from '../../src/outputs/page-numbers.ts';

describe('getPageNumbers', () => {
	test.each([
		[1, 1, [1]],
		[1, 3, [1, 2, 3]],
		[1, 4, [1, 2, 3, 4]],
		[1, 6, [1, 2, 'gap', 6]],
		[4, 6, [1, 2, 3, 4, 5, 6]],
		[6, 20, [1, 'gap', 5, 6, 7, 'gap', 20]],
		[20, 20, [1, 'gap', 19, 20]],
	])('page %d of %d shows %j', (current, total, expected) => {
		expect(getPageNumbers(current, total)).toEqual(expected);
	});

	test('never hides a single page behind a gap', () => {
		for (let total = 1; total <= 30; total++) {
			for (let current = 1; current <= total; current++) {
				const items = getPageNumbers(current, total);
				items.forEach((item, index) => {
					if (item !== 'gap') return;
					const before = items[index - 1] as number;
					const after = items[index + 1] as number;
					expect(after - before, `page ${current} of ${total}`).toBeGreaterThan(2);
				});
				expect(items).toContain(current);
			}
		}
	});
});

describe('getPageBar (an alphabetical index)', () => {
	test('steps to the pages either side, within the index', () => {
		expect(getPageBar(1, 3)).toEqual({ items: [1, 2, 3], current: 1, after: 2 });
		expect(getPageBar(3, 3)).toEqual({ items: [1, 2, 3], current: 3, before: 2 });
		expect(getPageBar(1, 1)).toEqual({ items: [1], current: 1 });
	});
});

describe('getStoryPageBar (a list of stories, numbered from the oldest)', () => {
	test.each([
		[undefined, 0, { items: ['newest'], current: 'newest' }],
		[undefined, 2, { items: ['newest', 2, 1], current: 'newest', after: 2 }],
		[undefined, 20, { items: ['newest', 20, 'gap', 1], current: 'newest', after: 20 }],
		[20, 20, { items: ['newest', 20, 19, 'gap', 1], current: 20, before: 'newest', after: 19 }],
		[6, 20, { items: ['newest', 'gap', 7, 6, 5, 'gap', 1], current: 6, before: 7, after: 5 }],
		[1, 20, { items: ['newest', 'gap', 2, 1], current: 1, before: 2 }],
	] as const)('page %s of %d numbered pages', (current, numbered, expected) => {
		expect(getStoryPageBar(current, numbered)).toEqual(expected);
	});

	test('reads from the newest down: every link is one page older than the one before it', () => {
		for (let numbered = 0; numbered <= 25; numbered++) {
			for (const current of [undefined, ...Array.from({ length: numbered }, (_, index) => index + 1)]) {
				const { items } = getStoryPageBar(current, numbered);
				const order = items.filter((item) => item !== 'gap').map((item) => (item === 'newest' ? numbered + 1 : item));
				expect(order).toEqual([...order].sort((a, b) => b - a));
				expect(items).toContain(current ?? 'newest');
			}
		}
	});

	test('a page three or more pages below the newest shows the same bar however many pages come after it', () => {
		for (let current = 1; current <= 30; current++) {
			const bars = new Set<string>();
			for (let numbered = current + 3; numbered <= 60; numbered++) bars.add(JSON.stringify(getStoryPageBar(current, numbered)));
			expect(bars.size, `page ${current}`).toBe(1);
		}
	});
});

