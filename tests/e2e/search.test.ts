import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getCalendarDay, parseArticleDate } from '../../src/model/dates.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath } from '../support/fixtures.ts';
import { selectSearchFixtureArticles, type FixtureArticle } from '../support/search-fixture.ts';
import { waitForSearch } from '../support/search-page.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const FIXTURE = 'search';
const BASE = '/news/';
const TIME_ZONE = 'America/New_York';
const HOSTILE = '<img src=x onerror=alert(1)>';
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: StaticServer;
let browser: TestBrowser;
const dialogs: string[] = [];

beforeAll(async () => {
	server = await serveStatic(distPath(FIXTURE), BASE);
	browser = await launchBrowser();
	browser.context.on('page', (page) =>
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		}),
	);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

async function openSearch(page: Page, query: string): Promise<void> {
	await page.goto(`${server.origin}${BASE}search/${query}`);
	await waitForSearch(page);
}

/** The results on screen, as a reader sees them. */
async function readResults(page: Page) {
	return page.$$eval('.search-result', (items) =>
		items.map((item) => ({
			title: item.querySelector('h3 a')!.textContent!,
			href: item.querySelector('h3 a')!.getAttribute('href')!,
			meta: item.querySelector('.search-result__meta')!.textContent!,
			source: item.querySelector('.search-result__source')!.textContent!,
			datetime: item.querySelector('time')!.getAttribute('datetime')!,
			marks: [...item.querySelectorAll('.search-result__excerpt mark')].map((mark) => mark.textContent!),
			lang: item.getAttribute('lang'),
			dir: item.getAttribute('dir'),
		})),
	);
}

/** A facet's options: value, count and whether it is chosen. */
async function readFacet(page: Page, facet: string) {
	return page.$$eval(`[data-facet="${facet}"] label`, (labels) =>
		labels.map((label) => ({
			value: label.querySelector('.search-facet__value')!.textContent!,
			count: Number(label.querySelector('.search-facet__count')!.textContent!.replace(/\D/g, '')),
			checked: label.querySelector('input')!.checked,
		})),
	);
}

/** Every result of a search, following the page links. */
async function readAllResults(page: Page, query: string) {
	await openSearch(page, query);
	const all = await readResults(page);
	while (await page.locator('[data-search-pages] a[rel="next"]').count()) {
		await page.locator('[data-search-pages] a[rel="next"]').click();
		await waitForSearch(page);
		all.push(...(await readResults(page)));
	}
	return all;
}

const dayOf = (article: FixtureArticle) => {
	const { year, month, day } = getCalendarDay(parseArticleDate(article.date, TIME_ZONE), TIME_ZONE);
	return `${year}-${month}-${day}`;
};
const corpus = selectSearchFixtureArticles();
const chronological = (source: string) =>
	corpus.filter((article) => article.source === source).sort((a, b) => parseArticleDate(a.date, TIME_ZONE).getTime() - parseArticleDate(b.date, TIME_ZONE).getTime());

