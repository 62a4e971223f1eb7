import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readOfflineManifest } from '../../src/integrations/offline.ts';
import { distPath, readBuiltFile, readPage } from '../support/fixtures.ts';
import { generateArchive } from '../support/generated-archive.ts';
import { checkLinks } from '../support/link-check.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';

/** Names per index page in the generated archives: small, so that a few hundred stories split every index. */
const NAMES_PER_PAGE = 20;
/** The most an article page may cost a reader: its HTML and stylesheets, gzip-compressed. */
const ARTICLE_BUDGET = 30 * 1024;
const KINDS = ['bylines', 'sources', 'topics'] as const;

/** Every built HTML file of a site, relative to its output folder. */
const htmlFiles = (root: string) => readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('index.html')).map((file) => file.split(path.sep).join('/'));

/** What one generated archive's index pages look like. */
interface IndexFacts {
	/** Names with a page of their own, by kind. */
	names: Record<string, number>;
	/** Names listed on the index and letter pages, by kind: each exactly once on the letter pages. */
	listed: Record<string, string[]>;
	/** The most names on one index or letter page. */
	mostNamesOnAPage: number;
	/** The largest index or letter page, in bytes. */
	largestPage: { file: string; bytes: number };
	/** Every article page with its HTML and stylesheets' compressed size. */
	articles: { file: string; bytes: number }[];
}

function readIndexFacts(root: string): IndexFacts {
	const files = htmlFiles(root);
	const facts: IndexFacts = { names: {}, listed: {}, mostNamesOnAPage: 0, largestPage: { file: '', bytes: 0 }, articles: [] };
	for (const kind of KINDS) {
		facts.names[kind] = files.filter((file) => new RegExp(`^${kind}/(?!letter/)[^/]+/index\\.html$`).test(file)).length;
		facts.listed[kind] = [];
		for (const file of files.filter((name) => name === `${kind}/index.html` || name.startsWith(`${kind}/letter/`))) {
			const html = readFileSync(path.join(root, file), 'utf8');
			const $ = load(html);
			const names = $('main .group-index a').map((_, link) => $(link).attr('href')).get();
			if (file.startsWith(`${kind}/letter/`)) facts.listed[kind]!.push(...names);
			facts.mostNamesOnAPage = Math.max(facts.mostNamesOnAPage, names.length);
			const bytes = Buffer.byteLength(html);
			if (bytes > facts.largestPage.bytes) facts.largestPage = { file, bytes };
		}
	}
	const stylesheets = new Map<string, number>();
	for (const file of files.filter((name) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(name) && !name.includes('/page/'))) {
		const html = readFileSync(path.join(root, file));
		const $ = load(html.toString('utf8'));
		const css = $('link[rel="stylesheet"]')
			.map((_, link) => $(link).attr('href'))
			.get()
			.map((href) => {
				if (!stylesheets.has(href)) stylesheets.set(href, gzipSync(readFileSync(path.join(root, decodeURI(href)))).length);
				return stylesheets.get(href)!;
			});
		facts.articles.push({ file, bytes: gzipSync(html).length + css.reduce((sum, bytes) => sum + bytes, 0) });
	}
	return facts;
}

describe('no index page grows with the archive', () => {
	const created: TempFixture[] = [];
	const facts = new Map<number, IndexFacts>();

	beforeAll(async () => {
		for (const count of [200, 400]) {
			const made = createTempFixture(`group-index-${count}`, generateArchive(count, 3, { names: 'growing' }), { settings: { namesPerPage: NAMES_PER_PAGE } });
			created.push(made);
			const result = await made.build({ force: true });
			expect(result.ok, result.output.slice(-3000)).toBe(true);
			facts.set(count, readIndexFacts(distPath(made.name)));
		}
	}, 900_000);
	afterAll(() => created.forEach((made) => made.remove()));

	test('doubling the archive doubles its names but not the largest byline, source or topic index page', () => {
		const small = facts.get(200)!;
		const large = facts.get(400)!;
		expect(large.names.bylines! + large.names.topics!).toBeGreaterThan(1.8 * (small.names.bylines! + small.names.topics!));
		expect(small.names.bylines).toBeGreaterThan(NAMES_PER_PAGE);
		// The letter bar may gain a letter or two; the lists on a page never grow.
		expect(large.largestPage.bytes, `${small.largestPage.file}: ${small.largestPage.bytes} B; ${large.largestPage.file}: ${large.largestPage.bytes} B`).toBeLessThanOrEqual(
			small.largestPage.bytes * 1.1,
		);
	});

	test('no index or letter page lists more names than a page holds', () => {
		for (const { mostNamesOnAPage } of facts.values()) {
			expect(mostNamesOnAPage).toBeGreaterThan(0);
			expect(mostNamesOnAPage).toBeLessThanOrEqual(NAMES_PER_PAGE);
		}
	});

	test('every name is listed exactly once on the letter pages of its kind', () => {
		for (const { names, listed } of facts.values()) {
			for (const kind of KINDS) {
				expect(new Set(listed[kind]).size, kind).toBe(listed[kind]!.length);
				expect(listed[kind]!.length, kind).toBe(names[kind]);
			}
		}
	});

	test('every article page costs at most 30 KB to load, its HTML and stylesheets gzip-compressed', () => {
		for (const { articles } of facts.values()) {
			const largest = articles.reduce((most, article) => (article.bytes > most.bytes ? article : most));
			expect(articles.length).toBeGreaterThan(100);
			expect(largest.bytes, `${largest.file}: ${largest.bytes} B`).toBeLessThanOrEqual(ARTICLE_BUDGET);
		}
	});

	test('every link of the larger archive resolves, letter pages included', () => {
		const report = checkLinks(distPath(created[1]!.name), { url: 'https://temp.example.org', base: '/' });
		expect(report.broken).toEqual([]);
		expect(report.files).toBeGreaterThan(400);
	}, 120_000);
});

