import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { indexArchive, type IndexCounts } from '../../src/integrations/search.ts';

const folders: string[] = [];

afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A built site in miniature: story pages (lang → headline) and the published counts the site claims. */
function writeSite(stories: Record<string, [lang: string, headline: string]>, published: IndexCounts['expected']): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'clippings-index-'));
	folders.push(folder);
	for (const [slug, [lang, headline]] of Object.entries(stories)) {
		mkdirSync(path.join(folder, slug), { recursive: true });
		writeFileSync(
			path.join(folder, slug, 'index.html'),
			`<!doctype html><html lang="${lang}"><head><title>${headline}</title></head><body><nav>Latest Archive Search</nav><h1 data-pagefind-body>${headline}</h1><div data-pagefind-body><p>Words of the story ${slug}.</p></div></body></html>`,
		);
	}
	writeFileSync(path.join(folder, 'index.html'), '<!doctype html><html lang="en"><body><nav>Latest</nav><p>Home page, not a story.</p></body></html>');
	mkdirSync(path.join(folder, 'search'));
	writeFileSync(path.join(folder, 'search', 'published.json'), JSON.stringify(published));
	return folder;
}

describe('indexArchive', () => {
	test('indexes the marked stories only, per language, and returns the counts it checked', async () => {
		const folder = writeSite({ a: ['en', 'Oil prices'], b: ['en', 'Cocoa talks'], c: ['de', 'Autos'] }, { articles: 3, languages: { en: 2, de: 1 } });
		const counts = await indexArchive(folder);
		expect(counts.indexed).toEqual({ articles: 3, languages: { en: 2, de: 1 } });
	});

	test('fails, naming the numbers, when the index holds fewer stories than were published', async () => {
		const folder = writeSite({ a: ['en', 'Oil prices'], b: ['en', 'Cocoa talks'] }, { articles: 3, languages: { en: 3 } });
		const failure = await indexArchive(folder).catch((error: unknown) => error as Error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(/expected 3 stories, the index has 2 \(en: expected 3, indexed 2\)/);
		expect((failure as Error).cause).toEqual({ expected: { articles: 3, languages: { en: 3 } }, indexed: { articles: 2, languages: { en: 2 } } });
	});

	test('fails when a story is indexed under the wrong language, though the total matches', async () => {
		const folder = writeSite({ a: ['en', 'Oil prices'], b: ['en', 'Autos'] }, { articles: 2, languages: { en: 1, de: 1 } });
		await expect(indexArchive(folder)).rejects.toThrow(/de: expected 1, indexed 0/);
	});

	test('fails when the site did not say how many stories it published', async () => {
		const folder = writeSite({ a: ['en', 'Oil prices'] }, { articles: 1, languages: { en: 1 } });
		rmSync(path.join(folder, 'search', 'published.json'));
		await expect(indexArchive(folder)).rejects.toThrow(/published\.json was not built/);
	});
});