describe('known-answer queries over the fixture archive', () => {
	test.each([
		['honda accord taiwan', 'Honda Exports First U.s.-Made Cars', 'en'],
		['Lukman OPEC ceiling', 'Opec Reaffirms Commitment To Fixed Prices, Ceiling', 'en'],
		['gccgo', 'Gccgo in GCC 4.7.1', 'en'],
		['pair programming', 'Pair programming: Why two heads are better than one', 'en'],
		['Autohersteller', 'Honda exportiert erstmals in den USA gebaute Autos', 'de'],
		['野村证券', '东京券商预计股价早盘大幅下跌', 'zh'],
		['أوبك لقمان', 'أوبك تؤكد التزامها بالأسعار الثابتة وسقف الإنتاج', 'ar'],
	])('“%s” puts “%s” first, in its language', async (query, title, lang) => {
		const page = await browser.context.newPage();
		await openSearch(page, `?q=${encodeURIComponent(query).replace(/%20/g, '+')}`);
		const [first] = await readResults(page);
		expect(first?.title).toBe(title);
		expect(first?.lang).toBe(lang);
		expect(first?.dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
		expect(first?.marks.length).toBeGreaterThan(0);
		await page.close();
	});

	test('a result shows headline, date, source, bylines and an excerpt with the words found marked', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=honda+accord+taiwan');
		const [first] = await readResults(page);
		expect(first).toMatchObject({ source: 'Reuters', datetime: '1987-03-26' });
		expect(first!.meta).toContain('March 26, 1987');
		expect(first!.meta).toContain('By Scott Williams');
		expect(first!.marks.map((mark) => mark.toLowerCase())).toContain('honda');
		await page.close();
	});

	test('a result links to its story with a text fragment that marks the words found there', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=gccgo');
		const [first] = await readResults(page);
		// Text fragments match without regard to case, so either spelling of the word marks it on the page.
		expect(decodeURIComponent(first!.href).toLowerCase()).toBe(`${BASE}2012/07/11/gccgo-in-gcc-4-7-1/#:~:text=gccgo`);
		await page.locator('.search-result h3 a').first().click();
		await page.waitForURL((url) => url.pathname === `${BASE}2012/07/11/gccgo-in-gcc-4-7-1/`);
		expect(await page.locator('h1').innerText()).toBe('Gccgo in GCC 4.7.1');
		expect(await page.locator('.story__body').innerText()).toContain('Gccgo');
		await page.close();
	});
});

describe('finding the story you remember', () => {
	const HONDA = 'Honda Exports First U.s.-Made Cars';

	async function search(page: Page, query: string) {
		await openSearch(page, `?${new URLSearchParams({ q: query })}`);
		return {
			results: await readResults(page),
			status: await page.locator('[data-search-status]').innerText(),
			missing: await page.$$eval('.search-result', (items) => items.map((item) => [...item.querySelectorAll('.search-result__missing s')].map((word) => word.textContent))),
		};
	}

	test.each([
		['a run of words from the middle, apostrophe and abbreviation as printed', "Honda's U.S. output would have to be adjusted", HONDA],
		['figures as printed', '35,768 against 29,824', HONDA],
		['a figure typed with a percent sign the story spells “pct”', 'prices this year will rise an average 9.6%', 'Poland Firm On Economy Despite Concessions'],
	])('%s finds the story first', async (_, query, title) => {
		const page = await browser.context.newPage();
		const { results } = await search(page, query);
		expect(results[0]?.title).toBe(title);
		await page.close();
	});

	test('a misspelt word no story has still finds the story, naming the word it lacks struck through', async () => {
		const page = await browser.context.newPage();
		const { results, status, missing } = await search(page, 'shipped 200 of its popluar Accord cars');
		expect(results[0]?.title).toBe(HONDA);
		expect(missing[0]).toEqual(['popluar']);
		expect(status).toMatch(/^\d+ stor(y|ies) found for “shipped 200 of its popluar Accord cars”\. The closest results lack some of the words, shown struck through\.$/);
		await page.close();
	});

	test('a misspelt word the found story holds spelt close is offered as “Did you mean”, and following it searches for that', async () => {
		const page = await browser.context.newPage();
		await search(page, 'shipped 200 of its popluar Accord cars');
		const offer = page.locator('[data-search-suggestion]');
		expect(await offer.innerText()).toBe('Did you mean: shipped 200 of its popular Accord cars');
		await offer.locator('a').click();
		await waitForSearch(page);
		expect(new URL(page.url()).searchParams.get('q')).toBe('shipped 200 of its popular Accord cars');
		expect(await page.locator('#search-q').inputValue()).toBe('shipped 200 of its popular Accord cars');
		expect((await readResults(page))[0]?.title).toBe(HONDA);
		expect(await offer.isHidden()).toBe(true);
		await page.close();
	});

	test('nothing is found only when no story has any of the words', async () => {
		const page = await browser.context.newPage();
		expect((await search(page, 'honda jjjkkkwww')).results.map((result) => result.title)).toContain(HONDA);
		const none = await search(page, 'jjjkkkwww gxqvzkw');
		expect(none.results).toEqual([]);
		expect(none.status).toBe('No stories found for “jjjkkkwww gxqvzkw”.');
		await page.close();
	});

	test('a quoted phrase keeps only stories with its words together and in that order', async () => {
		const page = await browser.context.newPage();
		expect((await search(page, 'popular Accord cars')).results[0]?.title).toBe(HONDA);
		expect((await search(page, '"popular Accord cars"')).results.map((result) => result.title)).toEqual([HONDA]);
		expect((await search(page, 'honda "popular Accord cars"')).results.map((result) => result.title)).toEqual([HONDA]);
		expect((await search(page, '"cars Accord popular"')).results).toEqual([]);
		await page.close();
	});

	test('a word after a minus leaves out the stories that have it', async () => {
		const page = await browser.context.newPage();
		const all = (await search(page, 'honda')).results.map((result) => result.title);
		expect(all).toEqual(expect.arrayContaining([HONDA, 'Honda exportiert erstmals in den USA gebaute Autos']));
		const without = await search(page, 'honda -motorcycle');
		expect(without.results.map((result) => result.title)).toEqual(all.filter((title) => title !== HONDA));
		expect(new URL(page.url()).searchParams.get('q')).toBe('honda -motorcycle');
		const newest = await search(page, 'honda -motorcycle');
		await openSearch(page, `?${new URLSearchParams({ q: 'honda -motorcycle', sort: 'newest' })}`);
		expect((await readResults(page)).map((result) => result.title).sort()).toEqual(newest.results.map((result) => result.title).sort());
		expect(await page.locator('[data-search-status]').innerText()).toMatch(new RegExp(`^${newest.results.length} stor`));
		await page.close();
	});
});

