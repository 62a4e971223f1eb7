import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { parseArticle, type ParsedArticle } from '../../src/model/parse-article.ts';
import { fixturePath, readBuiltFile, readPage } from '../support/fixtures.ts';

const FIXTURE = 'browse';
const ORIGIN = 'https://browse.example.org';
/** `pageSize` in tests/fixtures/browse/astro.config.mjs. */
const PAGE_SIZE = 2;
/** The build's "now", `SOURCE_DATE_EPOCH` in tests/fixtures/browse/astro.config.mjs. */
const BUILD_TIME = new Date('2025-07-24T20:00:00-04:00');
const TIME_ZONE = 'America/New_York';

/** Stories the tests look at closely (front-matter in tests/fixtures/browse/content/articles/). */
const HARBOUR = '/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain/';
const SCRIPT_HEADLINE = '/2025/07/24/coders-argue-over-a-script-tag-other-quirks/';
const COUNCIL = '/2025/07/24/council-passes-budget-after-late-session/';

interface FixtureStory {
	title: string;
	bylines: string[];
	/** The calendar day in the archive's time zone, worked out here with Intl rather than the site's dayjs code. */
	year: string;
	month: string;
	day: string;
	published: Date;
}

/** Every published fixture story, parsed with the project's parser and dated independently of the site code. */
function readFixtureStories(): FixtureStory[] {
	const folder = fixturePath(FIXTURE, 'content', 'articles');
	const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
	return readdirSync(folder)
		.filter((file) => file.endsWith('.md'))
		.map((file) => {
			const parsed = parseArticle(readFileSync(path.join(folder, file)), file);
			if (!parsed.ok) throw new Error(`fixture ${file} is invalid`);
			return parsed.article;
		})
		.filter((article: ParsedArticle) => !article.data.draft)
		.map(({ data }) => {
			// A bare day means midnight in New York; every other fixture date carries an offset or Z.
			const published = /^\d{4}-\d{2}-\d{2}$/.test(data.date) ? new Date(`${data.date}T00:00:00-04:00`) : new Date(data.date);
			const [year, month, day] = dayFormat.format(published).split('-') as [string, string, string];
			return { title: data.title, bylines: data.bylines, year, month, day, published };
		});
}

const stories = readFixtureStories();
const page = (urlPath: string): CheerioAPI => readPage(FIXTURE, urlPath);
const texts = ($: CheerioAPI, selector: string) => $(selector).map((_, element) => $(element).text().trim()).get();
const hrefs = ($: CheerioAPI, selector: string) => $(selector).map((_, element) => $(element).attr('href')).get();
const countBy = (key: (story: FixtureStory) => string) =>
	stories.reduce((counts, story) => counts.set(key(story), (counts.get(key(story)) ?? 0) + 1), new Map<string, number>());
/** Headlines on every page of a paginated list, following its `rel="next"` links. */
function collectHeadlines(firstPath: string): string[] {
	const headlines: string[] = [];
	for (let next: string | undefined = firstPath; next; ) {
		const $ = page(next);
		headlines.push(...texts($, '.story-list .story-card__headline'));
		next = $('.pagination a[rel="next"]').attr('href');
	}
	return headlines;
}

