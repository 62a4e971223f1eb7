import { LEDGER_HOOK, reportLoaderLedger, type LoaderLedger } from '../../src/loader/loader-report.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { getPageFile, verifyBuildLedger } from '../../src/integrations/ledger.ts';
import { checkLedger, formatLedger, type BuildLedger } from '../../src/outputs/ledger.ts';

const BALANCED: BuildLedger = {
	found: 4,
	articles: 3,
	drafts: ['content/articles/draft.md'],
	ignored: [
		{ file: 'content/articles/_notes.md', reason: 'name starts with _ or .' },
		{ file: 'content/articles/widget.mdx', reason: '.mdx is never loaded: it can run code' },
	],
	pages: 3,
	missingPages: [],
	searchRecords: 3,
};

describe('checkLedger', () => {
	test('a ledger where every file is accounted for has no problems', () => {
		expect(checkLedger(BALANCED)).toEqual([]);
	});

	test('without a search index, the search count is not checked', () => {
		expect(checkLedger({ ...BALANCED, searchRecords: undefined })).toEqual([]);
	});

	test.each<[string, Partial<BuildLedger>, RegExp]>([
		['a file that became neither article nor draft', { found: 5 }, /5 Markdown files found, but only 3 articles and 1 draft came out of them: 1 unaccounted for/],
		['more articles than files', { found: 3 }, /3 Markdown files found, but 3 articles and 1 draft came out of them: 1 too many/],
		['a page that was not written', { pages: 2, missingPages: ['/2025/07/24/lost/'] }, /3 articles, but 2 article pages written; missing: \/2025\/07\/24\/lost\//],
		['a story missing from the search index', { searchRecords: 2 }, /3 articles, but the search index holds 2 records/],
		['an extra record in the search index', { searchRecords: 4 }, /the search index holds 4 records/],
		['an empty search index', { searchRecords: 0 }, /the search index holds 0 records/],
	])('%s fails the ledger', (_name, change, message) => {
		const problems = checkLedger({ ...BALANCED, ...change });
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(message);
	});

	test('every mismatch is reported at once', () => {
		expect(checkLedger({ ...BALANCED, found: 9, pages: 1, missingPages: ['/a/', '/b/'], searchRecords: 0 })).toHaveLength(3);
	});
});

describe('formatLedger', () => {
	test('prints the counts on one line, then drafts and ignored files by name', () => {
		expect(formatLedger(BALANCED).split('\n')).toEqual([
			'ledger: 4 files found = 3 articles + 1 draft; 3 pages written; 3 search records',
			'  draft: content/articles/draft.md',
			'  ignored: content/articles/_notes.md (name starts with _ or .)',
			'  ignored: content/articles/widget.mdx (.mdx is never loaded: it can run code)',
		]);
	});

	test('says when there was no search index to check', () => {
		expect(formatLedger({ ...BALANCED, searchRecords: undefined })).toMatch(/; no search index \(not checked\)$/m);
	});
});

describe('verifyBuildLedger', () => {
	const outDir = mkdtempSync(path.join(tmpdir(), 'clippings-ledger-'));
	const paths = ['/2025/07/24/harbour-reopens/', '/2025/07/24/%E6%B8%AF%E5%8F%A3/'];
	for (const articlePath of paths) {
		mkdirSync(path.dirname(getPageFile(outDir, articlePath)), { recursive: true });
		writeFileSync(getPageFile(outDir, articlePath), '<h1>x</h1>');
	}
	const loaderLedger = (ledger: Omit<LoaderLedger, 'repeats' | 'stories'>): LoaderLedger => ({ repeats: [], stories: () => [], ...ledger });
	afterAll(() => rmSync(outDir, { recursive: true, force: true }));

	test('finds each article page in the output folder, Unicode addresses included', () => {
		const loaded = loaderLedger({ found: 2, articles: 2, paths, drafts: [], ignored: [] });
		const ledger = verifyBuildLedger({ outDir, loaded, searchRecords: 2, logger: { info: () => {} } as never });
		expect(ledger.pages).toBe(2);
		expect(getPageFile(outDir, paths[1]!)).toBe(path.join(outDir, '2025', '07', '24', '港口', 'index.html'));
	});

	test('fails the build naming the article whose page was not written', () => {
		const loaded = loaderLedger({ found: 3, articles: 3, paths: [...paths, '/2025/07/25/vanished/'], drafts: [], ignored: [] });
		expect(() => verifyBuildLedger({ outDir, loaded, searchRecords: 3, logger: { info: () => {} } as never })).toThrow(/missing: \/2025\/07\/25\/vanished\//);
	});

	test('fails the build when the loader left no ledger', () => {
		expect(() => verifyBuildLedger({ outDir, loaded: undefined })).toThrow(/left no ledger/);
	});
});

describe('reportLoaderLedger', () => {
	const ledger: LoaderLedger = { found: 1, articles: 1, paths: ['/2025/07/24/harbour-reopens/'], drafts: [], ignored: [], repeats: [], stories: () => [] };

	test('hands the ledger to the integration through its clippings:articles-loaded hook', () => {
		const received: LoaderLedger[] = [];
		const integrations = [
			{ name: 'other', hooks: {} },
			{ name: 'clippings', hooks: { [LEDGER_HOOK]: (found: LoaderLedger) => received.push(found) } },
		];
		reportLoaderLedger({ integrations } as never, ledger);
		expect(received).toEqual([ledger]);
	});

	test('fails the sync, saying what to add, when no integration takes the ledger', () => {
		expect(() => reportLoaderLedger({ integrations: [{ name: 'other', hooks: {} }] } as never, ledger)).toThrow(/add clippings\(\{ … \}\) to `integrations` in astro\.config\.mjs/);
	});
});
