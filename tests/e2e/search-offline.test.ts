import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readOfflineManifest } from '../../src/integrations/offline.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';
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
const status = (page: Page) => page.locator('[data-offline-status]').innerText();
/** The build id and every file of a built site's offline manifest, its parts joined. */
const readManifest = (dist: string) => {
	const { manifest, files, online } = readOfflineManifest(dist);
	return { build: manifest.build, files, online, parts: manifest.parts.map(([name]) => name) };
};

/** Presses "Save the archive" and waits for it to finish; resolves with the status it ends on. */
async function saveArchive(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Save the archive for offline reading' }).click();
	await page.waitForFunction(() => /^(Saved|Not enough|The browser ran out|The archive could not)/.test(document.querySelector('[data-offline-status]')?.textContent ?? ''), undefined, {
		timeout: 60_000,
	});
	return status(page);
}

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
		const manifest = readManifest(distPath('search'));
		expect(await page.locator('[data-offline-estimate]').innerText()).toMatch(/^Saving takes about [\d.]+ MB on this device \(\d+ files\)\.$/);
		expect(await saveArchive(page)).toMatch(/^Saved \d+ files/);
		const progress = await page.locator('[data-offline-progress]').evaluate((bar: HTMLProgressElement) => ({ value: bar.value, max: bar.max, hidden: bar.hidden }));
		expect(progress).toEqual({ value: manifest.files.length, max: manifest.files.length, hidden: false });

		await browser!.context.setOffline(true);
		await page.goto(`${server.origin}${BASE}2010/`);
		expect(await page.locator('h1').innerText()).toContain('2010');
		await page.goto(`${server.origin}${BASE}sources/`);
		await page.goto(`${server.origin}${BASE}search/`);
		await expect.poll(() => status(page)).toMatch(/saved on this device/);
	});
});

describe('saving the archive', () => {
	test('an interrupted save resumes where it stopped, downloading only the files it had not saved', async () => {
		const requested: string[] = [];
		const logged = await serveStatic(distPath('search'), BASE, (pathname) => requested.push(pathname));
		try {
			const page = await visitSearchPage(logged.origin);
			await page.getByRole('button', { name: 'Save the archive for offline reading' }).click();
			await page.waitForFunction(() => (document.querySelector<HTMLProgressElement>('[data-offline-progress]')?.value ?? 0) >= 60, undefined, { timeout: 30_000, polling: 10 });
			await page.goto(`${logged.origin}${BASE}search/`);
			await page.waitForFunction(() => /^Saving was interrupted/.test(document.querySelector('[data-offline-status]')?.textContent ?? ''), undefined, { timeout: 30_000 });
			const first = new Set(requested);

			requested.length = 0;
			const saved = await saveArchive(page);
			const [, total, downloaded, already] = /^Saved (\d+) files: downloaded (\d+) files? \(.+?\), (\d+) already on this device/.exec(saved) ?? [];
			expect(Number(already)).toBeGreaterThanOrEqual(60);
			expect(Number(downloaded) + Number(already)).toBe(Number(total));
			const manifest = readManifest(distPath('search'));
			const files = new Set(manifest.files.map(([file]) => file));
			expect(requested.filter((file) => files.has(file) && first.has(file) && file !== `${BASE}search/`)).toEqual([]);
		} finally {
			await logged.close();
		}
	});

	test('when the browser says its quota is too small, saving says so plainly before downloading anything', async () => {
		browser = await launchBrowser();
		const page = await browser.context.newPage();
		// A browser with 200 KB left for the site (Chromium's own quota cannot be made to report less).
		await page.addInitScript(() => {
			const estimate = navigator.storage.estimate.bind(navigator.storage);
			navigator.storage.estimate = async () => {
				const { usage = 0 } = await estimate();
				return { usage, quota: usage + 200 * 1024 };
			};
		});
		await page.goto(`${server.origin}${BASE}search/`);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
		const stories = () => page.evaluate(async () => (await (await caches.open('clippings-files')).keys()).filter((request) => /\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(request.url)).length);
		expect(await saveArchive(page)).toMatch(/^Not enough space: saving needs about [\d.]+ (KB|MB) and this browser lets the archive use only 200 KB more on this device\. Nothing was saved\./);
		expect(await stories()).toBe(0);
	});

	test('when the quota runs out part-way all the same, the reader is told, and what was stored stays', async () => {
		browser = await launchBrowser();
		const page = await browser.context.newPage();
		await page.goto(`${server.origin}${BASE}search/`);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
		const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
		const session = await browser.context.newCDPSession(page);
		await session.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: usage + 200 * 1024 });
		const stored = () => page.evaluate(async () => (await (await caches.open('clippings-files')).keys()).length);
		const before = await stored();
		expect(await saveArchive(page)).toMatch(/^The browser ran out of space after saving \d+ of \d+ files\. What is saved stays saved/);
		expect(await stored()).toBeGreaterThan(before);
	});
});

const story = (title: string, date: string, text: string) => `---\ntitle: ${title}\ndate: '${date}'\nbylines: [Jane Doe]\nsource: Wire\n---\n${text}\n`;
const address = (date: string, slug: string) => `${BASE}${date.replaceAll('-', '/')}/${slug}/`;

