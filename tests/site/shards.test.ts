/**
 * An archive built in shards (README, "Beyond one machine"): two shards of a small archive built separately,
 * as two CI jobs would, combined with `npm run combine`, and searched in Chromium from the combined site.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'cheerio';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { fixturePath, ROOT, type BuildResult } from '../support/fixtures.ts';
import { waitForSearch } from '../support/search-page.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';

const BASE = '/news/';
const SHARDS = [
	{ name: 'early', from: 1990, to: 2007 },
	{ name: 'late', from: 2008, to: 2025 },
];

const story = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: '${date}'\nbylines: [Ana Ruiz]\nsource: Gazette\n---\n${body}\n`;

/** Three stories in each shard: one word only in the early one, one only in the late one, one in both. */
const FILES = {
	'1991/zephyr.md': story('Zephyr topples the harbour crane', '1991-03-04', 'A zephyr of unusual force toppled the crane at the harbour on Monday.'),
	'1999/lighthouse-early.md': story('Old lighthouse keeper retires', '1999-06-01', 'The lighthouse keeper of forty years handed over the lamp.'),
	'2003/council.md': story('Council sets the budget', '2003-02-11', 'The council set its budget after a long night.'),
	'2012/quokka.md': story('Quokka colony found on the island', '2012-09-09', 'Rangers counted a quokka colony on the island for the first time.'),
	'2019/lighthouse-late.md': story('Lighthouse turns into a museum', '2019-05-20', 'The lighthouse opened as a museum of the coast.'),
	'2024/ferry.md': story('Ferry timetable changes', '2024-01-15', 'The ferry runs every hour from Monday.'),
};

const run = promisify(execFile);
let fixture: TempFixture;
let builds: Record<string, BuildResult>;
let combined: { stdout: string };
const out = () => fixturePath(fixture.name, 'site');

beforeAll(async () => {
	fixture = createTempFixture('shards', FILES, { base: BASE, settings: { shards: SHARDS } });
	builds = {};
	// One after the other, as two CI jobs on two machines would, each into its own folder.
	for (const { name } of SHARDS) builds[name] = await fixture.build({ outDir: `dist-${name}`, env: { CLIPPINGS_SHARD: name } });
	for (const [name, build] of Object.entries(builds)) if (!build.ok) throw new Error(`shard ${name} failed to build:\n${build.output}`);
	rmSync(out(), { recursive: true, force: true });
	combined = await run(path.join(ROOT, 'node_modules', '.bin', 'node'), ['src/cli/combine.ts', out(), ...SHARDS.map(({ name }) => fixturePath(fixture.name, `dist-${name}`))], { cwd: ROOT });
}, 240_000);

afterAll(() => fixture?.remove());

describe('a shard’s build', () => {
	test('publishes only the stories of its years, under its own folder of the site', () => {
		const early = fixturePath(fixture.name, 'dist-early');
		expect(existsSync(path.join(early, '1991', '03', '04', 'zephyr-topples-the-harbour-crane', 'index.html'))).toBe(true);
		expect(existsSync(path.join(early, '2012'))).toBe(false);
		const $ = load(readFileSync(path.join(early, '1991', '03', '04', 'zephyr-topples-the-harbour-crane', 'index.html'), 'utf8'));
		expect($('link[rel="canonical"]').attr('href')).toBe('https://temp.example.org/news/early/1991/03/04/zephyr-topples-the-harbour-crane/');
		expect($('.masthead__shard').text()).toBe('1990–2007 · All years');
		expect($('.masthead__shard a').attr('href')).toBe(BASE);
	});

	test('accounts in its ledger for the stories the other shard builds', () => {
		expect(builds.early!.output).toMatch(/ledger: 6 files found = 3 articles \+ 0 drafts \+ 3 built by shard late; 3 pages written; 3 search records/);
		expect(builds.late!.output).toMatch(/ledger: 6 files found = 3 articles \+ 0 drafts \+ 3 built by shard early; 3 pages written; 3 search records/);
	});
});

