import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';
import { ArticleSchema } from '../../src/model/article-schema.ts';
import { escapeXml, renderJsonFeed, renderRssFeed, toFeedItem, type Feed } from '../../src/outputs/feeds.ts';
import { getBuildTime } from '../../src/derived/build-time.ts';
import { groupByName } from '../../src/derived/groupings.ts';
import { chunk, getNewsLanguage, renderNewsSitemap, renderSitemap, renderSitemapIndex, selectNewsStories } from '../../src/outputs/sitemaps.ts';
import { createStoryContext, type Story } from '../../src/derived/story-context.ts';

const SITE = {
	title: 'Fixture & Sons Gazette',
	description: 'Stories <old> and new',
	url: 'https://news.example.org',
	base: '/archive/',
	lang: 'en',
	timeZone: 'America/New_York',
};

function makeStory(frontMatter: Record<string, unknown>, html = '<p>Body & <em>more</em></p>'): Story {
	const data = ArticleSchema.parse({ bylines: [], source: 'Wire', ...frontMatter });
	const entry = createArticleEntry('content/articles/x.md', data, { firstParagraph: 'First paragraph.', wordCount: 300 }, SITE.timeZone);
	return { id: entry.path, data: entry, rendered: { html } };
}

const stories = [
	makeStory({
		title: 'Talks stall as “gaps remain” <script>alert(1)</script> & more',
		date: '2025-07-24T09:15:00-04:00',
		bylines: ['Zoë Ortiz', '张文博'],
		section: 'World',
		tags: ['Diplomacy'],
		url: 'https://wire.example.com/a?x=1&y=2',
		updated: '2025-07-24T12:00:00-04:00',
	}),
	makeStory({ title: 'A wire story with no byline', date: '2025-07-23' }),
];
const context = createStoryContext(SITE, {
	bylines: groupByName(stories, (story) => story.data.bylines, 'byline', 'en'),
	sources: groupByName(stories, (story) => [story.data.source], 'source', 'en'),
});

function makeFeed(withContent: boolean): Feed {
	return {
		title: SITE.title,
		description: SITE.description,
		homeUrl: context.absoluteUrl('/'),
		rssUrl: context.absoluteUrl('/feed.xml'),
		jsonUrl: context.absoluteUrl('/feed.json'),
		lang: 'en',
		items: stories.map((story) => toFeedItem(story, context, withContent)),
	};
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'dc:creator', 'category', 'url', 'sitemap'].includes(name) });

describe('RSS 2.0', () => {
	const xml = renderRssFeed(makeFeed(true));
	const channel = parser.parse(xml).rss.channel;

	test('is well-formed XML with the channel elements RSS 2.0 requires', () => {
		expect(XMLValidator.validate(xml)).toBe(true);
		expect(channel.title).toBe(SITE.title);
		expect(channel.link).toBe('https://news.example.org/archive/');
		expect(channel.description).toBe(SITE.description);
		expect(channel['atom:link']['@_href']).toBe('https://news.example.org/archive/feed.xml');
		expect(channel['atom:link']['@_rel']).toBe('self');
	});

	test('each item has a title, an absolute permalink guid, an RFC 822 date and every byline', () => {
		const [first, second] = channel.item;
		expect(first.title).toBe(stories[0]!.data.title);
		expect(first.link).toBe('https://news.example.org/archive/2025/07/24/talks-stall-as-gaps-remain-script-alert-1-script-more/');
		expect(first.guid['#text']).toBe(first.link);
		expect(first.guid['@_isPermaLink']).toBe('true');
		expect(new Date(first.pubDate).toISOString()).toBe('2025-07-24T13:15:00.000Z');
		expect(first.pubDate).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
		expect(first['dc:creator']).toEqual(['Zoë Ortiz', '张文博']);
		expect(first.category).toEqual(['World', 'Diplomacy']);
		expect(second['dc:creator']).toBeUndefined();
	});

	test('markup in headlines and bodies is escaped text, read back unchanged', () => {
		const [first] = channel.item;
		expect(first['content:encoded']).toBe('<p>Body & <em>more</em></p>');
		expect(xml).not.toContain('<script>');
	});

	test('a summary-only feed carries no full content', () => {
		const summaries = parser.parse(renderRssFeed(makeFeed(false))).rss.channel;
		expect(summaries.item[0]['content:encoded']).toBeUndefined();
		expect(summaries.item[1].description).toBe('First paragraph.');
	});

	test('an empty feed is still valid', () => {
		const empty = renderRssFeed({ ...makeFeed(true), items: [] });
		expect(XMLValidator.validate(empty)).toBe(true);
		expect(parser.parse(empty).rss.channel.title).toBe(SITE.title);
	});
});

