/**
 * Search, built inside `astro build`: Pagefind's Node API receives one record per published story
 * (`createSearchRecord`) as soon as the content is synced, and writes the index into a scratch folder at
 * once, so Pagefind's own process indexes on the second core while Astro writes the pages; when the pages are
 * done, the index is moved into the built site, checked against the published stories, and the offline
 * support that caches it is written beside it.
 */
import { createReadStream, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { createSearchRecord, type IndexedStory, type SearchIndexRecord, type SearchRecordSite } from '../outputs/search-record.ts';
import { getSearchBundlePath, getSearchCountsPath } from '../model/urls.ts';
import { writeOfflineSupport } from './offline.ts';

/** Records handed to Pagefind before waiting for it to take them: enough to keep it busy, few enough to bound memory. */
const RECORDS_IN_FLIGHT = 256;

/** How many stories the index holds against how many it must, per language. */
export interface IndexCounts {
	expected: { articles: number; languages: Record<string, number> };
	indexed: { articles: number; languages: Record<string, number> };
}

/** An index being built: started early, finished once the pages are written. */
export interface SearchIndexRun {
	/**
	 * Writes the index into the built site and its offline support beside it. Throws (failing the build) when
	 * Pagefind reported an error or the index does not hold exactly the published stories.
	 */
	finish(options: { outDir: URL | string; base: string; logger?: AstroIntegrationLogger }): Promise<IndexCounts>;
}

/**
 * Starts indexing the published stories in Pagefind's process and returns at once, so page generation and
 * indexing overlap.
 */
export function startSearchIndex(
	stories: Iterable<IndexedStory>,
	site: SearchRecordSite,
	options: {
		logger?: AstroIntegrationLogger;
		/** Where the records are kept for the portable copy (`readSearchRecords`). */
		recordsFile?: string;
		/** A scratch folder the index is written into while the pages are generated (default: a temporary folder). */
		scratchDir?: string;
	} = {},
): SearchIndexRun {
	const { logger, recordsFile } = options;
	const started = performance.now();
	logger?.info('indexing the archive for search…');
	const scratch = options.scratchDir ?? mkdtempSync(path.join(tmpdir(), 'clippings-search-'));
	rmSync(scratch, { recursive: true, force: true });
	const written = addRecords(stories, site, recordsFile).then(async (index) => {
		failOnErrors('could not write the index', await index.writeFiles({ outputPath: scratch }));
	});
	// A failure is reported by finish(); until then it must not surface as an unhandled rejection.
	written.catch(() => {});
	return {
		async finish({ outDir, base, logger: finishLogger = logger }) {
			const folder = typeof outDir === 'string' ? outDir : fileURLToPath(outDir);
			try {
				await written;
				const bundle = path.join(folder, ...getSearchBundlePath().split('/').filter(Boolean));
				rmSync(bundle, { recursive: true, force: true });
				moveFolder(scratch, bundle);
				const counts = { expected: readExpectedCounts(folder), indexed: readIndexedCounts(bundle) };
				const mismatch = describeMismatch(counts);
				if (mismatch) throw new Error(`Clippings: the search index does not hold exactly the published stories: ${mismatch}`, { cause: counts });
				finishLogger?.info(
					`indexed ${counts.indexed.articles} stories in ${Object.keys(counts.indexed.languages).length} language(s) in ${Math.round(performance.now() - started)} ms`,
				);
				if (recordsFile) renameSync(`${recordsFile}.partial`, recordsFile);
				const offline = writeOfflineSupport({ outDir: folder, base });
				finishLogger?.info(`offline support: build ${offline.build}, ${offline.files} files (${(offline.bytes / 1024 / 1024).toFixed(1)} MB) to save`);
				return counts;
			} finally {
				rmSync(scratch, { recursive: true, force: true });
				await pagefind.close();
			}
		},
	};
}

async function addRecords(stories: Iterable<IndexedStory>, site: SearchRecordSite, recordsFile?: string): Promise<pagefind.PagefindIndex> {
	const { index, errors } = await pagefind.createIndex({});
	if (!index) throw new Error('Clippings: Pagefind could not start', { cause: errors });
	const kept = recordsFile ? `${recordsFile}.partial` : undefined;
	if (kept) {
		mkdirSync(path.dirname(kept), { recursive: true });
		writeFileSync(kept, '');
	}
	let lines: string[] = [];
	let pending: Promise<void>[] = [];
	for (const story of stories) {
		const record = createSearchRecord(story, site);
		if (kept) lines.push(JSON.stringify(record));
		pending.push(index.addCustomRecord(record).then((response) => failOnErrors(`could not index ${record.url}`, response)));
		if (pending.length >= RECORDS_IN_FLIGHT) {
			await Promise.all(pending);
			pending = [];
			if (kept) appendFileSync(kept, `${lines.join('\n')}\n`);
			lines = [];
		}
	}
	await Promise.all(pending);
	if (kept && lines.length > 0) appendFileSync(kept, `${lines.join('\n')}\n`);
	return index;
}

/** Moves a folder, copying it when the destination is on another file system. */
function moveFolder(from: string, to: string): void {
	mkdirSync(path.dirname(to), { recursive: true });
	try {
		renameSync(from, to);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
		cpSync(from, to, { recursive: true });
		rmSync(from, { recursive: true, force: true });
	}
}

/** The file in Astro's cache folder where a build keeps its search records for the portable copy. */
export function getSearchRecordsFile(cacheDir: string): string {
	return path.join(cacheDir, 'clippings-search-records.jsonl');
}

/** The search records the last build indexed, one at a time, as `npm run build:portable` indexes them again. */
export async function* readSearchRecords(file: string): AsyncIterable<SearchIndexRecord> {
	if (!existsSync(file)) throw new Error(`Clippings: ${file} was not found; run astro build first (it keeps the search records there)`);
	for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
		if (line) yield JSON.parse(line) as SearchIndexRecord;
	}
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
