import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AstroIntegrationLogger } from 'astro';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { INDEX_CHUNK_SIZE, isIndexReusable, linkFolder, MONTH_PART_LIMIT, startSearchIndex, type IndexCounts } from '../../src/integrations/search.ts';
import type { IndexedStory } from '../../src/outputs/search-record.ts';
import { makeArticleEntry } from '../support/article-entry.ts';

const SITE = { lang: 'en', timeZone: 'UTC' };
const folders: string[] = [];

afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Published stories (slug → [lang, headline]) as the loader hands them to the index. */
function stories(list: Record<string, [lang: string, headline: string]>): IndexedStory[] {
	return Object.entries(list).map(([slug, [lang, title]]) => {
		const data = { title, date: '2025-07-24', bylines: [], source: 'Wire', tags: [], corrections: [], draft: false, lang, slug };
		const text = `Words of the story ${slug}.`;
		return { data: makeArticleEntry(`${slug}.md`, data, { firstParagraph: text, wordCount: 5 }, 'UTC'), html: `<p>${text}</p>`, text };
	});
}

/** A built site in miniature: only the published counts the site claims. */
function writeSite(published: IndexCounts['expected'] | undefined): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'clippings-index-'));
	folders.push(folder);
	mkdirSync(path.join(folder, 'search'));
	if (published) writeFileSync(path.join(folder, 'search', 'published.json'), JSON.stringify(published));
	return folder;
}

const index = (list: Record<string, [string, string]>, published: IndexCounts['expected'] | undefined) => {
	const folder = writeSite(published);
	return { folder, counts: startSearchIndex(stories(list), SITE).finish({ outDir: folder, base: '/' }) };
};

describe('the search index', () => {
	test('holds one record per published story, per language, and returns the counts it checked', async () => {
		const { folder, counts } = index({ a: ['en', 'Oil prices'], b: ['en', 'Cocoa talks'], c: ['de', 'Autos'] }, { articles: 3, languages: { en: 2, de: 1 } });
		expect((await counts).indexed).toEqual({ articles: 3, languages: { en: 2, de: 1 } });
		expect(readdirSync(path.join(folder, 'pagefind'))).toContain('pagefind-entry.json');
	});

	test('fails, naming the numbers, when the index holds fewer stories than were published', async () => {
		const failure = await index({ a: ['en', 'Oil prices'], b: ['en', 'Cocoa talks'] }, { articles: 3, languages: { en: 3 } }).counts.catch((error: unknown) => error as Error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(/expected 3 stories, the index has 2 \(en: expected 3, indexed 2\)/);
		expect((failure as Error).cause).toEqual({ expected: { articles: 3, languages: { en: 3 } }, indexed: { articles: 2, languages: { en: 2 } } });
	});

	test('fails when a story is indexed under the wrong language, though the total matches', async () => {
		await expect(index({ a: ['en', 'Oil prices'], b: ['en', 'Autos'] }, { articles: 2, languages: { en: 1, de: 1 } }).counts).rejects.toThrow(/de: expected 1, indexed 0/);
	});

	test('splits the index into chunks of about INDEX_CHUNK_SIZE word locations, so a search loads less of it', async () => {
		// 120 stories of 250 words found in no other story. Pagefind counts a word in a page as its locations
		// (here a weight marker and the position) plus one: 90,000 in all, which its default (20,000) writes as 5 chunks.
		const word = (n: number) => n.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)));
		const many = stories(Object.fromEntries(Array.from({ length: 120 }, (_, n) => [`s${n}`, ['en', 'Story']])));
		const long = many.map((story, n) => {
			const text = Array.from({ length: 250 }, (_, at) => `q${word(n * 250 + at)}`).join(' ');
			return { ...story, html: `<p>${text}</p>`, text };
		});
		const folder = writeSite({ articles: 120, languages: { en: 120 } });
		await startSearchIndex(long, SITE).finish({ outDir: folder, base: '/' });
		const chunks = readdirSync(path.join(folder, 'pagefind', 'index'));
		expect(chunks.length).toBeGreaterThanOrEqual(Math.floor(90_000 / INDEX_CHUNK_SIZE));
		expect(chunks.length).toBeLessThanOrEqual(Math.ceil(92_000 / INDEX_CHUNK_SIZE));
	});

	test('fails when the site did not say how many stories it published', async () => {
		await expect(index({ a: ['en', 'Oil prices'] }, undefined).counts).rejects.toThrow(/published\.json was not built/);
	});
});

