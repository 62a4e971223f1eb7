/**
 * The search page's drawing (`src/scripts/search/render.ts`) in a real DOM: the module is bundled with
 * esbuild and run in headless Chromium on a blank page, where its functions build the nodes the tests read.
 */
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EMPTY_SEARCH_STATE, type SearchState } from '../../src/model/search-state.ts';
import type { FacetCounts, SearchHit } from '../../src/scripts/search/engine.ts';
import { en } from '../../src/i18n/en.ts';
import { createSearchText } from '../../src/scripts/search/messages.ts';
import { describeOutcome } from '../../src/scripts/search/render.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';

let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
	// The drawing functions and an English formatter over the shipped catalogue, as the page builds it.
	const bundle = await build({
		stdin: {
			contents: `export * from './src/scripts/search/render.ts';\nimport { createSearchText } from './src/scripts/search/messages.ts';\nimport { en } from './src/i18n/en.ts';\nexport const text = createSearchText(en, 'en');\n`,
			resolveDir: new URL('../../', import.meta.url).pathname,
			loader: 'ts',
		},
		bundle: true,
		write: false,
		format: 'iife',
		globalName: 'render',
	});
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await page.setContent('<!doctype html><html lang="en"><body></body></html>');
	await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

afterAll(async () => {
	await browser?.close();
});

const state = (changes: Partial<SearchState>): SearchState => ({ ...EMPTY_SEARCH_STATE, ...changes });

const hit = (changes: Partial<SearchHit>): SearchHit => ({
	url: '/news/1987/03/26/honda-exports/#:~:text=Honda',
	title: 'Honda Exports First U.S.-Made Cars',
	date: 'March 26, 1987',
	datetime: '1987-03-26',
	source: 'Reuters',
	bylines: ['Scott Williams', 'Ann Lee'],
	lang: 'en',
	excerpt: [
		{ text: 'American ', mark: false },
		{ text: 'Honda', mark: true },
		{ text: ' shipped cars', mark: false },
	],
	missing: [],
	...changes,
});

type Render = typeof import('../../src/scripts/search/render.ts') & { text: import('../../src/scripts/search/messages.ts').SearchText };

/** Draws hits into a fresh list and reads it back as a reader would. */
async function drawResults(hits: SearchHit[], start = 1) {
	return page.evaluate(
		({ hits, start }) => {
			const { renderResults, text } = (window as unknown as { render: Render }).render;
			const list = document.createElement('ol');
			renderResults(list, hits, 'en', start, text);
			return {
				start: list.start,
				html: list.innerHTML,
				items: [...list.children].map((item) => ({
					title: item.querySelector('h3 a')?.textContent,
					href: item.querySelector('h3 a')?.getAttribute('href'),
					datetime: item.querySelector('time')?.getAttribute('datetime'),
					meta: item.querySelector('.search-result__meta')?.textContent,
					marks: [...item.querySelectorAll('mark')].map((mark) => mark.textContent),
					missing: [...item.querySelectorAll('.search-result__missing s')].map((word) => word.textContent),
					lang: item.getAttribute('lang'),
					dir: item.getAttribute('dir'),
					elements: [...item.querySelectorAll('*')].map((element) => element.tagName.toLowerCase()),
				})),
			};
		},
		{ hits, start },
	);
}

describe('renderResults', () => {
	test('a result shows its headline as a link, the date, source and bylines, and the excerpt with the found words marked', async () => {
		const { items, start } = await drawResults([hit({})], 11);
		expect(start).toBe(11);
		expect(items[0]).toMatchObject({
			title: 'Honda Exports First U.S.-Made Cars',
			href: '/news/1987/03/26/honda-exports/#:~:text=Honda',
			datetime: '1987-03-26',
			meta: 'Reuters · March 26, 1987 · By Scott Williams and Ann Lee',
			marks: ['Honda'],
			missing: [],
		});
	});

	test('a story in Arabic is marked as Arabic and right to left', async () => {
		const { items } = await drawResults([hit({ lang: 'ar', title: 'أوبك تؤكد التزامها' })]);
		expect(items[0]).toMatchObject({ lang: 'ar', dir: 'rtl' });
	});

	test('words a result lacks are listed struck through', async () => {
		const { items } = await drawResults([hit({ missing: ['budgte'] })]);
		expect(items[0]!.missing).toEqual(['budgte']);
	});

	test('markup in a headline, source, byline or excerpt from the index stays text and makes no elements', async () => {
		const hostile = '<img src=x onerror=alert(1)>';
		const { items } = await drawResults([hit({ title: hostile, source: '<script>x</script>', bylines: ['<b>Mallory</b>'], excerpt: [{ text: hostile, mark: true }], missing: ['<i>x</i>'] })]);
		expect(items[0]!.title).toBe(hostile);
		expect(items[0]!.elements).not.toContain('img');
		expect(items[0]!.elements).not.toContain('script');
		expect(items[0]!.elements).not.toContain('b');
		expect(items[0]!.elements).not.toContain('i');
	});
});

