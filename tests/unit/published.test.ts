import { describe, expect, test } from 'vitest';
import { truncate } from '../../src/model/article-entry.ts';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';
import { getNeighbours, paginate, paginateStories, selectPublished } from '../../src/derived/published.ts';

const story = (id: string, published: string, title = id, draft = false) => ({ id, data: { published: new Date(published), title, draft } });

describe('selectPublished', () => {
	test('drafts are left out and the rest is newest first', () => {
		const list = selectPublished([story('a', '2025-01-01'), story('b', '2025-03-01'), story('c', '2025-02-01', 'c', true)]);
		expect(list.map((entry) => entry.id)).toEqual(['b', 'a']);
	});

	test('stories at the same time are ordered by headline, then id, on every build', () => {
		const same = '2025-07-24T04:00:00Z';
		const list = selectPublished([story('3', same, 'Beta'), story('2', same, 'Alpha'), story('1', same, 'Alpha')]);
		expect(list.map((entry) => entry.id)).toEqual(['1', '2', '3']);
	});
});

describe('getNeighbours and paginate', () => {
	test('each story knows the newer and older story next to it', () => {
		const list = [{ id: 'new' }, { id: 'mid' }, { id: 'old' }];
		const neighbours = getNeighbours(list);
		expect(neighbours.get('new')).toEqual({ newer: undefined, older: { id: 'mid' } });
		expect(neighbours.get('mid')).toEqual({ newer: { id: 'new' }, older: { id: 'old' } });
		expect(neighbours.get('old')).toEqual({ newer: { id: 'mid' }, older: undefined });
	});

	test('seven stories in pages of three make three pages, the last one short', () => {
		const pages = paginate([1, 2, 3, 4, 5, 6, 7], 3);
		expect(pages.map((page) => page.items)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
		expect(pages.every((page) => page.total === 3)).toBe(true);
	});

	test('an empty archive still has one empty page', () => {
		expect(paginate([], 20)).toEqual([{ items: [], number: 1, total: 1 }]);
	});
});

describe('paginateStories: pages counted from the oldest story', () => {
	/** Stories n, n-1, …, 1: newest first, each named by its place from the oldest. */
	const newestFirst = (count: number) => Array.from({ length: count }, (_, index) => count - index);

	test('seven stories in pages of three: the own page holds the newest four, page 1 the oldest three', () => {
		expect(paginateStories(newestFirst(7), 3)).toEqual([
			{ items: [7, 6, 5, 4], number: undefined, numbered: 1 },
			{ items: [3, 2, 1], number: 1, numbered: 1 },
		]);
	});

	test.each([
		[0, 20, [0]],
		[19, 20, [19]],
		[20, 20, [20]],
		[39, 20, [39]],
		[40, 20, [20, 20]],
		[41, 20, [21, 20]],
		[100, 20, [20, 20, 20, 20, 20]],
	])('%d stories in pages of %d: the own page, then the numbered pages newest first, hold %j', (count, size, lengths) => {
		const pages = paginateStories(newestFirst(count), size);
		expect(pages.map((page) => page.items.length)).toEqual(lengths);
		expect(pages.map((page) => page.number)).toEqual([undefined, ...Array.from({ length: lengths.length - 1 }, (_, index) => lengths.length - 1 - index)]);
	});

	test('every story is on exactly one page, newest first throughout, and no page holds more than twice the size', () => {
		for (const size of [1, 3, 20]) {
			for (let count = 0; count <= 70; count++) {
				const pages = paginateStories(newestFirst(count), size);
				expect(pages.flatMap((page) => page.items), `${count} in pages of ${size}`).toEqual(newestFirst(count));
				for (const page of pages) {
					expect(page.items.length).toBeLessThan(2 * size);
					if (page.number !== undefined) expect(page.items.length).toBe(size);
				}
			}
		}
	});

	test('a numbered page keeps its stories however many newer stories arrive', () => {
		const size = 20;
		const before = new Map(paginateStories(newestFirst(1_000), size).map((page) => [page.number, page.items]));
		for (const added of [1, 19, 20, 50, 333]) {
			for (const page of paginateStories(newestFirst(1_000 + added), size)) {
				if (page.number !== undefined && before.has(page.number)) expect(page.items, `page ${page.number}, ${added} added`).toEqual(before.get(page.number));
			}
		}
	});
});

describe('createArticleEntry', () => {
	const data = {
		title: 'US recalls its team from Doha',
		date: '2025-07-24',
		bylines: ['Jennifer Hansler'],
		source: 'CNN',
		tags: [],
		corrections: [],
		draft: false,
	};

	test('a day-only date files the story under that day in the archive zone, in any zone', () => {
		for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
			const entry = createArticleEntry('a.md', data, { firstParagraph: 'Lede.', wordCount: 460 }, zone);
			expect(entry.path).toBe('/2025/07/24/us-recalls-its-team-from-doha/');
			expect(entry.path.slice(1, -1)).toBe('2025/07/24/us-recalls-its-team-from-doha');
			expect(entry.dayOnly).toBe(true);
		}
	});

	test('the excerpt is the summary when there is one, else the first paragraph', () => {
		expect(createArticleEntry('a.md', data, { firstParagraph: 'Lede.', wordCount: 1 }, 'UTC').excerpt).toBe('Lede.');
		expect(createArticleEntry('a.md', { ...data, summary: 'Dek.' }, { firstParagraph: 'Lede.', wordCount: 1 }, 'UTC').excerpt).toBe('Dek.');
	});

	test('reading time rounds to whole minutes and is never zero', () => {
		expect(createArticleEntry('a.md', data, { firstParagraph: '', wordCount: 20 }, 'UTC').readingMinutes).toBe(1);
		expect(createArticleEntry('a.md', data, { firstParagraph: '', wordCount: 920 }, 'UTC').readingMinutes).toBe(4);
	});

	test('a headline without letters or digits still gets an address', () => {
		expect(createArticleEntry('a.md', { ...data, title: '???' }, { firstParagraph: '', wordCount: 1 }, 'UTC').slug).toBe('story');
	});
});

describe('truncate', () => {
	test('cuts at a word boundary and marks the cut', () => {
		expect(truncate('The quick brown fox jumps over the lazy dog', 20)).toBe('The quick brown fox…');
		expect(truncate('Short.', 20)).toBe('Short.');
	});
});
