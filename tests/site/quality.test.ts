import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { distPath, ROOT } from '../support/fixtures.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const FIXTURE = 'basic';
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The rules .htmlvalidate.json relaxes from "html-validate:recommended", and why (JSON has no comments,
 * so the reasons live here and a test keeps the two in step).
 */
const RELAXED_RULES: Record<string, string> = {
	'long-title':
		'a story page’s title is its headline, kept word for word as the newsroom wrote it (up to 400 characters), and headlines often run past 70 characters',
};

/** Pages the accessibility check opens: the home page, plain, corrected and right-to-left stories, the 404 page. */
const AXE_PAGES = [
	{ name: 'the home page', urlPath: '/' },
	{ name: 'a numbered page of every story', urlPath: '/page/1/' },
	{ name: 'a story with a dateline and two bylines', urlPath: '/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain-over-the-shipping-lanes/' },
	{ name: 'a corrected story', urlPath: '/2025/07/23/ferry-fares-will-rise-in-september-operator-says/' },
	{ name: 'a story in Arabic', urlPath: `/2025/07/22/${encodeURIComponent('الميناء-يستقبل-أول-سفينة-حاويات-منذ-شهرين')}/` },
	{ name: 'the 404 page', urlPath: '/404.html' },
];

function listBuiltHtml(): string[] {
	const root = distPath(FIXTURE);
	return readdirSync(root, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.html'))
		.map((file) => path.join(root, file));
}

describe('valid HTML', () => {
	test('the html-validate config relaxes only rules with a written reason', () => {
		const config = JSON.parse(readFileSync(path.join(ROOT, '.htmlvalidate.json'), 'utf8')) as { extends: string[]; rules?: object };
		expect(config.extends).toEqual(['html-validate:recommended']);
		expect(Object.keys(config.rules ?? {}).sort()).toEqual(Object.keys(RELAXED_RULES).sort());
	});

	test('every built page of the fixture has zero html-validate errors', async () => {
		const validator = new HtmlValidate(new FileSystemConfigLoader());
		const files = listBuiltHtml();
		expect(files.length).toBeGreaterThanOrEqual(10);
		const errors: string[] = [];
		for (const file of files) {
			const report = await validator.validateFile(file);
			for (const result of report.results) {
				for (const message of result.messages) {
					if (message.severity === 2) {
						errors.push(`${path.relative(distPath(FIXTURE), file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
					}
				}
			}
		}
		expect(errors).toEqual([]);
	});
});

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
}

/** Runs axe-core in the page and returns its serious and critical violations. */
async function findSeriousViolations(page: Page): Promise<AxeViolation[]> {
	// Evaluated rather than added as a <script>: the pages' Content Security Policy blocks inline scripts.
	await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await axe.run(document, { resultTypes: ['violations'] });
		return results.violations.map((violation) => ({
			id: violation.id,
			impact: violation.impact ?? null,
			help: violation.help,
			targets: violation.nodes.map((node) => node.target.join(' ')),
		}));
	});
	return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** The lightness (0–1) of a CSS `rgb(r, g, b)` colour, to tell a light page from a dark one. */
function getLightness(color: string): number {
	const [red, green, blue] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number) as [number, number, number];
	return (Math.max(red, green, blue) + Math.min(red, green, blue)) / 2 / 255;
}

describe('accessibility in Chromium (axe-core)', () => {
	let browser: TestBrowser;
	let server: StaticServer;

	beforeAll(async () => {
		server = await serveStatic(distPath(FIXTURE), '/');
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	for (const colorScheme of ['light', 'dark'] as const) {
		test.each(AXE_PAGES)(`$name has no serious or critical violations in the ${colorScheme} color scheme`, async ({ urlPath }) => {
			const page = await browser.context.newPage();
			try {
				await page.emulateMedia({ colorScheme });
				const response = await page.goto(`${server.origin}${urlPath}`);
				expect(response?.status()).toBe(200);
				const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
				const lightness = getLightness(background);
				if (colorScheme === 'dark') expect(lightness).toBeLessThan(0.2);
				else expect(lightness).toBeGreaterThan(0.8);
				expect(await findSeriousViolations(page)).toEqual([]);
			} finally {
				await page.close();
			}
		});
	}
});