describe('renderPages', () => {
	async function drawPages(shown: SearchState, total: number) {
		return page.evaluate(
			({ shown, total }) => {
				const { renderPages, text } = (window as unknown as { render: Render }).render;
				const nav = document.createElement('nav');
				nav.append(document.createElement('ol'));
				renderPages(nav, shown, total, '/news/search/', text);
				return {
					hidden: nav.hidden,
					links: [...nav.querySelectorAll('a')].map((link) => ({ text: link.textContent, href: link.getAttribute('href'), rel: link.rel, current: link.getAttribute('aria-current') })),
				};
			},
			{ shown, total },
		);
	}

	test('one page of results needs no page links', async () => {
		expect((await drawPages(state({ q: 'oil' }), 10)).hidden).toBe(true);
	});

	test('each page is a real address keeping the search, the current page is marked, and previous and next link in order', async () => {
		const { hidden, links } = await drawPages(state({ q: 'oil', source: ['Reuters'], page: 2 }), 35);
		expect(hidden).toBe(false);
		expect(links.map((link) => link.text)).toEqual(['Previous', '1', '2', '3', '4', 'Next']);
		expect(links.find((link) => link.current === 'page')?.text).toBe('2');
		expect(links[0]).toMatchObject({ href: '/news/search/?q=oil&source=Reuters', rel: 'prev' });
		expect(links.at(-1)).toMatchObject({ href: '/news/search/?q=oil&source=Reuters&page=3', rel: 'next' });
	});
});

describe('renderFacets', () => {
	async function drawFacets(counts: FacetCounts, shown: SearchState, expanded: string[]) {
		return page.evaluate(
			({ counts, shown, expanded }) => {
				const { renderFacets, text } = (window as unknown as { render: Render }).render;
				const container = document.createElement('aside');
				for (const facet of ['source', 'byline', 'year', 'topic']) {
					const fieldset = document.createElement('fieldset');
					fieldset.dataset.facet = facet;
					const toggle = document.createElement('button');
					toggle.dataset.facetToggle = '';
					fieldset.append(document.createElement('ul'), toggle);
					container.append(fieldset);
				}
				renderFacets(container, counts, shown, new Set(expanded) as never, 'search-form', text, 'en');
				return Object.fromEntries(
					[...container.querySelectorAll<HTMLFieldSetElement>('fieldset')].map((fieldset) => [
						fieldset.dataset.facet,
						{
							hidden: fieldset.hidden,
							toggle: { hidden: fieldset.querySelector('button')!.hidden, text: fieldset.querySelector('button')!.textContent },
							options: [...fieldset.querySelectorAll('label')].map((label) => ({
								value: label.querySelector('input')!.value,
								checked: label.querySelector('input')!.checked,
								form: label.querySelector('input')!.getAttribute('form'),
								text: label.textContent,
							})),
						},
					]),
				);
			},
			{ counts, shown, expanded },
		);
	}

	const years = Array.from({ length: 10 }, (_, index) => ({ value: String(2020 - index), count: index + 1 }));
	const counts: FacetCounts = { source: [{ value: 'Reuters', count: 1234 }, { value: 'CNN', count: 5 }], byline: [], year: years, topic: [] };

	test('each value is a checkbox of the search form with its count; a facet with no values is hidden', async () => {
		const facets = await drawFacets(counts, state({ q: 'oil' }), []);
		expect(facets.source!.options).toEqual([
			{ value: 'Reuters', checked: false, form: 'search-form', text: 'Reuters (1,234)' },
			{ value: 'CNN', checked: false, form: 'search-form', text: 'CNN (5)' },
		]);
		expect(facets.byline!.hidden).toBe(true);
		expect(facets.source!.toggle.hidden).toBe(true);
	});

	test('a long facet shows eight values and a “Show all” toggle, plus any chosen value beyond them', async () => {
		const facets = await drawFacets(counts, state({ q: 'oil', year: ['2011'] }), []);
		expect(facets.year!.options.map((option: { value: string }) => option.value)).toEqual(['2020', '2019', '2018', '2017', '2016', '2015', '2014', '2013', '2011']);
		expect(facets.year!.options.at(-1)!.checked).toBe(true);
		expect(facets.year!.toggle).toEqual({ hidden: false, text: 'Show all 10' });
	});

	test('an expanded facet shows every value and offers to show fewer', async () => {
		const facets = await drawFacets(counts, state({ q: 'oil' }), ['year']);
		expect(facets.year!.options).toHaveLength(10);
		expect(facets.year!.toggle.text).toBe('Show fewer');
	});

	test('a chosen value with no results left still shows, checked, with a count of 0', async () => {
		const facets = await drawFacets(counts, state({ q: 'oil', source: ['AP'] }), []);
		expect(facets.source!.options[0]).toMatchObject({ value: 'AP', checked: true, text: 'AP (0)' });
	});
});

describe('describeOutcome', () => {
	test.each([
		['nothing found', state({ q: 'zzz' }), 0, false, 'No stories found for “zzz”.'],
		['one story', state({ q: 'gccgo' }), 1, false, '1 story found for “gccgo”.'],
		['several pages', state({ q: 'oil', page: 2 }), 1234, false, '1,234 stories found for “oil”, page 2 of 124.'],
		['facets alone', state({ source: ['CNN'] }), 3, false, '3 stories found.'],
		['the closest lacking words', state({ q: 'ba s profits' }), 2, true, '2 stories found for “ba s profits”. The closest results lack some of the words, shown struck through.'],
	])('%s', (_, shown, total, partial, expected) => {
		expect(describeOutcome(shown, total, createSearchText(en, 'en'), partial)).toBe(expected);
	});
});
