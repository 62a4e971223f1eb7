import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath } from '../support/fixtures.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const FIXTURE = 'basic';

let server: StaticServer;

beforeAll(async () => {
	server = await serveStatic(distPath(FIXTURE), '/');
});

afterAll(async () => {
	await server?.close();
});

/** What a reader sees of an article: the words on screen, not the markup. */
async function readArticle(page: Page) {
	const headline = page.locator('h1');
	const bylines = page.locator('article header a[rel="author"]');
	const paragraphs = page.locator('.story__body p');
	return {
		headline: (await headline.innerText()).trim(),
		headlineVisible: await headline.isVisible(),
		bylines: await bylines.allInnerTexts(),
		paragraphs: await paragraphs.allInnerTexts(),
		paragraphsVisible: await Promise.all((await paragraphs.all()).map((paragraph) => paragraph.isVisible())),
	};
}

/** Opens the home page and follows the first story's headline, as a reader would. */
async function followFirstStory(page: Page): Promise<string> {
	await page.goto(`${server.origin}/`);
	const link = page.locator('section.latest article').first().getByRole('link').first();
	const headline = (await link.innerText()).trim();
	await Promise.all([page.waitForURL((url) => url.pathname !== '/'), link.click()]);
	return headline;
}

describe('a reader in Chromium', () => {
	let browser: TestBrowser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	test('opens the home page, follows a story and reads its headline, bylines and paragraphs', async () => {
		const page = await browser.context.newPage();
		const headline = await followFirstStory(page);
		expect(new URL(page.url()).pathname).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/);

		const article = await readArticle(page);
		expect(article.headline).toBe(headline);
		expect(article.headlineVisible).toBe(true);
		expect(article.bylines.length).toBeGreaterThan(0);
		expect(await page.locator('article header').innerText()).toContain(`By ${article.bylines[0]}`);
		expect(article.paragraphs.length).toBeGreaterThanOrEqual(3);
		expect(article.paragraphsVisible.every(Boolean)).toBe(true);
		expect(await page.title()).toContain(headline);
		await page.close();
	});

	test('can go from a story to the one before it and back', async () => {
		const page = await browser.context.newPage();
		await followFirstStory(page);
		const first = page.url();
		const previous = page.locator('a[rel="prev"]');
		const previousHeadline = (await previous.locator('.neighbours__headline').innerText()).trim();
		await Promise.all([page.waitForURL((url) => url.href !== first), previous.click()]);
		expect((await page.locator('h1').innerText()).trim()).toBe(previousHeadline);
		await Promise.all([page.waitForURL(first), page.locator('a[rel="next"]').click()]);
		await page.close();
	});

	test.each(['/', '/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain-over-the-shipping-lanes/', '/2025/06/15/the-last-keeper-of-the-north-lighthouse/'])(
		'%s fits a 320-pixel-wide screen without scrolling sideways',
		async (urlPath) => {
			const page = await browser.context.newPage();
			await page.setViewportSize({ width: 320, height: 640 });
			await page.goto(`${server.origin}${urlPath}`);
			const widths = await page.evaluate(() => ({
				document: document.documentElement.scrollWidth,
				viewport: document.documentElement.clientWidth,
			}));
			expect(widths.viewport).toBe(320);
			expect(widths.document).toBeLessThanOrEqual(widths.viewport);
			await page.close();
		},
	);
});

describe('a reader with JavaScript turned off', () => {
	let browser: TestBrowser;

	beforeAll(async () => {
		browser = await launchBrowser({ javaScriptEnabled: false });
	});

	afterAll(async () => {
		await browser?.close();
	});

	test('still follows a story from the home page and reads all of it', async () => {
		const page = await browser.context.newPage();
		await page.setContent('<title>off</title><script>document.title = "on"</script>');
		expect(await page.title()).toBe('off');
		const headline = await followFirstStory(page);
		const article = await readArticle(page);
		expect(article.headline).toBe(headline);
		expect(article.bylines.length).toBeGreaterThan(0);
		expect(article.paragraphs.length).toBeGreaterThanOrEqual(3);
		expect(article.paragraphsVisible.every(Boolean)).toBe(true);
		await page.close();
	});
});
