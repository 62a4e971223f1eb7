import { describe, expect, test } from 'vitest';
import { getDayEntries, getGroupPageEntries, getMonthPageEntries, getYearEntries } from '../../src/derived/archive-pages.ts';
import { buildCalendar } from '../../src/derived/calendar.ts';
import { groupByName } from '../../src/derived/groupings.ts';
import {
	getBylinePath,
	getFeedPath,
	getGroupIndexPath,
	getGroupPath,
	getMonthPath,
	getNewsSitemapPath,
	getPageParam,
	getSitemapIndexPath,
	getSitemapPath,
	getStoryPageParam,
	withBase,
} from '../../src/model/urls.ts';

const story = (id: string, date: string, bylines: string[]) => {
	const [year, month, day] = date.split('-') as [string, string, string];
	return { id, data: { year, month, day }, bylines };
};

/** Newest first. */
const stories = [
	story('e', '2025-07-24', ['Zoë Ortiz']),
	story('d', '2025-07-24', ['Zoë Ortiz', 'Bo Li']),
	story('c', '2025-07-02', ['Zoë Ortiz']),
	story('b', '2025-06-30', ['Bo Li']),
	story('a', '2024-01-01', []),
];

describe('page entries for getStaticPaths', () => {
	test('each group is cut into pages whose rest parameter matches its address', () => {
		const bylines = groupByName(stories, (entry) => entry.bylines, 'byline', 'en');
		expect(getGroupPageEntries(bylines, 2).map((entry) => [entry.params.slug, entry.params.page, entry.props.page.items.map((item) => item.id)])).toEqual([
			['bo-li', undefined, ['d', 'b']],
			['zoë-ortiz', undefined, ['e', 'd', 'c']],
		]);
		// Numbered from the oldest story: page 1 holds each name's first story.
		const entries = getGroupPageEntries(bylines, 1);
		expect(entries.map((entry) => [entry.params.slug, entry.params.page, entry.props.page.items.map((item) => item.id)])).toEqual([
			['bo-li', undefined, ['d']],
			['bo-li', 'page/1', ['b']],
			['zoë-ortiz', undefined, ['e']],
			['zoë-ortiz', 'page/2', ['d']],
			['zoë-ortiz', 'page/1', ['c']],
		]);
		for (const { params, props } of entries) {
			expect(getGroupPath('bylines', params.slug, props.page.number)).toBe(`/bylines/${encodeURIComponent(params.slug)}/${params.page ? `${params.page}/` : ''}`);
		}
	});

	test('months are paginated, and years and days get one entry each', () => {
		const calendar = buildCalendar(stories);
		expect(getYearEntries(calendar).map((entry) => entry.params.year)).toEqual(['2025', '2024']);
		expect(getMonthPageEntries(calendar, 1).map((entry) => `${entry.params.year}-${entry.params.month} ${entry.params.page ?? 'own'}`)).toEqual([
			'2025-06 own',
			'2025-07 own',
			'2025-07 page/2',
			'2025-07 page/1',
			'2024-01 own',
		]);
		expect(getDayEntries(calendar).map((entry) => Object.values(entry.params).join('-'))).toEqual(['2025-06-30', '2025-07-02', '2025-07-24', '2024-01-01']);
		expect(getDayEntries(calendar).reduce((sum, entry) => sum + entry.props.day.stories.length, 0)).toBe(stories.length);
	});
});

describe('browse addresses', () => {
	test.each([
		[getPageParam(1), undefined],
		[getPageParam(3), 'page/3'],
		[getMonthPath('2025', '07'), '/2025/07/'],
		[getStoryPageParam(undefined), undefined],
		[getStoryPageParam(1), 'page/1'],
		[getMonthPath('2025', '07', 2), '/2025/07/page/2/'],
		[getMonthPath('2025', '07', 1), '/2025/07/page/1/'],
		[getBylinePath('zoë-ortiz', 2), '/bylines/zo%C3%AB-ortiz/page/2/'],
		[getGroupIndexPath('topics'), '/topics/'],
		[getFeedPath('rss'), '/feed.xml'],
		[getFeedPath('json'), '/feed.json'],
		[getFeedPath('rss', { kind: 'bylines', slug: '张文博' }), '/bylines/%E5%BC%A0%E6%96%87%E5%8D%9A/feed.xml'],
		[getFeedPath('json', { kind: 'sources', slug: 'cnn' }), '/sources/cnn/feed.json'],
		[getSitemapIndexPath(), '/sitemap-index.xml'],
		[getSitemapPath(2), '/sitemap-2.xml'],
		[getNewsSitemapPath(), '/news-sitemap.xml'],
		[withBase(getFeedPath('rss', { kind: 'topics', slug: 'c-2' }), '/archive/'), '/archive/topics/c-2/feed.xml'],
	])('%s is %s', (actual, expected) => {
		expect(actual).toBe(expected);
	});
});