describe('the index is built part by part: month by month, and day by day in a busy month', () => {
	/** Published stories (slug → [date, headline]), all in English. */
	function dated(list: Record<string, [date: string, headline: string]>): IndexedStory[] {
		return Object.entries(list).map(([slug, [date, title]]) => {
			const data = { title, date, bylines: [], source: 'Wire', tags: [], corrections: [], draft: false, lang: 'en', slug };
			const text = `Words of the story ${slug} about ${title}.`;
			return { data: makeArticleEntry(`${slug}.md`, data, { firstParagraph: text, wordCount: 7 }, 'UTC'), html: `<p>${text}</p>`, text };
		});
	}
	const list = { a: ['2025-06-10', 'Oil prices'], b: ['2025-07-24', 'Cocoa talks'], c: ['2025-07-25', 'Wheat exports'] } satisfies Record<string, [string, string]>;
	const snapshot = (folder: string) => Object.fromEntries(readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort().map((file) => [file, statSync(path.join(folder, file)).isFile() ? readFileSync(path.join(folder, file)).toString('base64') : '']));

	async function build(stories: IndexedStory[], partsDir: string) {
		const site = writeSite({ articles: stories.length, languages: { en: stories.length } });
		const messages: string[] = [];
		const logger = { info: (message: string) => messages.push(message) } as unknown as AstroIntegrationLogger;
		await startSearchIndex(stories, SITE, { logger, partsDir }).finish({ outDir: site, base: '/' });
		return { said: messages.find((message) => /part\(s\) indexed again/.test(message)), index: snapshot(path.join(site, 'pagefind')) };
	}

	test('a changed story indexes its month again and keeps the others; the index is the one a fresh build writes', async () => {
		const partsDir = mkdtempSync(path.join(tmpdir(), 'clippings-parts-'));
		folders.push(partsDir);
		expect((await build(dated(list), partsDir)).said).toMatch(/^search index: 2 of 2 part\(s\) indexed again/);
		expect((await build(dated(list), partsDir)).said).toMatch(/^search index: 0 of 2 part/);
		const changed = dated({ ...list, c: ['2025-07-25', 'Wheat exports collapse'] });
		const again = await build(changed, partsDir);
		expect(again.said).toMatch(/^search index: 1 of 2 part/);
		const fresh = mkdtempSync(path.join(tmpdir(), 'clippings-parts-'));
		folders.push(fresh);
		expect((await build(changed, fresh)).index).toEqual(again.index);
		// A cold content cache (`--force`) indexes every month again.
		const site = writeSite({ articles: 3, languages: { en: 3 } });
		const messages: string[] = [];
		const logger = { info: (message: string) => messages.push(message) } as unknown as AstroIntegrationLogger;
		const reuse = { published: path.join(partsDir, 'none'), stampFile: path.join(partsDir, 'none.json'), allowed: false };
		await startSearchIndex(changed, SITE, { logger, partsDir, reuse }).finish({ outDir: site, base: '/' });
		expect(messages).toContainEqual(expect.stringMatching(/^search index: 2 of 2 part/));
	});

	test('a part changed or half-written since it was noted is indexed again; a month without stories goes', async () => {
		const partsDir = mkdtempSync(path.join(tmpdir(), 'clippings-parts-'));
		folders.push(partsDir);
		const first = await build(dated(list), partsDir);
		const fragments = path.join(partsDir, '2025-06', 'fragment');
		rmSync(path.join(fragments, readdirSync(fragments)[0]!));
		mkdirSync(path.join(partsDir, '2025-07.partial'));
		const repaired = await build(dated(list), partsDir);
		expect(repaired.said).toMatch(/^search index: 1 of 2 part/);
		expect(repaired.index).toEqual(first.index);
		expect(readdirSync(partsDir).sort()).toEqual(['2025-06', '2025-06.json', '2025-07', '2025-07.json']);
		const { a: _gone, ...july } = list;
		expect((await build(dated(july), partsDir)).said).toMatch(/^search index: 0 of 1 part/);
		expect(readdirSync(partsDir).sort()).toEqual(['2025-07', '2025-07.json']);
	});

	test('a month of more than MONTH_PART_LIMIT stories is indexed day by day: a new story indexes its day again', async () => {
		const partsDir = mkdtempSync(path.join(tmpdir(), 'clippings-parts-'));
		folders.push(partsDir);
		// One story in June; in July, the limit's worth plus one, spread over the month's 31 days.
		const busy = (extra: Record<string, [string, string]> = {}) =>
			dated({
				june: ['2025-06-10', 'Oil prices'],
				...Object.fromEntries(Array.from({ length: MONTH_PART_LIMIT + 1 }, (_, n) => [`s${n}`, [`2025-07-${String((n % 31) + 1).padStart(2, '0')}`, `Story ${n}`]])),
				...extra,
			});
		expect((await build(busy(), partsDir)).said).toMatch(/^search index: 32 of 32 part\(s\) indexed again/);
		const days = Array.from({ length: 31 }, (_, n) => `2025-07-${String(n + 1).padStart(2, '0')}`);
		expect(readdirSync(partsDir).filter((entry) => !entry.endsWith('.json')).sort()).toEqual(['2025-06', ...days]);
		const added = await build(busy({ late: ['2025-07-24', 'A late story about cocoa'] }), partsDir);
		expect(added.said).toMatch(/^search index: 1 of 32 part/);
		const fresh = mkdtempSync(path.join(tmpdir(), 'clippings-parts-'));
		folders.push(fresh);
		expect((await build(busy({ late: ['2025-07-24', 'A late story about cocoa'] }), fresh)).index).toEqual(added.index);
		// July back under the limit: one part again, and its day parts are gone.
		const quiet = dated({ june: ['2025-06-10', 'Oil prices'], july: ['2025-07-24', 'Cocoa talks'] });
		expect((await build(quiet, partsDir)).said).toMatch(/^search index: 1 of 2 part/);
		expect(readdirSync(partsDir).sort()).toEqual(['2025-06', '2025-06.json', '2025-07', '2025-07.json']);
	});
});