describe('a split index under a base path (the base-path fixture, two names a page)', () => {
	const FIXTURE = 'base-path';
	const texts = ($: ReturnType<typeof readPage>, selector: string) => $(selector).map((_, element) => $(element).text().trim()).get();
	const hrefs = ($: ReturnType<typeof readPage>, selector: string) => $(selector).map((_, element) => $(element).attr('href')).get();

	test('the bylines index shows a letter bar, Latin letters first, then the scripts, and the names with the most stories', () => {
		const $ = readPage(FIXTURE, '/bylines/');
		expect(texts($, '.letter-bar a')).toEqual(['A', 'Z', 'Arabic', 'Han']);
		expect(hrefs($, '.letter-bar a')).toEqual(['/archive/bylines/letter/a/', '/archive/bylines/letter/z/', '/archive/bylines/letter/arab/', '/archive/bylines/letter/hani/']);
		expect($('.letter-bar').attr('aria-label')).toBe('Bylines by first letter');
		expect(texts($, '.group-index a')).toEqual(['Zoë Ortiz', 'Anne-Marie Dupont']);
	});

	test('a letter page lists its names alphabetically and marks its letter in the bar', () => {
		const $ = readPage(FIXTURE, '/bylines/letter/a/');
		expect($('title').text()).toMatch(/^Bylines: A — /);
		expect($('h1').text()).toBe('Bylines: A 2 names');
		expect(texts($, '.group-index a')).toEqual(['Anne Marie Dupont', 'Anne-Marie Dupont']);
		expect(texts($, '.letter-bar a[aria-current="page"]')).toEqual(['A']);
		expect(hrefs($, '.group-index a')).toEqual(['/archive/bylines/anne-marie-dupont-2/', '/archive/bylines/anne-marie-dupont/']);
	});

	test('a letter with more names than a page holds is paginated with previous and next links', () => {
		const first = readPage(FIXTURE, '/topics/letter/c/');
		expect(texts(first, '.group-index a')).toEqual(['C', 'C++']);
		expect(first('.pagination a[rel="next"]').attr('href')).toBe('/archive/topics/letter/c/page/2/');
		expect(first('.pagination a[rel="next"]').text()).toContain('Next');
		const second = readPage(FIXTURE, '/topics/letter/c/page/2/');
		expect(texts(second, '.group-index a')).toEqual(['City']);
		expect(second('title').text()).toMatch(/^Topics: C, page 2 — /);
		expect(second('.pagination a[rel="prev"]').attr('href')).toBe('/archive/topics/letter/c/');
	});

	test('the sitemap lists each letter’s first page, and a saved archive keeps every letter page', () => {
		const sitemap = readBuiltFile(FIXTURE, '/sitemap-1.xml');
		for (const letter of ['bylines/letter/a/', 'bylines/letter/hani/', 'topics/letter/c/', 'sources/letter/f/']) expect(sitemap).toContain(`<loc>https://www.example.org/archive/${encodeURI(letter)}</loc>`);
		expect(sitemap).not.toContain('letter/c/page/2/');
		const saved = readOfflineManifest(distPath(FIXTURE)).files.map(([address]) => address);
		expect(saved).toEqual(expect.arrayContaining(['/archive/bylines/', '/archive/bylines/letter/a/', '/archive/topics/letter/c/page/2/']));
	});
});

describe('a split index in Arabic (the arabic fixture, one name a page)', () => {
	test('letter pages are laid out right to left, with Arabic letters before Latin ones and their words in Arabic', () => {
		const $ = readPage('arabic', '/sources/');
		expect($('html').attr('dir')).toBe('rtl');
		expect($('.letter-bar a').map((_, element) => $(element).text()).get()).toEqual(['ص', 'و', 'F']);
		expect($('.letter-bar').attr('aria-label')).toBe('المصادر حسب الحرف الأول');
		const letter = readPage('arabic', `/bylines/letter/${encodeURIComponent('ع')}/`);
		expect(letter('title').text()).toMatch(/^الكتّاب: ع/);
		expect(letter('.group-index a').text()).toBe('عمر حداد');
		expect(letter('h1 .meta').text()).toBe('اسم واحد');
	});
});

describe('valid HTML on split indexes', () => {
	test.each([
		['base-path', ['/bylines/', '/bylines/letter/a/', '/bylines/letter/hani/', '/topics/letter/c/page/2/']],
		['arabic', ['/sources/', `/bylines/letter/${encodeURIComponent('ع')}/`, `/topics/letter/${encodeURIComponent('ا')}/page/2/`]],
	])('the %s fixture’s index and letter pages have zero html-validate errors', async (fixture, urlPaths) => {
		const validator = new HtmlValidate(new FileSystemConfigLoader());
		const errors: string[] = [];
		for (const urlPath of urlPaths) {
			const report = await validator.validateString(readBuiltFile(fixture, urlPath), urlPath);
			for (const result of report.results) for (const message of result.messages) if (message.severity === 2) errors.push(`${urlPath}:${message.line} ${message.ruleId}: ${message.message}`);
		}
		expect(errors).toEqual([]);
	});
});