describe('the calendar archive', () => {
	test('the archive index lists every year with its story count, newest first', () => {
		const $ = page('/archive/');
		const years = [...countBy((story) => story.year)].sort((a, b) => b[0].localeCompare(a[0]));
		const rows = $('.archive-years tbody tr')
			.map((_, row) => [[$(row).find('th').text().trim(), Number($(row).find('.archive-years__total').text())]])
			.get();
		expect(rows).toEqual(years);
		expect(hrefs($, '.archive-years tbody th a')).toEqual(years.map(([year]) => `/${year}/`));
	});

	test('a year page shows every month with its count as text, and links only months with stories', () => {
		const months = countBy((story) => `${story.year}-${story.month}`);
		const $ = page('/2025/');
		const rows = $('.month-chart__month');
		expect(rows).toHaveLength(12);
		rows.each((index, row) => {
			const month = String(index + 1).padStart(2, '0');
			const count = months.get(`2025-${month}`) ?? 0;
			expect($(row).find('.month-chart__count').text()).toBe(`${count} ${count === 1 ? 'story' : 'stories'}`);
			expect($(row).find('a').attr('href')).toBe(count > 0 ? `/2025/${month}/` : undefined);
		});
		expect($('.month-chart__bar[aria-hidden="true"]')).toHaveLength(12);
	});

	test('previous and next years skip a year without stories', () => {
		const $ = page('/2024/');
		expect($('.period-nav a[rel="prev"]').attr('href')).toBe('/2022/');
		expect($('.period-nav a[rel="next"]').attr('href')).toBe('/2025/');
		expect(page('/2022/')('.period-nav a[rel="prev"]')).toHaveLength(0);
	});

	test('a month page links exactly the days that have stories, with their counts', () => {
		const days = countBy((story) => `${story.year}-${story.month}-${story.day}`);
		const expected = [...days].filter(([key]) => key.startsWith('2025-07-')).map(([key, count]) => [`/${key.replaceAll('-', '/')}/`, count]);
		const $ = page('/2025/07/');
		const linked = $('.calendar-month a')
			.map((_, link) => [[$(link).attr('href'), Number($(link).find('.calendar-month__count').contents().first().text())]])
			.get();
		expect(linked.sort()).toEqual(expected.sort());
		expect($('.calendar-month tbody td').length % 7).toBe(0);
		expect(texts($, '.calendar-month thead th')[0]).toBe('Sun');
	});

	test('a month’s pages list each of its stories once, newest first', () => {
		const july = stories.filter((story) => story.year === '2025' && story.month === '07').sort((a, b) => b.published.getTime() - a.published.getTime());
		expect(collectHeadlines('/2025/07/')).toEqual(july.map((story) => story.title));
		// Numbered from the oldest: page 1 holds July's first stories, the month's own page the newest (a page to twice a page).
		const numbered = Math.floor(july.length / PAGE_SIZE) - 1;
		expect(numbered).toBeGreaterThanOrEqual(1);
		expect(page('/2025/07/')('.story-list > li')).toHaveLength(july.length - numbered * PAGE_SIZE);
		expect(texts(page('/2025/07/page/1/'), '.story-list .story-card__headline')).toEqual(july.slice(-PAGE_SIZE).map((story) => story.title));
	});

	test('a month’s numbered page leaves out its count and calendar, which change as stories arrive', () => {
		const own = page('/2025/07/');
		expect(own('.calendar-month')).toHaveLength(1);
		expect(own('h1 .meta').text()).toMatch(/\d+ stories/);
		const numbered = page('/2025/07/page/1/');
		expect(numbered('.calendar-month')).toHaveLength(0);
		expect(numbered('h1 .meta')).toHaveLength(0);
		expect(numbered('title').text()).toMatch(/^July 2025, page 1 — /);
		expect(numbered('.pagination a[rel="prev"]').attr('href')).toBe('/2025/07/');
	});

	test('a story published late in the evening in New York is filed under that day, not the UTC day', () => {
		const $ = page('/2025/06/30/');
		expect(texts($, '.story-card__headline')).toEqual(['Late-night vote in New York still counts as June 30']);
	});

	test('previous and next months skip months without stories', () => {
		const $ = page('/2025/06/');
		expect($('.period-nav a[rel="prev"]').attr('href')).toBe('/2025/03/');
		expect($('.period-nav a[rel="next"]').attr('href')).toBe('/2025/07/');
		expect($('.period-nav a[rel="prev"]').text()).toContain('March 2025');
	});

	test('a day page lists that day’s stories and links the nearest days with stories', () => {
		const $ = page('/2025/07/24/');
		const sameDay = stories.filter((story) => `${story.year}-${story.month}-${story.day}` === '2025-07-24').map((story) => story.title);
		expect(texts($, '.story-card__headline').sort()).toEqual(sameDay.sort());
		expect($('.period-nav a[rel="prev"]').attr('href')).toBe('/2025/07/22/');
		expect($('.period-nav a[rel="next"]')).toHaveLength(0);
		expect($('h1').text()).toContain('July 24, 2025');
	});

	test('the home page shows stories of the build’s month and day from earlier years only', () => {
		const $ = page('/');
		const earlier = stories
			.filter((story) => story.month === '07' && story.day === '24' && story.year < '2025')
			.sort((a, b) => b.year.localeCompare(a.year));
		expect(texts($, '.on-this-day .on-this-day__headline')).toEqual(earlier.map((story) => story.title));
		expect(texts($, '.on-this-day .on-this-day__year')).toEqual(earlier.map((story) => story.year));
		expect($('#on-this-day-heading').text()).toContain('July 24');
	});
});