describe('JSON Feed 1.1', () => {
	test('has the required top-level fields and every item an id and content', () => {
		const feed = JSON.parse(renderJsonFeed(makeFeed(true)));
		expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
		expect(feed.title).toBe(SITE.title);
		expect(feed.feed_url).toBe('https://news.example.org/archive/feed.json');
		expect(feed.items).toHaveLength(2);
		for (const item of feed.items) {
			expect(typeof item.id).toBe('string');
			expect(typeof (item.content_html ?? item.content_text)).toBe('string');
			expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
		}
	});

	test('authors link to their byline pages and the original address is the external URL', () => {
		const [first, second] = JSON.parse(renderJsonFeed(makeFeed(true))).items;
		expect(first.authors).toEqual([
			{ name: 'Zoë Ortiz', url: 'https://news.example.org/archive/bylines/zo%C3%AB-ortiz/' },
			{ name: '张文博', url: 'https://news.example.org/archive/bylines/%E5%BC%A0%E6%96%87%E5%8D%9A/' },
		]);
		expect(first.external_url).toBe('https://wire.example.com/a?x=1&y=2');
		expect(first.date_modified).toBe('2025-07-24T16:00:00.000Z');
		expect(second.authors).toBeUndefined();
	});

	test('a summary-only feed uses content_text', () => {
		const [item] = JSON.parse(renderJsonFeed(makeFeed(false))).items;
		expect(item.content_html).toBeUndefined();
		expect(item.content_text).toBe(item.summary);
	});
});

describe('escapeXml', () => {
	test.each([
		['a & b', 'a &amp; b'],
		['<x y="1">', '&lt;x y=&quot;1&quot;&gt;'],
		["it's", 'it&apos;s'],
		[']]>', ']]&gt;'],
		['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
		['emoji 🗞 kept', 'emoji 🗞 kept'],
	])('%j → %j', (input, expected) => {
		expect(escapeXml(input)).toBe(expected);
	});
});

describe('sitemaps', () => {
	test('the index and a sitemap are well-formed and list absolute, escaped URLs', () => {
		const index = renderSitemapIndex(['https://news.example.org/archive/sitemap-1.xml']);
		expect(XMLValidator.validate(index)).toBe(true);
		expect(parser.parse(index).sitemapindex.sitemap[0].loc).toBe('https://news.example.org/archive/sitemap-1.xml');
		const sitemap = renderSitemap([{ url: 'https://x.example/?a=1&b=2', lastModified: new Date('2025-07-24T13:15:00Z') }, { url: 'https://x.example/' }]);
		expect(XMLValidator.validate(sitemap)).toBe(true);
		const urls = parser.parse(sitemap).urlset.url;
		expect(urls[0]).toEqual({ loc: 'https://x.example/?a=1&b=2', lastmod: '2025-07-24T13:15:00.000Z' });
		expect(urls[1].lastmod).toBeUndefined();
	});

	test('chunk splits a long list and gives an empty list one empty chunk', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 2)).toEqual([[]]);
	});
});

describe('Google News sitemap', () => {
	const at = (iso: string) => ({ id: iso, data: { published: new Date(iso) } });
	const newestFirst = [at('2025-07-25T00:00:00Z'), at('2025-07-24T11:00:00Z'), at('2025-07-23T12:00:01Z'), at('2025-07-23T12:00:00Z'), at('2025-07-01T00:00:00Z')];

	test('lists stories of the two days before the build, none from after it', () => {
		const selected = selectNewsStories(newestFirst, new Date('2025-07-25T12:00:00Z'));
		expect(selected.map((story) => story.id)).toEqual(['2025-07-25T00:00:00Z', '2025-07-24T11:00:00Z', '2025-07-23T12:00:01Z']);
		expect(selectNewsStories(newestFirst, new Date('2025-07-24T12:00:00Z')).map((story) => story.id)).toEqual([
			'2025-07-24T11:00:00Z',
			'2025-07-23T12:00:01Z',
			'2025-07-23T12:00:00Z',
		]);
	});

	test('is a valid, empty urlset when no story is recent', () => {
		const xml = renderNewsSitemap([], SITE.title);
		expect(XMLValidator.validate(xml)).toBe(true);
		expect(parser.parse(xml).urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
		expect(parser.parse(xml).urlset.url).toBeUndefined();
	});

	test('each story carries publication, language, date and escaped title', () => {
		const xml = renderNewsSitemap([{ url: 'https://x.example/a/', title: 'A & <B>', published: new Date('2025-07-24T13:15:00Z'), lang: 'zh-Hant' }], 'Gazette & Co');
		expect(XMLValidator.validate(xml)).toBe(true);
		const news = parser.parse(xml).urlset.url[0]['news:news'];
		expect(news['news:publication']).toEqual({ 'news:name': 'Gazette & Co', 'news:language': 'zh-tw' });
		expect(news['news:title']).toBe('A & <B>');
		expect(news['news:publication_date']).toBe('2025-07-24T13:15:00.000Z');
	});

	test.each([
		['en', 'en'],
		['pt-BR', 'pt'],
		['zh', 'zh-cn'],
		['zh-TW', 'zh-tw'],
		['ar', 'ar'],
	])('the language %s is written as %s', (lang, expected) => {
		expect(getNewsLanguage(lang)).toBe(expected);
	});
});

describe('getBuildTime', () => {
	test('SOURCE_DATE_EPOCH fixes the build time; without it the clock decides', () => {
		expect(getBuildTime({ SOURCE_DATE_EPOCH: '1753358400' }).toISOString()).toBe('2025-07-24T12:00:00.000Z');
		const now = new Date('2030-01-01T00:00:00Z');
		expect(getBuildTime({}, () => now)).toBe(now);
		expect(() => getBuildTime({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH/);
	});
});