describe('an unchanged archive keeps its search index', () => {
	const list = { a: ['en', 'Oil prices'], b: ['en', 'Cocoa talks'] } satisfies Record<string, [string, string]>;
	const published = { articles: 2, languages: { en: 2 } };
	const snapshot = (folder: string) => Object.fromEntries(readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort().map((file) => [file, statSync(path.join(folder, file)).isFile() ? readFileSync(path.join(folder, file)).toString('base64') : '']));

	/** Builds an index into a fresh site with reuse of `live` (the published index) noted in `stamp`, and "publishes" it. */
	async function build(stories: IndexedStory[], live: string, stampFile: string, allowed = true) {
		const site = writeSite(published);
		const messages: string[] = [];
		const logger = { info: (message: string) => messages.push(message) } as unknown as AstroIntegrationLogger;
		await startSearchIndex(stories, SITE, { logger, reuse: { published: live, stampFile, allowed } }).finish({ outDir: site, base: '/' });
		rmSync(live, { recursive: true, force: true });
		cpSync(path.join(site, 'pagefind'), live, { recursive: true });
		return { reused: messages.some((message) => /index is reused/.test(message)), index: snapshot(live) };
	}

	function places() {
		const root = mkdtempSync(path.join(tmpdir(), 'clippings-reuse-'));
		folders.push(root);
		return { live: path.join(root, 'dist', 'pagefind'), stampFile: path.join(root, 'cache', 'clippings-search-index.json') };
	}

	test('the same records reuse the published index, which is the index Pagefind would write again', async () => {
		const { live, stampFile } = places();
		const first = await build(stories(list), live, stampFile);
		expect(first.reused).toBe(false);
		const second = await build(stories(list), live, stampFile);
		expect(second.reused).toBe(true);
		expect(second.index).toEqual(first.index);
		const fresh = places();
		expect((await build(stories(list), fresh.live, fresh.stampFile)).index).toEqual(first.index);
	});

	test('the reused index shares its files with the published one (hard links), which are left as they were', async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'clippings-link-'));
		folders.push(root);
		const from = path.join(root, 'dist', 'pagefind');
		mkdirSync(path.join(from, 'fragment'), { recursive: true });
		writeFileSync(path.join(from, 'pagefind-entry.json'), '{"version":"1.6.0"}');
		writeFileSync(path.join(from, 'fragment', 'en_1.pf_fragment'), 'story one');
		linkFolder(from, path.join(root, 'next'));
		for (const file of ['pagefind-entry.json', path.join('fragment', 'en_1.pf_fragment')]) {
			expect(statSync(path.join(root, 'next', file)).ino).toBe(statSync(path.join(from, file)).ino);
		}
		expect(readFileSync(path.join(root, 'next', 'fragment', 'en_1.pf_fragment'), 'utf8')).toBe('story one');
		rmSync(from, { recursive: true });
		expect(readFileSync(path.join(root, 'next', 'pagefind-entry.json'), 'utf8')).toBe('{"version":"1.6.0"}');
		expect(() => linkFolder(path.join(root, 'next'), path.join(root, 'next'))).toThrow(/EEXIST/);
	});

	test('a changed story builds the index again', async () => {
		const { live, stampFile } = places();
		await build(stories(list), live, stampFile);
		const changed = await build(stories({ ...list, b: ['en', 'Cocoa talks collapse'] }), live, stampFile);
		expect(changed.reused).toBe(false);
	});

	test('a published index that is not the one noted (changed, or from a build that never published) is not trusted', async () => {
		const { live, stampFile } = places();
		await build(stories(list), live, stampFile);
		const fragment = readdirSync(path.join(live, 'fragment'))[0]!;
		rmSync(path.join(live, 'fragment', fragment));
		expect(isIndexReusable({ published: live, stampFile }, 'anything')).toBe(false);
		const again = await build(stories(list), live, stampFile);
		expect(again.reused).toBe(false);
		expect(readdirSync(path.join(live, 'fragment'))).toContain(fragment);
	});

	test('a build told not to reuse (a cold content cache) builds the index, and notes it for the next', async () => {
		const { live, stampFile } = places();
		await build(stories(list), live, stampFile);
		expect((await build(stories(list), live, stampFile, false)).reused).toBe(false);
		expect((await build(stories(list), live, stampFile)).reused).toBe(true);
	});

	test('without a note, or with a damaged one, nothing is reused', async () => {
		const { live, stampFile } = places();
		expect(isIndexReusable({ published: live, stampFile }, 'x')).toBe(false);
		await build(stories(list), live, stampFile);
		writeFileSync(stampFile, '{"records": ');
		expect((await build(stories(list), live, stampFile)).reused).toBe(false);
	});
});