describe('a deploy keeps what a reader saved', () => {
	let fixture: TempFixture;
	let site: StaticServer;
	const requested: string[] = [];
	const content = () => path.join(path.dirname(distPath(fixture.name)), 'content', 'articles');

	beforeAll(async () => {
		fixture = createTempFixture(
			'offline-deploy',
			{
				'kept.md': story('Harbour reopens after the storm', '2025-07-21', 'Ships returned to the harbour on Monday.'),
				'edited.md': story('Council approves the budget', '2025-07-22', 'The council approved the budget by five votes to four.'),
				'removed.md': story('Fair postponed', '2025-07-23', 'The summer fair was postponed because of rain.'),
			},
			{ base: BASE },
		);
		const built = await fixture.build();
		expect(built.output).toContain('Complete');
		site = await serveStatic(distPath(fixture.name), BASE, (pathname) => requested.push(pathname));
	});

	afterAll(async () => {
		await site?.close();
		fixture?.remove();
	});

	test('after one visit online the edited story reads in its new version offline, the removed one is gone, the unchanged one still opens, and only changed files are downloaded', async () => {
		const page = await visitSearchPage(site.origin);
		expect(await saveArchive(page)).toMatch(/^Saved \d+ files: downloaded \d+ files/);
		const before = readManifest(distPath(fixture.name));

		writeFileSync(path.join(content(), 'edited.md'), story('Council approves the budget', '2025-07-22', 'Correction: the council approved the budget by six votes to three.'));
		rmSync(path.join(content(), 'removed.md'));
		writeFileSync(path.join(content(), 'added.md'), story('New bridge opens', '2025-07-24', 'The new bridge opened to traffic on Thursday.'));
		const rebuilt = await fixture.build();
		expect(rebuilt.output).toContain('Complete');
		const after = readManifest(distPath(fixture.name));
		expect(after.build).not.toBe(before.build);
		const unchanged = new Set(before.files.filter(([file, revision]) => after.files.some(([other, again]) => other === file && again === revision)).map(([file]) => file));

		requested.length = 0;
		await page.goto(`${site.origin}${BASE}search/`);
		await page.waitForFunction(() => /^Your saved copy was updated/.test(document.querySelector('[data-offline-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
		const update = await status(page);
		expect(update).toMatch(/Save again to add them\.$/);
		// The update read the manifest's totals and only the parts of it this device did not hold.
		const partsRead = requested.filter((file) => file.startsWith(`${BASE}offline/`)).map((file) => file.slice(`${BASE}offline/`.length, -'.json'.length));
		expect(requested).toContain(`${BASE}offline.json`);
		expect(partsRead.length).toBeGreaterThan(0);
		expect(partsRead.filter((name) => before.parts.includes(name) || !after.parts.includes(name))).toEqual([]);
		// The count shown is of files that really changed: at least the edited story, at most every new revision.
		const shown = Number(/^Your saved copy was updated: (\d+) changed files? downloaded/.exec(update)?.[1]);
		expect(shown).toBeGreaterThanOrEqual(1);
		expect(shown).toBeLessThanOrEqual(after.files.length - unchanged.size);

		await browser!.context.setOffline(true);
		await page.goto(`${site.origin}${address('2025-07-22', 'council-approves-the-budget')}`);
		expect(await page.locator('main').innerText()).toContain('six votes to three');
		await page.goto(`${site.origin}${address('2025-07-21', 'harbour-reopens-after-the-storm')}`);
		expect(await page.locator('h1').innerText()).toBe('Harbour reopens after the storm');
		await expect(page.goto(`${site.origin}${address('2025-07-23', 'fair-postponed')}`)).rejects.toThrow();
		await expect(page.goto(`${site.origin}${address('2025-07-24', 'new-bridge-opens')}`)).rejects.toThrow();

		await browser!.context.setOffline(false);
		const gone = await page.goto(`${site.origin}${address('2025-07-23', 'fair-postponed')}`);
		expect(gone?.status()).toBe(404);
		await page.goto(`${site.origin}${BASE}search/`);
		const saved = await saveArchive(page);
		const downloaded = Number(/downloaded (\d+) files?/.exec(saved)?.[1]);
		expect(downloaded).toBeGreaterThan(0);
		expect(downloaded).toBeLessThan(after.files.length / 2);

		// Nothing the deploy left unchanged was downloaded again, except pages the test itself opened online.
		const navigated = new Set([`${BASE}search/`, address('2025-07-23', 'fair-postponed')]);
		const downloadedAgain = requested.filter((file) => unchanged.has(file) && !navigated.has(file));
		expect(downloadedAgain).toEqual([]);

		await browser!.context.setOffline(true);
		await page.goto(`${site.origin}${address('2025-07-24', 'new-bridge-opens')}`);
		expect(await page.locator('h1').innerText()).toBe('New bridge opens');
		await page.goto(`${site.origin}${BASE}search/`);
		await expect.poll(() => status(page)).toBe('The archive is saved on this device for offline reading, up to date.');
	});
});
