import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';
import { parseArticle } from '../../src/model/parse-article.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath, fixturePath } from '../support/fixtures.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const FIXTURE = 'hostile';

/** Every page of the built hostile archive, as a URL path. */
const PAGES = readdirSync(distPath(FIXTURE), { recursive: true, encoding: 'utf8' })
	.filter((file) => file.endsWith('index.html') || file === '404.html')
	.map((file) => `/${file.split(path.sep).join('/')}`.replace(/index\.html$/, ''))
	.sort();

/** `timeZone` in tests/fixtures/hostile/astro.config.mjs. */
const TIME_ZONE = 'UTC';

/** The published hostile articles' headlines and addresses, read with the project's parser. */
const STORIES = readdirSync(fixturePath(FIXTURE, 'content', 'articles'))
	.filter((file) => file.endsWith('.md') && !file.startsWith('_'))
	.map((file) => parseArticle(readFileSync(fixturePath(FIXTURE, 'content', 'articles', file)), file))
	.flatMap((parsed) => (parsed.ok && !parsed.article.data.draft ? [parsed.article] : []))
	.map(({ file, data }) => [data.title, createArticleEntry(file, data, { firstParagraph: '', wordCount: 0 }, TIME_ZONE).path] as const);
const HEADLINES = STORIES.map(([headline]) => headline);

interface Observed {
	dialogs: string[];
	violations: string[];
	pwned: unknown;
}

let server: StaticServer;
let browser: TestBrowser;

beforeAll(async () => {
	server = await serveStatic(distPath(FIXTURE), '/');
	browser = await launchBrowser();
	// Runs before any script of the page, outside its Content Security Policy.
	await browser.context.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __violations: string[] }).__violations = seen;
		document.addEventListener('securitypolicyviolation', (event) => {
			seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
		});
	});
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** Opens a page, lets its scripts, images and handlers run, and reports what happened. */
async function visit(page: Page, urlPath: string, settle: (page: Page) => Promise<void> = async () => {}): Promise<Observed> {
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss();
	});
	await page.goto(`${server.origin}${urlPath}`, { waitUntil: 'load' });
	await settle(page);
	// Give error handlers of broken images and toggles a moment to fire, if anything let them through.
	await page.waitForTimeout(150);
	return page.evaluate(() => ({
		dialogs: [],
		violations: (window as unknown as { __violations: string[] }).__violations,
		pwned: (window as unknown as { pwned?: unknown }).pwned,
	})).then((observed) => ({ ...observed, dialogs }));
}

describe('hostile articles in Chromium', () => {
	test('the fixture has pages and hostile headlines to open', () => {
		expect(PAGES.length).toBeGreaterThan(20);
		expect(HEADLINES.some((headline) => headline.includes('onerror='))).toBe(true);
	});

	test.each(PAGES)('%s opens with no dialog, no script of an article and no policy violation', async (urlPath) => {
		const page = await browser.context.newPage();
		try {
			const observed = await visit(page, urlPath);
			expect(observed).toEqual({ dialogs: [], violations: [], pwned: undefined });
		} finally {
			await page.close();
		}
	});

	test.each(STORIES)('the headline %s is shown as text on its page', async (headline, articlePath) => {
		const page = await browser.context.newPage();
		try {
			const observed = await visit(page, articlePath);
			expect((await page.locator('h1').innerText()).trim()).toBe(headline.trim());
			expect(await page.locator('h1 *').count()).toBe(0);
			expect(observed).toEqual({ dialogs: [], violations: [], pwned: undefined });
		} finally {
			await page.close();
		}
	});

	test.each(['onerror', 'script', 'alert', 'constructor'])('searching for "%s" shows hostile results as text and runs none of them', async (query) => {
		const page = await browser.context.newPage();
		try {
			const observed = await visit(page, `/search/?q=${encodeURIComponent(query)}`, async (opened) => {
				await opened.locator('.search-result').first().waitFor({ timeout: 20_000 });
			});
			expect(observed).toEqual({ dialogs: [], violations: [], pwned: undefined });
			const headlines = await page.locator('.search-result__headline').allInnerTexts();
			expect(headlines.length).toBeGreaterThan(0);
			for (const shown of headlines) expect(HEADLINES.map((headline) => headline.trim())).toContain(shown.trim());
			expect(await page.locator('.search-result img, .search-result script, .search-result iframe, .search-result svg').count()).toBe(0);
		} finally {
			await page.close();
		}
	});
});