describe('facets, sorts and date ranges', () => {
	test('choosing a source keeps only its stories, as many as its count said, and the address says so', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=government');
		const sources = await readFacet(page, 'source');
		expect(sources.map((option) => option.value)).toEqual(expect.arrayContaining(['Reuters', '18F']));
		const eighteenF = sources.find((option) => option.value === '18F')!;
		await page.locator('[data-facet="source"] input[value="18F"]').check();
		await waitForSearch(page);
		expect(new URL(page.url()).search).toBe('?q=government&source=18F');
		expect(await page.locator('[data-search-status]').innerText()).toMatch(new RegExp(`^${eighteenF.count} stor`));
		expect(new Set((await readResults(page)).map((result) => result.source))).toEqual(new Set(['18F']));

		// The chosen facet still offers the other sources, with what choosing them would add.
		const after = await readFacet(page, 'source');
		expect(after.find((option) => option.value === 'Reuters')?.count).toBe(sources.find((option) => option.value === 'Reuters')?.count);
		await page.close();
	});

	test('facets combine: a byline within a source narrows to that byline’s stories', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?source=The+Go+Blog');
		const bylines = await readFacet(page, 'byline');
		const [top] = bylines;
		expect(top!.count).toBeGreaterThan(1);
		const expected = corpus.filter((article) => article.source === 'The Go Blog' && article.bylines.includes(top!.value)).map((article) => article.title);
		expect(top!.count).toBe(expected.length);
		await page.locator(`[data-facet="byline"] input[value="${top!.value}"]`).check();
		await waitForSearch(page);
		expect((await readResults(page)).map((result) => result.title).sort()).toEqual(expected.sort());
		await page.close();
	});

	test('newest first and oldest first list a source’s stories in date order, across result pages', async () => {
		const page = await browser.context.newPage();
		const expected = chronological('The Go Blog').map((article) => article.title);
		expect((await readAllResults(page, '?source=The+Go+Blog&sort=oldest')).map((result) => result.title)).toEqual(expected);
		expect((await readAllResults(page, '?source=The+Go+Blog&sort=newest')).map((result) => result.title)).toEqual([...expected].reverse());
		await page.close();
	});

	test('date order holds across the German, Arabic and Chinese indexes and across every result page', async () => {
		const page = await browser.context.newPage();
		const results = await readAllResults(page, '?source=Reuters&sort=newest');
		const reuters = corpus.filter((article) => article.source === 'Reuters').length + 3;
		expect(results).toHaveLength(reuters);
		expect(new Set(results.map((result) => result.lang))).toEqual(new Set(['en', 'de', 'ar', 'zh']));
		const days = results.map((result) => result.datetime.slice(0, 10));
		expect(days).toEqual([...days].sort().reverse());
		await page.close();
	});

	test('a date range keeps exactly the stories published in its months', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?source=18F');
		await page.locator('#search-from').fill('2015-01');
		await page.locator('#search-to').fill('2016-12');
		await page.locator('#search-sort').selectOption('oldest');
		await waitForSearch(page);
		expect(new URL(page.url()).search).toBe('?source=18F&from=2015-01&to=2016-12&sort=oldest');
		const expected = chronological('18F').filter((article) => dayOf(article) >= '2015-01-01' && dayOf(article) <= '2016-12-31');
		expect(expected.length).toBeGreaterThan(1);
		const results = await readResults(page);
		expect(results.map((result) => result.title)).toEqual(expected.map((article) => article.title));
		expect(results.map((result) => result.datetime)).toEqual(expected.map(dayOf));
		await page.close();
	});

	test('the first results come from the reader’s language’s index alone; the other languages’ indexes load after them and their stories join the list', async () => {
		const page = await browser.context.newPage();
		// What the page had fetched when it first showed results.
		await page.addInitScript(() => {
			const seen = window as unknown as { firstShown?: string[] };
			new MutationObserver(() => {
				seen.firstShown ??= performance.getEntriesByType('resource').map((entry) => entry.name);
			}).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-shown'] });
		});
		await openSearch(page, '?q=honda');
		const modules = (names: string[]) => names.map((name) => /wasm\.(\w+)\.pagefind/.exec(name)?.[1]).filter(Boolean).sort();
		expect(modules(await page.evaluate(() => (window as unknown as { firstShown: string[] }).firstShown))).toEqual(['en']);
		expect(modules(await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)))).toEqual(['ar', 'de', 'en', 'unknown']);
		expect(new Set((await readResults(page)).map((result) => result.lang))).toEqual(new Set(['en', 'de']));
		await page.close();
	});

	test('the language filter searches one language’s index', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=honda');
		expect(new Set((await readResults(page)).map((result) => result.lang))).toEqual(new Set(['en', 'de']));
		await page.locator('#search-lang').selectOption('de');
		await waitForSearch(page);
		expect((await readResults(page)).map((result) => result.title)).toEqual(['Honda exportiert erstmals in den USA gebaute Autos']);
		await page.close();
	});
});

