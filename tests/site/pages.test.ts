import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { countWords } from '../../src/model/markdown.ts';
import { parseArticle, type ParsedArticle } from '../../src/model/parse-article.ts';
import { distPath, fixturePath, readPage } from '../support/fixtures.ts';

const FIXTURE = 'basic';
const ORIGIN = 'https://fixture.example.org';
/** `pageSize` in tests/fixtures/basic/astro.config.mjs. */
const PAGE_SIZE = 3;

/** Fixture stories the tests look at closely; their front-matter is in tests/fixtures/basic/content/articles/. */
const HARBOUR = '/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain-over-the-shipping-lanes/';
const COUNCIL = '/2025/07/24/city-council-approves-the-harbour-budget-after-a-late-night-vote/';
const FERRY = '/2025/07/23/ferry-fares-will-rise-in-september-operator-says/';
const ARABIC = `/2025/07/22/${encodeURIComponent('الميناء-يستقبل-أول-سفينة-حاويات-منذ-شهرين')}/`;
const NIGHT_MARKET = '/2025/06/30/night-market-opens-on-the-pier/';
const LIGHTHOUSE = '/2025/06/15/the-last-keeper-of-the-north-lighthouse/';
const GENEVA = '/2025/07/18/shipping-agency-opens-an-inquiry-into-the-harbour-collision/';

/** Every published fixture file, parsed with the project's own parser. */
function readFixtureArticles(): ParsedArticle[] {
	const folder = fixturePath(FIXTURE, 'content', 'articles');
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.md'))
		.map((file) => {
			const parsed = parseArticle(readFileSync(path.join(folder, file)), file);
			if (!parsed.ok) throw new Error(`fixture ${file} is invalid: ${parsed.problems.map((problem) => problem.message).join('; ')}`);
			return parsed.article;
		});
}

/** Root-relative paths of every built file, e.g. `/2025/07/24/slug/index.html`. */
function listBuiltFiles(): string[] {
	const root = distPath(FIXTURE);
	return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => `/${file.split(path.sep).join('/')}`);
}

/** The paths of the built article pages, `/YYYY/MM/DD/slug/`. */
function listArticlePaths(): string[] {
	return listBuiltFiles()
		.filter((file) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file))
		.map((file) => encodeURI(file.replace(/index\.html$/, '')));
}

