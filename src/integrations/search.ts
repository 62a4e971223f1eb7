/**
 * Search, built inside `astro build`: Pagefind's Node API indexes the pages just written, the index is
 * checked against the published stories, and the offline support that caches it is written beside it.
 * Called once from the Clippings integration's `astro:build:done` hook.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { getSearchBundlePath, getSearchCountsPath } from '../lib/urls.ts';
import { writeOfflineSupport } from './offline.ts';

/** What the search build needs from Astro. */
export interface SearchBuildOptions {
	/** The build's output folder (`dir` of `astro:build:done`). */
	outDir: URL | string;
	/** The site's base path, `/` or `/archive/`. */
	base: string;
	logger?: AstroIntegrationLogger;
}

/** How many stories the index holds against how many it must, per language. */
export interface IndexCounts {
	expected: { articles: number; languages: Record<string, number> };
	indexed: { articles: number; languages: Record<string, number> };
}

/**
 * Indexes the built archive and writes its offline support. Throws (failing the build) when Pagefind
 * reports an error or when the index does not hold exactly the published stories.
 */
export async function writeSearch({ outDir, base, logger }: SearchBuildOptions): Promise<IndexCounts> {
	const folder = typeof outDir === 'string' ? outDir : fileURLToPath(outDir);
	const started = performance.now();
	logger?.info('indexing the archive for search…');
	const counts = await indexArchive(folder);
	logger?.info(`indexed ${counts.indexed.articles} stories in ${Object.keys(counts.indexed.languages).length} language(s) in ${Math.round(performance.now() - started)} ms`);
	const offline = writeOfflineSupport({ outDir: folder, base });
	logger?.info(`offline support: build ${offline.build}, ${offline.files} files (${(offline.bytes / 1024 / 1024).toFixed(1)} MB) to save`);
	return counts;
}

/**
 * Runs Pagefind over `folder` (only the parts marked `data-pagefind-body` are indexed) and checks the
 * written index against `search/published.json`.
 */
export async function indexArchive(folder: string): Promise<IndexCounts> {
	const expected = readExpectedCounts(folder);
	const bundle = path.join(folder, ...getSearchBundlePath().split('/').filter(Boolean));
	rmSync(bundle, { recursive: true, force: true });
	try {
		const { index, errors } = await pagefind.createIndex({});
		if (!index) throw new Error('Clippings: Pagefind could not start', { cause: errors });
		failOnErrors('could not read the built pages', await index.addDirectory({ path: folder }));
		failOnErrors('could not write the index', await index.writeFiles({ outputPath: bundle }));
	} finally {
		await pagefind.close();
	}
	const indexed = readIndexedCounts(bundle);
	const counts = { expected, indexed };
	const mismatch = describeMismatch(counts);
	if (mismatch) {
		throw new Error(`Clippings: the search index does not hold exactly the published stories: ${mismatch}`, { cause: counts });
	}
	return counts;
}

/**
 * What is wrong with an index's counts, in words, or `undefined` when they match: the total and every
 * language must be equal.
 * @example describeMismatch({ expected: { articles: 3, languages: { en: 3 } }, indexed: { articles: 2, languages: { en: 2 } } })
 * // 'expected 3 stories, the index has 2 (en: expected 3, indexed 2)'
 */
export function describeMismatch({ expected, indexed }: IndexCounts): string | undefined {
	const languages = [...new Set([...Object.keys(expected.languages), ...Object.keys(indexed.languages)])].sort();
	const differing = languages
		.filter((lang) => (expected.languages[lang] ?? 0) !== (indexed.languages[lang] ?? 0))
		.map((lang) => `${lang}: expected ${expected.languages[lang] ?? 0}, indexed ${indexed.languages[lang] ?? 0}`);
	if (expected.articles === indexed.articles && differing.length === 0) return undefined;
	return `expected ${expected.articles} stories, the index has ${indexed.articles}${differing.length ? ` (${differing.join('; ')})` : ''}`;
}

function readExpectedCounts(folder: string): IndexCounts['expected'] {
	const file = path.join(folder, ...getSearchCountsPath().split('/').filter(Boolean));
	if (!existsSync(file)) throw new Error(`Clippings: ${file} was not built, so the search index cannot be checked`);
	return JSON.parse(readFileSync(file, 'utf8')) as IndexCounts['expected'];
}

function readIndexedCounts(bundle: string): IndexCounts['indexed'] {
	const entry = JSON.parse(readFileSync(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as {
		languages: Record<string, { page_count: number }>;
	};
	const languages = Object.fromEntries(Object.entries(entry.languages).map(([lang, { page_count }]) => [lang, page_count]));
	return { articles: Object.values(languages).reduce((sum, count) => sum + count, 0), languages };
}

function failOnErrors(what: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) throw new Error(`Clippings: Pagefind ${what}: ${response.errors.join('; ')}`, { cause: response.errors });
}