describe('the address is the search', () => {
	test('typing, choosing a facet and paging each show in the address, and back/forward walk through them', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '');
		await page.locator('#search-q').fill('government');
		await waitForSearch(page);
		const firstPage = await readResults(page);
		await page.locator('[data-facet="source"] input[value="Reuters"]').check();
		await waitForSearch(page);
		const reutersPage1 = await readResults(page);
		await page.locator('[data-search-pages] a[rel="next"]').click();
		await waitForSearch(page);
		expect(new URL(page.url()).search).toBe('?q=government&source=Reuters&page=2');
		expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-search-status'))).toBe(true);
		const reutersPage2 = await readResults(page);
		expect(reutersPage2[0]!.title).not.toBe(reutersPage1[0]!.title);

		await page.goBack();
		await waitForSearch(page);
		expect(new URL(page.url()).search).toBe('?q=government&source=Reuters');
		expect(await readResults(page)).toEqual(reutersPage1);
		await page.goBack();
		await waitForSearch(page);
		expect(new URL(page.url()).search).toBe('?q=government');
		expect(await readResults(page)).toEqual(firstPage);
		expect(await page.locator('[data-facet="source"] input[value="Reuters"]').isChecked()).toBe(false);
		await page.goForward();
		await waitForSearch(page);
		expect(await page.locator('[data-facet="source"] input[value="Reuters"]').isChecked()).toBe(true);
		expect(await page.locator('#search-q').inputValue()).toBe('government');

		// The same address opened afresh, as a bookmark or a shared link, shows the same page of results.
		const shared = await browser.context.newPage();
		await openSearch(shared, '?q=government&source=Reuters&page=2');
		expect(await readResults(shared)).toEqual(reutersPage2);
		await shared.close();
		await page.close();
	});

	test('the search box in every page’s header opens the search page with its words', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${server.origin}${BASE}`);
		await page.locator('header form[role="search"] input[name="q"]').fill('gccgo');
		await page.locator('header form[role="search"] input[name="q"]').press('Enter');
		await page.waitForURL((url) => url.pathname === `${BASE}search/`);
		await waitForSearch(page);
		expect((await readResults(page))[0]?.title).toBe('Gccgo in GCC 4.7.1');
		await page.close();
	});
});

describe('keyboard and safety', () => {
	async function tabTo(page: Page, selector: string): Promise<void> {
		for (let presses = 0; presses < 80; presses++) {
			if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
			await page.keyboard.press('Tab');
		}
		throw new Error(`Tab never reached ${selector}`);
	}

	test('a search can be typed, narrowed and followed with the keyboard alone', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '');
		await tabTo(page, '#search-q');
		await page.keyboard.type('trade');
		await waitForSearch(page);
		await tabTo(page, '[data-facet="year"] input');
		await page.keyboard.press('Space');
		await waitForSearch(page);
		expect(new URL(page.url()).searchParams.getAll('year')).toHaveLength(1);
		expect(await page.evaluate(() => document.activeElement?.closest('[data-facet]')?.getAttribute('data-facet'))).toBe('year');
		await page.keyboard.press('Shift+Tab');
		await tabTo(page, '.search-result h3 a');
		const title = await page.evaluate(() => document.activeElement!.textContent);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.endsWith('/search/'));
		expect(await page.locator('h1').innerText()).toBe(title);
		await page.close();
	});

	test('a headline, byline, source and topic written as markup show as those characters, and nothing runs', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=onerror');
		const [first] = await readResults(page);
		expect(first!.title).toBe(HOSTILE);
		expect(first!.source).toBe('<script>alert(2)</script>');
		expect(first!.meta).toContain('<b>Mallory</b>');
		expect(await page.locator('.search-results img, .search-results b, .search-results script:not([src])').count()).toBe(0);
		await page.locator('[data-facet="topic"] input[value="<svg onload=alert(3)>"]').check();
		await waitForSearch(page);
		expect(await page.locator('[data-search-facets] svg').count()).toBe(0);
		expect(dialogs).toEqual([]);
		await page.close();
	});
});

describe('accessibility', () => {
	test.each(['light', 'dark'] as const)('the search page with results, facets and page links has no serious or critical axe violations (%s)', async (colorScheme) => {
		const page = await browser.context.newPage();
		await page.emulateMedia({ colorScheme });
		await openSearch(page, '?q=government&source=Reuters');
		// Evaluated rather than added as a <script>: the page's Content Security Policy blocks inline scripts.
		await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
		const violations = await page.evaluate(async () => {
			const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
			const results = await axe.run(document, { resultTypes: ['violations'] });
			return results.violations
				.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
				.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
		});
		expect(violations).toEqual([]);
		await page.close();
	});
});
