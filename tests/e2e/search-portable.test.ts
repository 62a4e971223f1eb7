import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePortableCopy } from '../../src/integrations/portable.ts';
import { getSearchRecordsFile, readSearchRecords } from '../../src/integrations/search.ts';
import { waitForSearch } from '../support/search-page.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath, fixturePath } from '../support/fixtures.ts';
import { selectSearchFixtureArticles } from '../support/search-fixture.ts';

const PORTABLE = fixturePath('search', 'portable');
const root = `${pathToFileURL(PORTABLE).href}/`;
let browser: TestBrowser;
const dialogs: string[] = [];

beforeAll(async () => {
	const records = readSearchRecords(getSearchRecordsFile(fixturePath('search', '.cache')));
	await writePortableCopy({ dist: distPath('search'), out: PORTABLE, base: '/news/', records });
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
});

async function openSearch(page: Page, query: string): Promise<void> {
	await page.goto(`${root}search/index.html${query}`);
	await waitForSearch(page);
}

const titles = (page: Page) => page.locator('.search-result h3 a').allInnerTexts();

describe('the portable archive, opened from disk with no server', () => {
	test('searches, and its results and links open the stories and pages they name', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=honda+accord+taiwan');
		expect((await titles(page))[0]).toBe('Honda Exports First U.s.-Made Cars');
		await page.locator('.search-result h3 a').first().click();
		await page.waitForURL((url) => url.href.startsWith(`${root}1987/03/26/honda-exports-first-u-s-made-cars/index.html`));
		expect(await page.locator('h1').innerText()).toBe('Honda Exports First U.s.-Made Cars');

		await page.locator('header nav a', { hasText: 'Archive' }).click();
		await page.waitForURL(`${root}archive/index.html`);
		await page.locator('main a', { hasText: '1987' }).first().click();
		await page.waitForURL((url) => url.href.startsWith(`${root}1987/`));
		expect(await page.locator('h1').innerText()).toContain('1987');
		await page.close();
	});

	test('the search box in the header searches from any page', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${root}index.html`);
		await page.locator('header form[role="search"] input[name="q"]').fill('野村证券');
		await page.locator('header form[role="search"] input[name="q"]').press('Enter');
		await page.waitForURL((url) => url.href.startsWith(`${root}search/index.html?q=`));
		await waitForSearch(page);
		expect((await titles(page))[0]).toBe('东京券商预计股价早盘大幅下跌');
		await page.close();
	});

	test('facets, date order and pages work as they do online', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=government');
		await page.locator('[data-facet="source"] input[value="18F"]').check();
		await waitForSearch(page);
		const sources = await page.locator('.search-result__source').allInnerTexts();
		expect(sources.length).toBeGreaterThan(0);
		expect(new Set(sources)).toEqual(new Set(['18F']));

		const goBlog = selectSearchFixtureArticles()
			.filter((article) => article.source === 'The Go Blog')
			.sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
			.map((article) => article.title);
		await openSearch(page, '?source=The+Go+Blog&sort=oldest');
		const listed = await titles(page);
		await page.locator('[data-search-pages] a[rel="next"]').click();
		await waitForSearch(page);
		listed.push(...(await titles(page)));
		expect(listed).toEqual(goBlog);
		await page.close();
	});

	test('a headline written as markup shows as text, and nothing runs', async () => {
		const page = await browser.context.newPage();
		await openSearch(page, '?q=onerror');
		expect((await titles(page))[0]).toBe('<img src=x onerror=alert(1)>');
		expect(await page.locator('.search-results img').count()).toBe(0);
		expect(dialogs).toEqual([]);
		await page.close();
	});

	test('a search loads only the parts of the index its words need, and no file holds every story’s text', async () => {
		const parts = (kind: string) => readdirSync(path.join(PORTABLE, '_portable', 'search', kind));
		expect(parts('stories').length).toBeGreaterThan(1);
		expect(readFileSync(path.join(PORTABLE, 'search-data.js'), 'utf8')).not.toContain('Honda');
		const page = await browser.context.newPage();
		const loaded: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/_portable/search/')) loaded.push(request.url().slice(request.url().indexOf('/_portable/search/') + '/_portable/search/'.length));
		});
		await openSearch(page, '?q=honda');
		expect((await titles(page))[0]).toBe('Honda Exports First U.s.-Made Cars');
		const terms = loaded.filter((file) => file.startsWith('terms/'));
		expect(terms.length).toBeGreaterThan(0);
		expect(terms.length).toBeLessThanOrEqual(2);
		expect(terms.length).toBeLessThan(parts('terms').length);
		expect(loaded.filter((file) => file.startsWith('stories/')).length).toBeLessThan(parts('stories').length);
		await page.close();
	});
});
