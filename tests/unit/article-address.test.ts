import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assignAddresses, formatRepeat, type Addressable } from '../../src/model/article-address.ts';

const story = (file: string, title: string, date = '2025-07-24', slug?: string): Addressable => ({ file, data: { title, date, ...(slug ? { slug } : {}) } });
const paths = (articles: Addressable[], zone = 'UTC') =>
	Object.fromEntries(assignAddresses(articles, zone).addressed.map(({ article, address }) => [article.file, address.path]));

describe('assignAddresses', () => {
	test('different headlines, or the same headline on different days, keep their plain addresses', () => {
		expect(paths([story('a.md', 'Results'), story('b.md', 'Weather'), story('c.md', 'Results', '2025-07-25')])).toEqual({
			'a.md': '/2025/07/24/results/',
			'b.md': '/2025/07/24/weather/',
			'c.md': '/2025/07/25/results/',
		});
	});

	test('the earlier of two stories with one headline keeps the plain slug, the later gets -2, the next -3', () => {
		const result = paths([
			story('z-evening.md', 'Results', '2025-07-24T20:00:00Z'),
			story('a-night.md', 'Results', '2025-07-24T23:00:00Z'),
			story('m-morning.md', 'Results', '2025-07-24T08:00:00Z'),
		]);
		expect(result).toEqual({ 'm-morning.md': '/2025/07/24/results/', 'z-evening.md': '/2025/07/24/results-2/', 'a-night.md': '/2025/07/24/results-3/' });
	});

	test('stories with the same time are ordered by file name, so the outcome never depends on file order', () => {
		const articles = [story('b.md', 'Results'), story('a.md', 'Results'), story('c.md', 'Results 2'), story('d.md', 'Results')];
		const expected = { 'a.md': '/2025/07/24/results/', 'b.md': '/2025/07/24/results-3/', 'c.md': '/2025/07/24/results-2/', 'd.md': '/2025/07/24/results-4/' };
		fc.assert(
			fc.property(fc.shuffledSubarray(articles, { minLength: articles.length }), (shuffled) => {
				expect(paths(shuffled)).toEqual(expected);
			}),
		);
	});

	test('a story headlined "Results 2" keeps its own address; the repeat skips to the next free suffix', () => {
		expect(paths([story('a.md', 'Results'), story('b.md', 'Results'), story('c.md', 'Results 2')])['b.md']).toBe('/2025/07/24/results-3/');
	});

	test('a front-matter slug chooses the address, and wins it over a headline that would claim it', () => {
		expect(paths([story('a.md', 'Results'), story('b.md', 'Evening results', '2025-07-24', 'results')])).toEqual({
			'a.md': '/2025/07/24/results-2/',
			'b.md': '/2025/07/24/results/',
		});
	});

	test('two stories claiming one slug on one day are a problem naming both files; the first in file order stays', () => {
		const result = assignAddresses([story('b.md', 'One', '2025-07-24', 'same'), story('a.md', 'Two', '2025-07-24', 'same')], 'UTC');
		expect(result.addressed.map(({ article }) => article.file)).toEqual(['a.md']);
		expect(result.problems).toEqual([
			{ file: 'b.md', field: 'slug', message: 'claims the address /2025/07/24/same/ that a.md also claims; give one of them another slug' },
		]);
	});

	test('an unchanged story addressed with its date as the last build parsed it gets the address parsing gives', () => {
		const articles = [
			story('a.md', 'Results', '2025-07-24'),
			story('b.md', 'Results', '2025-07-24T23:30:00'),
			story('c.md', 'Late edition', '2025-07-25T02:00:00+02:00'),
			story('d.md', 'Results', '2025-07-24T01:00:00Z'),
		];
		for (const zone of ['UTC', 'America/New_York', 'Pacific/Kiritimati']) {
			const parsed = assignAddresses(articles, zone);
			const reused = assignAddresses(
				parsed.addressed.map(({ article, address: { published, year, month, day } }) => ({ ...article, parsed: { published, year, month, day } })),
				zone,
			);
			expect(reused.addressed.map(({ address }) => address), zone).toEqual(parsed.addressed.map(({ address }) => address));
			expect(reused.repeats, zone).toEqual(parsed.repeats);
		}
		// The kept date is what decides: parsing is skipped altogether.
		const kept = { published: new Date('2025-07-01T12:00:00Z'), year: '2025', month: '07', day: '01' };
		expect(assignAddresses([{ ...story('a.md', 'Results', '2025-07-24'), parsed: kept }], 'UTC').addressed[0]!.address.path).toBe('/2025/07/01/results/');
	});

	test('each repeat is listed with the story that kept the plain address', () => {
		const { repeats } = assignAddresses([story('a.md', 'Results'), story('b.md', 'Results')], 'UTC');
		expect(repeats.map(formatRepeat)).toEqual(['b.md: repeats the address of a.md on the same day; published at /2025/07/24/results-2/ (set `slug` to choose another)']);
	});

	test('the day of a story is its day in the archive zone', () => {
		expect(paths([story('a.md', 'Late', '2025-07-24T23:30:00-04:00')], 'America/New_York')['a.md']).toBe('/2025/07/24/late/');
		expect(paths([story('a.md', 'Late', '2025-07-24T23:30:00-04:00')], 'Europe/Berlin')['a.md']).toBe('/2025/07/25/late/');
	});
});