describe('bylines, sources and topics', () => {
	test('the bylines index lists every person with a working page and their story count', () => {
		const $ = page('/bylines/');
		const counts = new Map<string, number>();
		for (const story of stories) for (const name of story.bylines) counts.set(name, (counts.get(name) ?? 0) + 1);
		const listed = new Map(
			$('.group-index li')
				.map((_, item) => [[$(item).find('a').text(), Number($(item).find('.group-index__count').contents().first().text())] as const])
				.get(),
		);
		expect(listed).toEqual(counts);
		for (const link of hrefs($, '.group-index a')) expect(() => page(link)).not.toThrow();
	});

	test.each([
		['Zoë Ortiz', '/bylines/zo%C3%AB-ortiz/'],
		['张文博', '/bylines/%E5%BC%A0%E6%96%87%E5%8D%9A/'],
		['محمد', '/bylines/%D9%85%D8%AD%D9%85%D8%AF/'],
	])('%s has a page at %s with all of their stories', (name, urlPath) => {
		expect(page(urlPath)('h1').text()).toBe(name);
		const theirs = stories.filter((story) => story.bylines.includes(name)).map((story) => story.title);
		expect(collectHeadlines(urlPath).sort()).toEqual(theirs.sort());
	});

	test('“Anne-Marie Dupont” and “Anne Marie Dupont” slug alike but keep two pages; the older name keeps the bare slug', () => {
		expect(page('/bylines/anne-marie-dupont/')('h1').text()).toBe('Anne-Marie Dupont');
		expect(page('/bylines/anne-marie-dupont-2/')('h1').text()).toBe('Anne Marie Dupont');
		expect(texts(page('/bylines/anne-marie-dupont-2/'), '.story-card__headline')).toEqual(['Council passes budget after late session']);
	});

	test('an article’s byline links go to the same collision-safe pages', () => {
		expect(hrefs(page(COUNCIL), 'a[rel="author"]')).toEqual(['/bylines/anne-marie-dupont-2/']);
		expect(hrefs(page(SCRIPT_HEADLINE), 'a[rel="author"]')).toEqual(['/bylines/anne-marie-dupont/']);
	});

	test('an article with two bylines appears on both people’s pages', () => {
		const headline = 'Negotiators leave harbour talks as “gaps remain”';
		expect(collectHeadlines('/bylines/zo%C3%AB-ortiz/')).toContain(headline);
		expect(collectHeadlines('/bylines/%E5%BC%A0%E6%96%87%E5%8D%9A/')).toContain(headline);
	});

	test('topics “C” and “C++” both slug to “c” and stay apart', () => {
		expect(page('/topics/c/')('h1').text()).toBe('C');
		expect(page('/topics/c-2/')('h1').text()).toBe('C++');
	});

	test('sources and topics have index pages with counts', () => {
		expect(texts(page('/sources/'), '.group-index a')).toEqual(['Fixture Gazette', 'Fixture Wire', 'Harbour Times']);
		expect(texts(page('/topics/'), '.group-index a')).toEqual(expect.arrayContaining(['World', 'Shipping', 'C', 'C++', 'City']));
	});

	test('nothing of the draft appears on any index', () => {
		for (const urlPath of ['/bylines/', '/sources/', '/topics/']) {
			expect(page(urlPath)('main').text()).not.toMatch(/Ghost Writer|Secret Source|Hidden Topic/);
		}
	});
});

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'url', 'sitemap', 'dc:creator'].includes(name) });

