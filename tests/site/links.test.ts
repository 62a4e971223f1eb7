import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { distPath, readBuiltFile, readPage } from '../support/fixtures.ts';
import { checkLinks } from '../support/link-check.ts';

/** Each fixture with the address its astro.config.mjs gives it. */
const SITES = [
	{ fixture: 'basic', url: 'https://fixture.example.org', base: '/' },
	{ fixture: 'browse', url: 'https://browse.example.org', base: '/' },
	{ fixture: 'base-path', url: 'https://www.example.org', base: '/archive/' },
];

describe('every internal link resolves', () => {
	test.each(SITES)('$fixture (base $base): no broken links in pages, feeds, sitemaps or stylesheets', ({ fixture, url, base }) => {
		const report = checkLinks(distPath(fixture), { url, base });
		expect(report.broken).toEqual([]);
		expect(report.files).toBeGreaterThan(10);
		expect(report.links).toBeGreaterThan(report.files * 5);
	});
});

describe('under a base path', () => {
	const FIXTURE = 'base-path';

	test('every root-relative link and asset on a page starts with the base path', () => {
		for (const urlPath of ['/', '/2025/07/', '/bylines/zoë-ortiz/', '/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain/']) {
			const $ = readPage(FIXTURE, urlPath);
			const addresses = $('[href], [src], form[action]')
				.map((_, element) => $(element).attr('href') ?? $(element).attr('src') ?? $(element).attr('action'))
				.get()
				.filter((address) => address.startsWith('/'));
			expect(addresses.length).toBeGreaterThan(10);
			expect(addresses.filter((address) => !address.startsWith('/archive/'))).toEqual([]);
		}
	});

	test('the archive index lives at /archive/archive/ and feeds, sitemaps and JSON-LD use absolute addresses under the base', () => {
		expect(readPage(FIXTURE, '/archive/')('h1').text()).toBe('Archive');
		expect(readBuiltFile(FIXTURE, '/feed.xml')).toContain('<link>https://www.example.org/archive/</link>');
		expect(readBuiltFile(FIXTURE, '/sitemap-index.xml')).toContain('<loc>https://www.example.org/archive/sitemap-1.xml</loc>');
		const $ = readPage(FIXTURE, '/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain/');
		expect(JSON.parse($('script[type="application/ld+json"]').text()).author[0].url).toBe('https://www.example.org/archive/bylines/zo%C3%AB-ortiz/');
		expect($('link[rel="canonical"]').attr('href')).toBe('https://www.example.org/archive/2025/07/24/negotiators-leave-harbour-talks-as-gaps-remain/');
	});
});

describe('the link checker', () => {
	const root = mkdtempSync(path.join(tmpdir(), 'clippings-links-'));
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	test('finds links to missing pages, missing ids, folders without a slash and addresses outside the base', () => {
		mkdirSync(path.join(root, 'a'), { recursive: true });
		writeFileSync(path.join(root, 'a', 'index.html'), '<main id="top">A</main>');
		writeFileSync(
			path.join(root, 'index.html'),
			[
				'<a href="/sub/a/">fine</a>',
				'<a href="a/#top">fine, relative</a>',
				'<a href="https://site.example/sub/a/">fine, absolute</a>',
				'<a href="https://elsewhere.example/x/">external</a>',
				'<a href="/sub/missing/">missing</a>',
				'<a href="/sub/a/#nowhere">missing id</a>',
				'<a href="/sub/a">no slash</a>',
				'<img src="/elsewhere.png">',
			].join(''),
		);
		writeFileSync(path.join(root, 'feed.xml'), '<rss><channel><link>https://site.example/sub/gone/</link></channel></rss>');
		const report = checkLinks(root, { url: 'https://site.example', base: '/sub/' });
		expect(report.broken.map((link) => [link.file, link.url])).toEqual([
			['feed.xml', 'https://site.example/sub/gone/'],
			['index.html', '/sub/missing/'],
			['index.html', '/sub/a/#nowhere'],
			['index.html', '/sub/a'],
			['index.html', '/elsewhere.png'],
		]);
		expect(report.links).toBe(8);
	});
});