describe('the combined site', () => {
	let server: StaticServer;
	let browser: TestBrowser;

	beforeAll(async () => {
		server = await serveStatic(out(), BASE);
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	/** Searches from the combined site's own /search/, and reads the results as a reader sees them. */
	async function search(page: Page, query: string) {
		await page.goto(`${server.origin}${BASE}search/?q=${encodeURIComponent(query)}`);
		await page.waitForURL(/\/news\/late\/search\//);
		await waitForSearch(page);
		return page.$$eval('.search-result h3 a', (links) => links.map((link) => ({ title: link.textContent!, href: link.getAttribute('href')! })));
	}

	/** Follows a result's link and returns the headline of the page it leads to. */
	async function follow(page: Page, href: string): Promise<string> {
		const response = await page.goto(new URL(href, server.origin).href);
		expect(response?.status()).toBe(200);
		return (await page.locator('h1').first().textContent())!.trim();
	}

	test('says what it combined', () => {
		expect(combined.stdout).toMatch(/combined 2 shards \(6 stories\)/);
	});

	test('lists the shards with their years and stories on its home page', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${server.origin}${BASE}`);
		const shards = await page.$$eval('.shard', (items) => items.map((item) => ({ years: item.querySelector('h2')!.textContent, stories: item.querySelector('p')!.textContent, href: item.querySelector('h2 a')!.getAttribute('href') })));
		expect(shards).toEqual([
			{ years: '1990–2007', stories: '3 stories', href: '/news/early/' },
			{ years: '2008–2025', stories: '3 stories', href: '/news/late/' },
		]);
		await page.click('.shard h2 a >> nth=0');
		expect(await page.locator('.masthead__shard').textContent()).toBe('1990–2007 · All years');
		await page.close();
	});

	test.each([
		['a word found only in the early shard', 'zephyr', ['Zephyr topples the harbour crane'], '/news/early/'],
		['a word found only in the late shard', 'quokka', ['Quokka colony found on the island'], '/news/late/'],
	])('%s is found from the combined site, with a link into that shard', async (_name, word, titles, prefix) => {
		const page = await browser.context.newPage();
		const results = await search(page, word);
		expect(results.map(({ title }) => title)).toEqual(titles);
		expect(results[0]!.href.startsWith(prefix)).toBe(true);
		expect(await follow(page, results[0]!.href)).toBe(titles[0]);
		await page.close();
	});

	test('a word in both shards finds the stories of both, each link leading to its story', async () => {
		const page = await browser.context.newPage();
		const results = await search(page, 'lighthouse');
		expect(results.map(({ title }) => title).sort()).toEqual(['Lighthouse turns into a museum', 'Old lighthouse keeper retires']);
		expect(results.map(({ href }) => href.split('/')[2]).sort()).toEqual(['early', 'late']);
		expect(await page.locator('[data-search-status]').textContent()).toMatch(/^2 stories found/);
		for (const { title, href } of results) expect(await follow(page, href)).toBe(title);
		await page.close();
	});

	test('the search’s year facet counts the stories of every shard', async () => {
		const page = await browser.context.newPage();
		await search(page, 'lighthouse');
		const years = await page.$$eval('[data-facet="year"] input', (inputs) => inputs.map((input) => (input as HTMLInputElement).value).sort());
		expect(years).toEqual(['1999', '2019']);
		await page.close();
	});
});

describe('a shard served alone', () => {
	test('searches its own stories and leaves out the shards that are not there, with a warning', async () => {
		const server = await serveStatic(fixturePath(fixture.name, 'dist-early'), `${BASE}early/`);
		const browser = await launchBrowser();
		try {
			const page = await browser.context.newPage();
			const warnings: string[] = [];
			page.on('console', (message) => {
				if (message.type() === 'warning') warnings.push(message.text());
			});
			await page.goto(`${server.origin}${BASE}early/search/?q=lighthouse`);
			await waitForSearch(page);
			expect(await page.$$eval('.search-result h3 a', (links) => links.map((link) => link.textContent))).toEqual(['Old lighthouse keeper retires']);
			expect(warnings).toContainEqual(expect.stringContaining('the search index of shard "late" is not at /news/late/pagefind/'));
		} finally {
			await browser.close();
			await server.close();
		}
	});
});

describe('a story outside every shard', () => {
	test('fails the build, naming the file, its date field and the shards there are', async () => {
		const stray = createTempFixture('shards-stray', { ...FILES, '1975/old.md': story('An old story', '1975-01-01', 'From before the archive’s shards.') }, { settings: { shards: SHARDS } });
		try {
			const result = await stray.build({ env: { CLIPPINGS_SHARD: 'late' } });
			expect(result.ok).toBe(false);
			expect(result.output).toMatch(/tests\/fixtures\/tmp-shards-stray\/content\/articles\/1975\/old\.md: date: is dated in 1975, which no shard builds \(shards in astro\.config\.mjs: early 1990–2007, late 2008–2025\)/);
		} finally {
			stray.remove();
		}
	}, 120_000);

	test('an unknown shard name fails the build, naming the shards there are', async () => {
		const result = await fixture.build({ outDir: 'dist-unknown', env: { CLIPPINGS_SHARD: '1970s' } });
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/CLIPPINGS_SHARD is "1970s", but the shards in astro\.config\.mjs are "early", "late"/);
	}, 120_000);
});