describe('feeds', () => {
	test('the RSS feed is well-formed RSS 2.0 with every published story, newest first, full text', () => {
		const text = readBuiltFile(FIXTURE, '/feed.xml');
		expect(XMLValidator.validate(text)).toBe(true);
		const { rss } = xml.parse(text);
		expect(rss['@_version']).toBe('2.0');
		expect(rss.channel.link).toBe(`${ORIGIN}/`);
		const newestFirst = [...stories].sort((a, b) => b.published.getTime() - a.published.getTime());
		expect(rss.channel.item.map((item: { title: string }) => item.title)).toEqual(newestFirst.map((story) => story.title));
		for (const item of rss.channel.item) {
			expect(item.guid['#text']).toBe(item.link);
			expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
			expect(item['content:encoded']).toMatch(/<p>/);
		}
	});

	test('the JSON Feed has the fields JSON Feed 1.1 requires', () => {
		const feed = JSON.parse(readBuiltFile(FIXTURE, '/feed.json'));
		expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
		expect(feed.title).toBe('Browse Gazette');
		expect(feed.items).toHaveLength(stories.length);
		for (const item of feed.items) {
			expect(item.id).toMatch(/^https:\/\/browse\.example\.org\//);
			expect(typeof item.content_html).toBe('string');
		}
	});

	test('a byline’s feeds carry only their stories, as summaries, in both formats', () => {
		const theirs = stories.filter((story) => story.bylines.includes('Zoë Ortiz')).map((story) => story.title).sort();
		const { rss } = xml.parse(readBuiltFile(FIXTURE, '/bylines/zoë-ortiz/feed.xml'));
		expect(rss.channel.item.map((item: { title: string }) => item.title).sort()).toEqual(theirs);
		expect(rss.channel.item.every((item: Record<string, unknown>) => !('content:encoded' in item))).toBe(true);
		expect(rss.channel.item.every((item: Record<string, string[]>) => item['dc:creator']!.includes('Zoë Ortiz'))).toBe(true);
		const json = JSON.parse(readBuiltFile(FIXTURE, '/bylines/zoë-ortiz/feed.json'));
		expect(json.items.map((item: { title: string }) => item.title).sort()).toEqual(theirs);
		expect(json.home_page_url).toBe(`${ORIGIN}/bylines/zo%C3%AB-ortiz/`);
	});

	test.each(['/', '/bylines/zo%C3%AB-ortiz/', '/topics/shipping/', '/2025/07/'])('%s names its feeds in <link rel="alternate">', (urlPath) => {
		const $ = page(urlPath);
		const feeds = $('link[rel="alternate"]').map((_, link) => [[$(link).attr('type'), $(link).attr('href')]]).get();
		expect(feeds.map(([type]) => type).sort()).toEqual(['application/feed+json', 'application/rss+xml']);
		for (const [, href] of feeds) expect(() => readBuiltFile(FIXTURE, decodeURI(new URL(href!).pathname))).not.toThrow();
	});
});

describe('sitemaps', () => {
	test('the sitemap index lists sitemaps that list every story page', () => {
		const index = readBuiltFile(FIXTURE, '/sitemap-index.xml');
		expect(XMLValidator.validate(index)).toBe(true);
		const sitemaps: string[] = xml.parse(index).sitemapindex.sitemap.map((entry: { loc: string }) => entry.loc);
		expect(sitemaps).toContain(`${ORIGIN}/news-sitemap.xml`);
		const urls = sitemaps
			.filter((loc) => /sitemap-\d+\.xml$/.test(loc))
			.flatMap((loc) => xml.parse(readBuiltFile(FIXTURE, new URL(loc).pathname)).urlset.url.map((entry: { loc: string }) => entry.loc));
		for (const item of xml.parse(readBuiltFile(FIXTURE, '/feed.xml')).rss.channel.item) expect(urls).toContain(item.link);
		expect(urls).toContain(`${ORIGIN}/2025/07/`);
		expect(urls).toContain(`${ORIGIN}/bylines/anne-marie-dupont-2/`);
		expect(new Set(urls).size).toBe(urls.length);
	});

	test('the news sitemap lists the stories of the two days before the build, and no others', () => {
		const text = readBuiltFile(FIXTURE, '/news-sitemap.xml');
		expect(XMLValidator.validate(text)).toBe(true);
		const recent = stories.filter((story) => story.published <= BUILD_TIME && BUILD_TIME.getTime() - story.published.getTime() < 2 * 86_400_000);
		const listed = (xml.parse(text).urlset.url ?? []).map((entry: Record<string, Record<string, string>>) => entry['news:news']!['news:title']);
		expect(listed.sort()).toEqual(recent.map((story) => story.title).sort());
		expect(listed.length).toBeGreaterThan(0);
	});
});

describe('news metadata on the article page', () => {
	const jsonLd = ($: CheerioAPI) => {
		const scripts = $('script[type="application/ld+json"]');
		expect(scripts).toHaveLength(1);
		return JSON.parse(scripts.text());
	};

	test('NewsArticle JSON-LD names every author as a Person with a page, the publisher, dates, dateline and original', () => {
		const $ = page(HARBOUR);
		const article = jsonLd($);
		expect(article['@type']).toBe('NewsArticle');
		expect(article.headline).toBe($('h1').text().trim());
		expect(article.author).toEqual([
			{ '@type': 'Person', name: 'Zoë Ortiz', url: `${ORIGIN}/bylines/zo%C3%AB-ortiz/` },
			{ '@type': 'Person', name: '张文博', url: `${ORIGIN}/bylines/%E5%BC%A0%E6%96%87%E5%8D%9A/` },
		]);
		for (const author of article.author) expect(() => page(new URL(author.url).pathname)).not.toThrow();
		expect(article.publisher).toMatchObject({ '@type': 'Organization', name: 'Fixture Wire' });
		expect(article.datePublished).toBe('2025-07-24T09:15:00-04:00');
		expect(article.dateline).toBe('DOHA');
		expect(article.isBasedOn).toBe('https://wire.example.com/2025/07/24/harbour-talks');
	});

	test('a headline containing </script> stays inside its JSON-LD and reads back whole', () => {
		const html = readBuiltFile(FIXTURE, SCRIPT_HEADLINE);
		// What a browser would take as the script: everything up to the first `</script`, which must be all the JSON.
		const raw = html.split('<script type="application/ld+json">')[1]!.split(/<\/script/i)[0]!;
		expect(JSON.parse(raw).headline).toBe('Coders argue over a </script> tag & other "quirks"');
		const $ = page(SCRIPT_HEADLINE);
		const article = jsonLd($);
		expect(article.headline).toBe('Coders argue over a </script> tag & other "quirks"');
		expect(article.correction).toEqual([expect.objectContaining({ '@type': 'CorrectionComment', text: 'An earlier version of this story misnamed the conference.' })]);
	});

	test('OpenGraph, Twitter card and canonical point at the story’s own address', () => {
		const $ = page(HARBOUR);
		const meta = (selector: string) => $(`meta[${selector}]`).attr('content');
		expect($('link[rel="canonical"]').attr('href')).toBe(`${ORIGIN}${HARBOUR}`);
		expect(meta('property="og:url"')).toBe(`${ORIGIN}${HARBOUR}`);
		expect(meta('property="og:type"')).toBe('article');
		expect(meta('property="og:title"')).toBe('Negotiators leave harbour talks as “gaps remain”');
		expect(meta('name="twitter:card"')).toBe('summary');
		expect(meta('property="article:published_time"')).toBe('2025-07-24T09:15:00-04:00');
	});
});