/** Collapses whitespace, as a reader sees text. */
function normalize(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** The paragraphs of a Markdown body as plain text (this fixture uses no inline Markdown). */
function getParagraphs(markdown: string): string[] {
	return markdown
		.split(/\n\s*\n/)
		.map((block) => normalize(block.replace(/^(#{1,6}|>)\s*/gm, '')))
		.filter(Boolean);
}

interface HomeStory {
	path: string;
	datetime: string;
	page: number;
}

/** Follows the home page's `rel="next"` links from `/`, collecting each page and its stories in order. */
function walkHomePages(): { pages: { path: string; $: CheerioAPI }[]; stories: HomeStory[] } {
	const pages: { path: string; $: CheerioAPI }[] = [];
	const stories: HomeStory[] = [];
	let next: string | undefined = '/';
	while (next && pages.length < 100) {
		const $ = readPage(FIXTURE, next);
		pages.push({ path: next, $ });
		$('section.latest article').each((_, card) => {
			stories.push({
				path: $(card).find('h2 a, h3 a').first().attr('href')!,
				datetime: $(card).find('time').attr('datetime')!,
				page: pages.length,
			});
		});
		next = $('a[rel="next"]').attr('href');
	}
	return { pages, stories };
}

/** An instant from a `datetime` value, whether a day (`2025-07-24`, midnight in New York) or a full time. */
function toInstant(datetime: string): number {
	return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(datetime) ? `${datetime}T00:00:00-04:00` : datetime);
}

describe('the article page', () => {
	let $: CheerioAPI;
	beforeAll(() => {
		$ = readPage(FIXTURE, HARBOUR);
	});

	test('the headline is the page’s only h1', () => {
		expect($('h1')).toHaveLength(1);
		expect(normalize($('h1').text())).toBe('Negotiators leave harbour talks as “gaps remain” over the shipping lanes');
		expect($('title').text()).toContain('Negotiators leave harbour talks');
	});

	test('an article with two bylines links both people, in order, to their byline pages', () => {
		const bylines = $('article header a[rel="author"]');
		expect(bylines.map((_, link) => $(link).text()).get()).toEqual(['Amira Haddad', 'Tomás Ruiz']);
		expect(bylines.map((_, link) => decodeURI($(link).attr('href')!)).get()).toEqual(['/bylines/amira-haddad/', '/bylines/tomás-ruiz/']);
		expect(normalize(bylines.first().parent().text())).toBe('By Amira Haddad and Tomás Ruiz');
	});

	test('the source links to its source page', () => {
		const source = $('article header a[href="/sources/fixture-wire/"]');
		expect(source.text()).toBe('Fixture Wire');
	});

	test('the publication time is given in the archive’s time zone, in the text and in datetime', () => {
		const time = $('article header time').first();
		expect(time.attr('datetime')).toBe('2025-07-24T09:15:00-04:00');
		expect(normalize(time.text())).toBe('July 24, 2025, 9:15 AM EDT');
	});

	test('a story stamped late at night in UTC is dated by the archive’s own day and clock', () => {
		const page = readPage(FIXTURE, NIGHT_MARKET);
		const time = page('article header time').first();
		expect(time.attr('datetime')).toBe('2025-06-30T22:30:00-04:00');
		expect(normalize(time.text())).toBe('June 30, 2025, 10:30 PM EDT');
	});

	test('a story dated by the day alone shows no clock time', () => {
		const time = readPage(FIXTURE, COUNCIL)('article header time').first();
		expect(time.attr('datetime')).toBe('2025-07-24');
		expect(normalize(time.text())).toBe('July 24, 2025');
	});

	test('the dateline runs into the first paragraph', () => {
		const dateline = $('.dateline');
		expect(normalize(dateline.text())).toBe('DOHA —');
		const first = dateline.nextAll('p').first();
		expect(first.prevAll('p')).toHaveLength(0);
		expect(first.text()).toMatch(/^Negotiators from both sides left the harbour talks on Thursday/);
	});

	test('a story whose text already opens with its dateline does not print it twice', () => {
		const page = readPage(FIXTURE, GENEVA);
		expect(page('.dateline')).toHaveLength(0);
		expect(normalize(page('.story__body').text())).toMatch(/^GENEVA \(Fixture Wire\) — The international shipping agency/);
	});

	test('the summary is shown as the dek under the headline', () => {
		expect(normalize($('h1 + p').text())).toBe(
			'Both delegations flew home for consultations, but mediators insist the talks — now in their third week — are not over.',
		);
	});

	test('an updated story shows when it was updated, and every correction with its date', () => {
		const page = readPage(FIXTURE, FERRY);
		const updated = page('article header p').filter((_, p) => /^Updated/.test(normalize(page(p).text())));
		expect(updated.find('time').attr('datetime')).toBe('2025-07-24T08:30:00-04:00');
		expect(normalize(updated.text())).toBe('Updated July 24, 2025, 8:30 AM EDT');
		const corrections = page('section:has(> h2:contains("Correction")) li');
		expect(corrections).toHaveLength(1);
		expect(corrections.find('time').attr('datetime')).toBe('2025-07-24');
		expect(normalize(corrections.text())).toBe(
			'July 24, 2025: An earlier version of this story misstated the new fare for children. It is $1.50, not $1.15.',
		);
	});

	test('a story without corrections or updates shows neither', () => {
		expect($('h2:contains("Correction")')).toHaveLength(0);
		expect($('article header').text()).not.toMatch(/Updated/);
	});

	test.each([HARBOUR, LIGHTHOUSE])('the reading time of %s matches the length of its text', (urlPath) => {
		const page = readPage(FIXTURE, urlPath);
		const words = countWords(page('.story__body').text());
		const shown = normalize(page('article header').text()).match(/(\d+) min read/);
		expect(shown).not.toBeNull();
		expect(Number(shown![1])).toBe(Math.max(1, Math.round(words / 230)));
	});

	test('the long read takes several minutes, the short story one', () => {
		expect(readPage(FIXTURE, LIGHTHOUSE)('article header').text()).toMatch(/\b[2-9] min read/);
		expect($('article header').text()).toMatch(/\b1 min read/);
	});

	test('topics and the section link to their topic pages', () => {
		const topics = $('a[rel="tag"]')
			.map((_, link) => [[$(link).text(), $(link).attr('href')]])
			.get();
		expect(topics).toEqual([
			['Diplomacy', '/topics/diplomacy/'],
			['Shipping', '/topics/shipping/'],
		]);
		expect($('article header .kicker a').attr('href')).toBe('/topics/world/');
	});

	test('the original address is linked as where the story was first published', () => {
		const original = $('a[href="https://wire.example.com/2025/07/24/harbour-talks"]');
		expect(normalize(original.parent().text())).toBe('Originally published at wire.example.com');
	});

	test('every paragraph of every published story appears on its page, word for word', () => {
		const byTitle = new Map(readFixtureArticles().map((article) => [article.data.title, article]));
		const paths = listArticlePaths();
		expect(paths.length).toBeGreaterThan(0);
		for (const urlPath of paths) {
			const page = readPage(FIXTURE, urlPath);
			const article = byTitle.get(normalize(page('h1').text()));
			expect(article, `no fixture has the headline of ${urlPath}`).toBeDefined();
			const body = normalize(page('.story__body').text());
			for (const paragraph of getParagraphs(article!.body)) expect(body).toContain(paragraph);
		}
	});

	test('each story links to the story before and after it in time', () => {
		const { stories } = walkHomePages();
		stories.forEach((story, index) => {
			const page = readPage(FIXTURE, story.path);
			expect(page('a[rel="next"]').attr('href'), `next of ${story.path}`).toBe(stories[index - 1]?.path);
			expect(page('a[rel="prev"]').attr('href'), `previous of ${story.path}`).toBe(stories[index + 1]?.path);
		});
	});

	test('a story in Arabic is marked right-to-left while the site’s own words stay English', () => {
		const page = readPage(FIXTURE, ARABIC);
		expect(page('html').attr('lang')).toBe('ar');
		expect(page('html').attr('dir')).toBe('rtl');
		expect(page('header.masthead').attr('lang')).toBe('en');
		expect(page('header.masthead').attr('dir')).toBe('ltr');
		expect(normalize(page('.dateline').text())).toBe('الدوحة —');
		expect(page('.story__body').text()).toContain('استقبل الميناء صباح الثلاثاء');
	});

	test('the page carries its canonical address and a description, and needs no JavaScript to be read', () => {
		expect($('link[rel="canonical"]').attr('href')).toBe(`${ORIGIN}${HARBOUR}`);
		expect($('meta[name="description"]').attr('content')).toMatch(/^Both delegations flew home/);
		// The only script registers the offline service worker: an external module, no inline code, and the
		// story is in the HTML itself (tests/e2e/reader.test.ts reads it with JavaScript off).
		const scripts = $('script').filter((_, script) => $(script).attr('type') !== 'application/ld+json').toArray();
		expect(scripts.map((script) => [$(script).attr('type'), $(script).text().trim()])).toEqual([['module', '']]);
		expect($(scripts[0]).attr('src')).toMatch(/^\/_astro\/.+\.js$/);
		expect($('link[rel="modulepreload"]')).toHaveLength(0);
	});
});

describe('every page’s frame', () => {
	test.each(['/', HARBOUR, '/404.html'])('%s has the site title, the section links, a skip link and a search form that works without JavaScript', (urlPath) => {
		const $ = readPage(FIXTURE, urlPath);
		expect($('html').attr('lang')).toBe('en');
		expect($('meta[name="color-scheme"]').attr('content')).toBe('light dark');
		expect($('a.skip-link').attr('href')).toBe('#main');
		expect($('main#main')).toHaveLength(1);
		expect(normalize($('header .masthead__title').text())).toBe('Fixture Gazette');
		const nav = $('nav[aria-label="Sections"] a');
		expect(nav.map((_, link) => $(link).text()).get()).toEqual(['Latest', 'Archive', 'Bylines', 'Sources', 'Topics', 'Search']);
		const form = $('form[role="search"]');
		expect(form.attr('action')).toBe('/search/');
		expect(form.attr('method')).toBe('get');
		expect(form.find('input[name="q"]').attr('id')).toBe(form.find('label').attr('for'));
	});
});

describe('the home page', () => {
	test('lists every published story once, newest first: the numbered pages a page size each, the home page the rest', () => {
		const { pages, stories } = walkHomePages();
		const articles = listArticlePaths();
		expect(pages.length).toBe(Math.floor(articles.length / PAGE_SIZE));
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(stories.map((story) => story.path).sort()).toEqual([...articles].sort());
		for (let number = 1; number <= pages.length; number++) {
			const onPage = stories.filter((story) => story.page === number).length;
			expect(onPage).toBe(number > 1 ? PAGE_SIZE : articles.length - PAGE_SIZE * (pages.length - 1));
		}
		const instants = stories.map((story) => toInstant(story.datetime));
		expect(instants).toEqual([...instants].sort((a, b) => b - a));
	});

	test('pages are /, then /page/N/ … /page/1/ counted from the oldest story, linked with rel="prev" and rel="next"', () => {
		const { pages } = walkHomePages();
		const numbered = pages.length - 1;
		expect(pages.map((page) => page.path)).toEqual(pages.map((_, index) => (index === 0 ? '/' : `/page/${numbered + 1 - index}/`)));
		pages.forEach(({ $ }, index) => {
			expect($('a[rel="prev"]').attr('href')).toBe(index === 0 ? undefined : index === 1 ? '/' : `/page/${numbered + 2 - index}/`);
			expect($('nav.pagination a[aria-current="page"]').text()).toContain(index === 0 ? 'Newest' : String(numbered + 1 - index));
			expect($('nav.pagination .pagination__pages a').first().text()).toBe('Newest');
			expect($('h1')).toHaveLength(1);
		});
		expect(pages[1]!.$('title').text()).toBe(`Stories, page ${numbered} — Fixture Gazette`);
		expect(pages.at(-1)!.$('a[rel="next"]')).toHaveLength(0);
	});

	test('two stories from the same day are both listed', () => {
		const { stories } = walkHomePages();
		expect(stories.map((story) => story.path)).toEqual(expect.arrayContaining([HARBOUR, COUNCIL]));
	});

	test('a story card shows the headline link, date, bylines, source and excerpt', () => {
		const $ = readPage(FIXTURE, '/');
		const card = $('section.latest article').filter((_, article) => $(article).find(`a[href="${HARBOUR}"]`).length > 0);
		expect(card).toHaveLength(1);
		expect(normalize(card.find('h2 a, h3 a').text())).toBe('Negotiators leave harbour talks as “gaps remain” over the shipping lanes');
		expect(card.find('time').attr('datetime')).toBe('2025-07-24T09:15:00-04:00');
		expect(normalize(card.find('time').text())).toBe('July 24, 2025');
		const text = normalize(card.text());
		expect(text).toContain('By Amira Haddad and Tomás Ruiz');
		expect(text).toContain('Fixture Wire');
		expect(text).toContain('Both delegations flew home for consultations');
	});

	test('a story without a summary is introduced by its first paragraph', () => {
		const { pages } = walkHomePages();
		const card = pages
			.map(({ $ }) => $('section.latest article').filter((_, article) => $(article).find(`a[href="${COUNCIL}"]`).length > 0))
			.find((found) => found.length > 0)!;
		expect(normalize(card.text())).toContain('The city council approved the harbour budget by a vote of 7 to 4');
	});
});

describe('drafts', () => {
	test('a draft appears on no page, in no listing and at no address', () => {
		const html = listBuiltFiles().filter((file) => file.endsWith('.html'));
		expect(html.length).toBeGreaterThan(0);
		for (const file of html) {
			const text = readFileSync(path.join(distPath(FIXTURE), file), 'utf8');
			expect(text, file).not.toContain('zqxjv');
			expect(text, file).not.toContain('Unpublished draft');
			expect(text, file).not.toContain('Draft Writer');
		}
		expect(listBuiltFiles().some((file) => file.includes('unpublished-draft'))).toBe(false);
	});
});

describe('the 404 page', () => {
	test('says the page was not found, offers ways on and is kept out of search engines', () => {
		const $ = readPage(FIXTURE, '/404.html');
		expect($('h1')).toHaveLength(1);
		expect($('h1').text()).toMatch(/couldn’t find/);
		expect($('meta[name="robots"]').attr('content')).toBe('noindex');
		expect($('main a[href="/"]')).toHaveLength(1);
		expect($('main a[href="/search/"]')).toHaveLength(1);
	});
});
