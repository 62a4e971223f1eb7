import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { distPath, readBuiltFile, readPage } from '../support/fixtures.ts';

const FIXTURE = 'basic';
const SLUG = 'negotiators-leave-harbour-talks-as-gaps-remain-over-the-shipping-lanes';
const HARBOUR = `/2025/07/24/${SLUG}/`;
const WIRE = '/2025/07/21/storm-warning-lifted-for-the-coast/';

/** Every article page of the fixture: the `index.html` four folders down (`/YYYY/MM/DD/slug/`). */
function listArticlePaths(): string[] {
	return readdirSync(distPath(FIXTURE), { recursive: true, encoding: 'utf8' })
		.map((file) => file.split(path.sep))
		.filter((parts) => parts.length === 5 && /^\d{4}$/.test(parts[0]!) && parts[4] === 'index.html')
		.map((parts) => `/${parts.slice(0, 4).map(encodeURIComponent).join('/')}/`);
}

describe('related stories', () => {
	test('every story lists at most five related stories, never itself', () => {
		const articles = listArticlePaths();
		expect(articles.length).toBeGreaterThanOrEqual(8);
		for (const urlPath of articles) {
			const links = readPage(FIXTURE, urlPath)('.related a').map((_, link) => readPage(FIXTURE, urlPath)(link).attr('href')).get();
			expect(links.length, urlPath).toBeLessThanOrEqual(5);
			expect(links, urlPath).not.toContain(urlPath);
		}
	});

	test('the harbour talks story leads with the story that shares most with it: its byline, topic and source', () => {
		const $ = readPage(FIXTURE, HARBOUR);
		expect($('#related-heading').text()).toBe('Related stories');
		const $first = readPage(FIXTURE, $('.related a').first().attr('href') ?? '');
		expect($first('.story-header__bylines').text()).toContain('Amira Haddad');
		expect($first('.topics a').map((_, link) => $first(link).text()).get()).toContain('Shipping');
		expect($first('.story-header__source').text()).toBe('Fixture Wire');
	});
});

describe('citations', () => {
	test('a story page offers every style in a closed <details>, with the .bib and .ris files to download', () => {
		const $ = readPage(FIXTURE, HARBOUR);
		expect($('details.citation').attr('open')).toBeUndefined();
		expect($('details.citation dt').map((_, term) => $(term).text()).get()).toEqual(['APA', 'MLA', 'Chicago', 'BibTeX', 'RIS']);
		expect($('.citation__downloads a').map((_, link) => $(link).attr('download')).get()).toEqual([`${SLUG}.bib`, `${SLUG}.ris`]);
		expect($('.citation__downloads a').map((_, link) => $(link).attr('href')!.split(',')[0]).get()).toEqual([
			'data:application/x-bibtex;charset=utf-8',
			'data:application/x-research-info-systems;charset=utf-8',
		]);
	});

	test('the .bib and .ris files hold the same reference the page shows, authors in order, with both addresses', () => {
		const $ = readPage(FIXTURE, HARBOUR);
		const shown = $('details.citation pre').map((_, pre) => $(pre).text()).get();
		const [bib, ris] = $('.citation__downloads a').map((_, link) => decodeURIComponent($(link).attr('href')!.split(',').slice(1).join(','))).get() as [string, string];
		expect(shown[3]).toBe(bib.trimEnd());
		expect(shown[4]).toBe(ris.trimEnd().replace(/\r\n/g, '\n'));
		expect(bib).toContain('author = {Haddad, Amira and Ruiz, Tomás}');
		expect(bib).toContain(`url = {https://fixture.example.org${HARBOUR}}`);
		expect(bib).toContain('note = {Originally published at \\url{https://wire.example.com/2025/07/24/harbour-talks}}');
		expect(ris.split('\r\n').filter((line) => line.startsWith('AU'))).toEqual(['AU  - Haddad, Amira', 'AU  - Ruiz, Tomás']);
		expect(shown[0]).toBe(
			`Haddad, A., & Ruiz, T. (2025, July 24). Negotiators leave harbour talks as “gaps remain” over the shipping lanes. Fixture Wire. https://fixture.example.org${HARBOUR} Originally published at https://wire.example.com/2025/07/24/harbour-talks.`,
		);
	});

	test('a story without bylines is cited by its headline', () => {
		expect(readPage(FIXTURE, WIRE)('details.citation pre').first().text()).toMatch(/^Storm warning lifted for the coast\. \(2025, July 21\)\. Fixture Wire\./);
	});
});

describe('robots.txt and link-preview images', () => {
	test('robots.txt points at the sitemap index, under the base path when there is one', () => {
		expect(readBuiltFile(FIXTURE, '/robots.txt')).toContain('Sitemap: https://fixture.example.org/sitemap-index.xml\n');
		expect(readBuiltFile('base-path', '/robots.txt')).toContain('Sitemap: https://www.example.org/archive/sitemap-index.xml\n');
	});

	test('a story without a photo points link previews at the site’s image, which is built', () => {
		const $ = readPage(FIXTURE, WIRE);
		expect($('meta[property="og:image"]').attr('content')).toBe('https://fixture.example.org/og-image.png');
		expect($('meta[property="og:image:alt"]').attr('content')).toBe('Fixture Gazette');
		expect($('meta[name="twitter:image"]').attr('content')).toBe('https://fixture.example.org/og-image.png');
		expect(readBuiltFile(FIXTURE, '/og-image.png').slice(1, 4)).toBe('PNG');
	});
});
