import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { writeOfflineSupport } from '../../src/integrations/offline.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath } from '../support/fixtures.ts';
import { waitForSearch } from '../support/search-page.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const BASE = '/news/';
let server: StaticServer;
let browser: TestBrowser | undefined;

beforeAll(async () => {
	server = await serveStatic(distPath('search'), BASE);
});

afterAll(async () => {
	await server?.close();
});

afterEach(async () => {
	await browser?.close();
	browser = undefined;
});

/** Opens the search page and waits until the service worker has installed and controls it. */
async function visitSearchPage(origin: string): Promise<Page> {
	browser = await launchBrowser();
	const page = await browser.context.newPage();
	await page.goto(`${origin}${BASE}search/?q=honda`);
	await waitForSearch(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
	return page;
}

const firstTitle = (page: Page) => page.locator('.search-result h3 a').first().innerText();
const cacheNames = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('clippings-')));

describe('offline', () => {
	test('after one visit, the search page searches for new words with the network off', async () => {
		const page = await visitSearchPage(server.origin);
		await browser!.context.setOffline(true);
		await page.goto(`${server.origin}${BASE}search/?q=gccgo`);
		await waitForSearch(page);
		expect(await firstTitle(page)).toBe('Gccgo in GCC 4.7.1');
		await page.locator('#search-q').fill('野村证券');
		await waitForSearch(page);
		expect(await firstTitle(page)).toBe('东京券商预计股价早盘大幅下跌');
	});

	test('a story read before the search page was ever opened also opens again offline', async () => {
		browser = await launchBrowser();
		const page = await browser.context.newPage();
		await page.goto(`${server.origin}${BASE}2012/07/11/gccgo-in-gcc-4-7-1/`);
		await page.waitForFunction(
			async () => {
				for (const name of await caches.keys()) if (await (await caches.open(name)).match(location.href)) return true;
				return false;
			},
			undefined,
			{ timeout: 30_000, polling: 250 },
		);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
		await browser.context.setOffline(true);
		await page.reload();
		expect(await page.locator('h1').innerText()).toBe('Gccgo in GCC 4.7.1');
	});

	test('a story read online opens again offline, while one never read does not load', async () => {
		const page = await visitSearchPage(server.origin);
		await page.goto(`${server.origin}${BASE}2012/07/11/gccgo-in-gcc-4-7-1/`);
		await browser!.context.setOffline(true);
		await page.reload();
		expect(await page.locator('h1').innerText()).toBe('Gccgo in GCC 4.7.1');
		await expect(page.goto(`${server.origin}${BASE}2010/`)).rejects.toThrow();
	});

	test('“Save the archive for offline reading” fetches every page with a progress bar; then any page opens offline', async () => {
		const page = await visitSearchPage(server.origin);
		const manifest = JSON.parse(readFileSync(path.join(distPath('search'), 'offline.json'), 'utf8')) as { files: string[] };
		await page.getByRole('button', { name: 'Save the archive for offline reading' }).click();
		await page.waitForFunction(() => /^Saved \d+ files/.test(document.querySelector('[data-offline-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
		const progress = await page.locator('[data-offline-progress]').evaluate((bar: HTMLProgressElement) => ({ value: bar.value, max: bar.max, hidden: bar.hidden }));
		expect(progress).toEqual({ value: manifest.files.length, max: manifest.files.length, hidden: false });

		await browser!.context.setOffline(true);
		await page.goto(`${server.origin}${BASE}2010/`);
		expect(await page.locator('h1').innerText()).toContain('2010');
		await page.goto(`${server.origin}${BASE}sources/`);
		await page.goto(`${server.origin}${BASE}search/`);
		expect(await page.locator('[data-offline-status]').innerText()).toMatch(/saved on this device/);
	});

	test('a new build replaces the old cache: the new service worker deletes the previous build’s cache', async () => {
		const copy = mkdtempSync(path.join(tmpdir(), 'clippings-offline-'));
		cpSync(distPath('search'), copy, { recursive: true });
		const copyServer = await serveStatic(copy, BASE);
		try {
			const page = await visitSearchPage(copyServer.origin);
			const before = JSON.parse(readFileSync(path.join(copy, 'offline.json'), 'utf8')) as { build: string };
			expect(await cacheNames(page)).toEqual([`clippings-${before.build}`]);

			writeFileSync(path.join(copy, 'index.html'), `${readFileSync(path.join(copy, 'index.html'), 'utf8')}<!-- rebuilt -->\n`);
			const after = writeOfflineSupport({ outDir: copy, base: BASE });
			expect(after.build).not.toBe(before.build);

			await page.reload();
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
			await page.waitForFunction(
				async (expected) => JSON.stringify((await caches.keys()).filter((name) => name.startsWith('clippings-'))) === JSON.stringify([expected]),
				`clippings-${after.build}`,
				{ timeout: 30_000, polling: 200 },
			);
		} finally {
			await copyServer.close();
			rmSync(copy, { recursive: true, force: true });
		}
	});
});
