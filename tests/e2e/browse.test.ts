import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath } from '../support/fixtures.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

/** The browse fixture served under a base path, as on a subfolder of an existing site. */
const FIXTURE = 'base-path';
const BASE = '/archive/';
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: StaticServer;
let browser: TestBrowser;

beforeAll(async () => {
	server = await serveStatic(distPath(FIXTURE), BASE);
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** Clicks a link and waits for the page it leads to, failing on a 404. */
async function follow(page: Page, link: ReturnType<Page['locator']>): Promise<void> {
	const [response] = await Promise.all([page.waitForEvent('response', (response) => response.request().isNavigationRequest()), link.click()]);
	expect(response.status()).toBe(200);
	await page.waitForLoadState('domcontentloaded');
}

describe('a reader browsing by date in Chromium', () => {
	test('walks from the archive to a year, a month, a day, a story and its byline', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${server.origin}${BASE}`);

		await follow(page, page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Archive' }));
		expect(new URL(page.url()).pathname).toBe('/archive/archive/');
		await follow(page, page.getByRole('rowheader').getByRole('link', { name: '2025' }));
		expect(new URL(page.url()).pathname).toBe('/archive/2025/');
		await expect.poll(() => page.locator('.month-chart__month').count()).toBe(12);

		await follow(page, page.locator('.month-chart').getByRole('link', { name: 'July' }));
		expect(new URL(page.url()).pathname).toBe('/archive/2025/07/');
		const dayLink = page.getByRole('table').getByRole('link', { name: /24\s*3 stories/ });
		expect(await dayLink.isVisible()).toBe(true);

		await follow(page, dayLink);
		expect(new URL(page.url()).pathname).toBe('/archive/2025/07/24/');
		expect(await page.locator('.story-card').count()).toBe(3);

		const headline = 'Negotiators leave harbour talks as “gaps remain”';
		await follow(page, page.getByRole('link', { name: headline }));
		expect((await page.locator('h1').innerText()).trim()).toBe(headline);

		await follow(page, page.locator('article header').getByRole('link', { name: 'Zoë Ortiz' }));
		expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/archive/bylines/zoë-ortiz/');
		expect((await page.locator('h1').innerText()).trim()).toBe('Zoë Ortiz');
		expect(await page.getByRole('link', { name: headline }).isVisible()).toBe(true);

		await follow(page, page.getByRole('navigation', { name: /Pages of/ }).getByRole('link', { name: 'Older →' }));
		expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/archive/bylines/zoë-ortiz/page/1/');
		await page.close();
	});

	test('previous and next on a month page skip the empty months', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${server.origin}${BASE}2025/06/`);
		await follow(page, page.getByRole('navigation', { name: 'Months' }).getByRole('link', { name: /March 2025/ }));
		expect(new URL(page.url()).pathname).toBe('/archive/2025/03/');
		await page.close();
	});
});

/** Serious and critical axe-core violations on the open page, as `rule: target` lines. */
async function findSeriousViolations(page: Page): Promise<string[]> {
	// Evaluated rather than added as a <script>: the pages' Content Security Policy blocks inline scripts.
	await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await axe.run(document, { resultTypes: ['violations'] });
		return results.violations
			.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
			.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
	});
}

describe('browse pages in Chromium (axe-core)', () => {
	const pages = ['archive/', '2025/', '2025/07/', '2025/07/24/', 'bylines/', 'bylines/zo%C3%AB-ortiz/', 'topics/c-2/', '', 'bylines/letter/a/', 'topics/letter/c/page/2/', 'page/1/'];
	for (const colorScheme of ['light', 'dark'] as const) {
		test.each(pages)(`${BASE}%s has no serious or critical violations in the ${colorScheme} color scheme`, async (urlPath) => {
			const page = await browser.context.newPage();
			try {
				await page.emulateMedia({ colorScheme });
				expect((await page.goto(`${server.origin}${BASE}${urlPath}`))?.status()).toBe(200);
				expect(await findSeriousViolations(page)).toEqual([]);
			} finally {
				await page.close();
			}
		});
	}
});
