import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startSearchIndex, type IndexCounts } from '../../src/integrations/search.ts';
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

	test('fails when the site did not say how many stories it published', async () => {
		await expect(index({ a: ['en', 'Oil prices'] }, undefined).counts).rejects.toThrow(/published\.json was not built/);
	});
});
