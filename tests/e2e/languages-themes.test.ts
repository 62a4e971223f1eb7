import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath } from '../support/fixtures.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ARABIC_STORY = `/2025/07/22/${encodeURIComponent('الصيادون-يعودون-إلى-البحر-بعد-موسم-هادئ')}/`;

let browser: TestBrowser;
const servers: Record<string, StaticServer> = {};

beforeAll(async () => {
	servers.arabic = await serveStatic(distPath('arabic'), '/');
	servers.themed = await serveStatic(distPath('themed'), '/');
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	for (const server of Object.values(servers)) await server.close();
});

/** Serious and critical axe-core violations on the open page, as `rule: target` lines. */
async function findSeriousViolations(page: Page): Promise<string[]> {
	await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await axe.run(document, { resultTypes: ['violations'] });
		return results.violations
			.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
			.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
	});
}

async function open(fixture: string, urlPath: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
	const page = await browser.context.newPage();
	await page.emulateMedia({ colorScheme });
	expect((await page.goto(`${servers[fixture]!.origin}${urlPath}`))?.status()).toBe(200);
	return page;
}

/** The horizontal centre of an element on screen. */
async function centreX(page: Page, selector: string): Promise<number> {
	const box = await page.locator(selector).first().boundingBox();
	if (!box) throw new Error(`${selector} is not on screen`);
	return box.x + box.width / 2;
}

describe('an Arabic archive in Chromium', () => {
	test('lays out right to left: navigation, calendar, chart and page links start at the right', async () => {
		const page = await open('arabic', '/2025/07/');
		try {
			const nav = page.locator('.masthead__nav a');
			expect(await centreX(page, '.masthead__nav li:first-child a')).toBeGreaterThan(await centreX(page, '.masthead__nav li:last-child a'));
			expect(await nav.count()).toBe(6);
			// The week starts on Saturday in Arabic, in the rightmost column.
			expect(await centreX(page, '.calendar-month thead th:first-child')).toBeGreaterThan(await centreX(page, '.calendar-month thead th:last-child'));
			expect(await centreX(page, '.period-nav a[rel="prev"]')).toBeGreaterThan(await centreX(page, '.period-nav a.period-nav__up'));
			await page.goto(`${servers.arabic!.origin}/`);
			expect(await centreX(page, '.pagination a[rel="next"]')).toBeLessThan(await centreX(page, '.pagination__pages'));
			await page.goto(`${servers.arabic!.origin}/2025/`);
			const bar = await page.locator('.month-chart__month:nth-child(7) .month-chart__bar').boundingBox();
			const name = await page.locator('.month-chart__month:nth-child(7) .month-chart__name').boundingBox();
			expect(bar!.x + bar!.width).toBeLessThanOrEqual(name!.x + 1);
		} finally {
			await page.close();
		}
	});

	for (const colorScheme of ['light', 'dark'] as const) {
		test.each(['/', '/2025/', '/2025/07/', ARABIC_STORY, '/2025/07/24/harbour-authority-publishes-new-timetable-for-container-ships/', '/bylines/', `/bylines/letter/${encodeURIComponent('ع')}/`, '/search/', '/404.html'])(
			`%s has no serious or critical axe violations (${colorScheme})`,
			async (urlPath) => {
				const page = await open('arabic', urlPath, colorScheme);
				try {
					expect(await findSeriousViolations(page)).toEqual([]);
				} finally {
					await page.close();
				}
			},
		);
	}

	test('the search page writes its results line in Arabic', async () => {
		const page = await open('arabic', `/search/?q=${encodeURIComponent('الصيادون')}`);
		try {
			await page.waitForFunction(() => document.querySelector('[data-search-page]')?.getAttribute('data-ready') === 'true');
			expect(await page.locator('[data-search-status]').innerText()).toBe('عُثر على مقال واحد عن «الصيادون».');
		} finally {
			await page.close();
		}
	});
});

describe('a re-themed archive in Chromium', () => {
	test.each(['light', 'dark'] as const)('the theme’s colours, widths and stylesheet take effect (%s)', async (colorScheme) => {
		const page = await open('themed', '/', colorScheme);
		try {
			const styles = await page.evaluate(() => {
				const root = getComputedStyle(document.documentElement);
				return {
					accent: root.getPropertyValue('--color-accent').trim(),
					paper: getComputedStyle(document.body).backgroundColor,
					width: document.querySelector('main')!.getBoundingClientRect().width,
					barBorder: getComputedStyle(document.querySelector('.masthead__bar')!).borderTopWidth,
				};
			});
			expect(styles.accent).toBe(colorScheme === 'light' ? '#0b6e4f' : '#6fd3b0');
			expect(styles.paper).toBe(colorScheme === 'light' ? 'rgb(244, 247, 246)' : 'rgb(13, 27, 33)');
			expect(styles.width).toBe(64 * 16);
			expect(styles.barBorder).toBe('5px');
			expect(await findSeriousViolations(page)).toEqual([]);
		} finally {
			await page.close();
		}
	});
});
