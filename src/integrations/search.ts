/**
 * Search, built inside `astro build`: Pagefind's Node API receives one record per published story
 * (`createSearchRecord`) as soon as the content is synced, part by part (each month, or each day of a busy
 * month, an index of its own, kept in Astro's cache and indexed again only when its records change), and the
 * parts are merged into one index (`mergePagefindBundles`, in a worker thread) in a scratch folder, so
 * Pagefind's own process and the merge run on the second core while Astro writes the pages; when the pages
 * are done, the index is moved into the built site, checked against the published stories, and the offline
 * support that caches it is written beside it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { createSearchRecord, type IndexedStory, type SearchIndexRecord, type SearchRecordSite } from '../outputs/search-record.ts';
import { getSearchBundlePath, getSearchCountsPath } from '../model/urls.ts';
import { replaceFile } from '../model/replace-file.ts';
import { writeOfflineSupportInWorker } from './offline.ts';
import type { RevisionCache } from './revisions.ts';
import { linkOrCopyFile, mergeInWorker } from './pagefind-merge.ts';

/** Records handed to Pagefind before waiting for it to take them: enough to keep it busy, few enough to bound memory. */
const RECORDS_IN_FLIGHT = 256;

/**
 * How much of the index one chunk file holds, in word locations (Pagefind's `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`;
 * its default is 20,000). A search loads the chunks holding its words, so smaller chunks make a first search
 * lighter: at 10,000 stories a typed two-word query transferred 258–288 KB with the default, 193–247 KB with
 * this (an index of 5.4 MB in 308 chunks instead of 5.0 MB in 181, written no slower). Smaller still costs
 * matches: Pagefind looks for the words that begin with a query word only in the chunk holding that word, so
 * the more chunk boundaries, the more such words it misses, which Japanese queries rely on (8-character runs
 * found first: 94.0 % with the default, 92.5 % with this, 89.7 % with 5,000). Set the variable to choose another size.
 */
export const INDEX_CHUNK_SIZE = 10_000;

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
	finish(options: { outDir: URL | string; base: string; logger?: AstroIntegrationLogger; revisions?: RevisionCache }): Promise<IndexCounts>;
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
		/**
		 * Where each part's index is kept between builds (`getIndexPartsFolder`), so a build indexes again only
		 * the parts whose records changed (default: a temporary folder, so every part is indexed).
		 */
		partsDir?: string;
		/**
		 * Reuse of the last build's index: `published` is its folder in the published output (`dist/pagefind/`),
		 * `stampFile` where each build notes what its index was made from (in Astro's cache). When `allowed`, and
		 * this build's records are exactly the noted ones, and the published index is exactly the one noted, it
		 * is copied instead of built again (Pagefind cannot update an index, only build it whole).
		 */
		reuse?: { published: string; stampFile: string; allowed: boolean };
	} = {},
): SearchIndexRun {
	const { logger, recordsFile, reuse } = options;
	const started = performance.now();
	// Read by Pagefind's process when it starts, which is after this (the first index of the build).
	process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_SIZE);
	logger?.info('indexing the archive for search…');
	const scratch = options.scratchDir ?? mkdtempSync(path.join(tmpdir(), 'clippings-search-'));
	rmSync(scratch, { recursive: true, force: true });
	const list = [...stories];
	let recordsDigest: string | undefined;
	const written = (async () => {
		const partOf = getIndexPartOf(list);
		const digests = keepRecords(list, site, partOf, recordsFile);
		recordsDigest = digests.all;
		if (reuse?.allowed && isIndexReusable(reuse, recordsDigest)) {
			list.length = 0;
			linkFolder(reuse.published, scratch);
			logger?.info('the search records are those of the last build: its index is reused');
			return;
		}
		const partsDir = options.partsDir ?? mkdtempSync(path.join(tmpdir(), 'clippings-search-parts-'));
		try {
			// A cold content cache (a first build, `--force`) indexes every part, as it builds everything anew.
			const parts = await writeIndexParts(list, site, partOf, partsDir, digests.parts, reuse?.allowed ?? true);
			// The merge reads the parts from disk: the stories (with their texts) go while the pages are generated.
			list.length = 0;
			if (parts.folders.length === 0) {
				// No story published yet: Pagefind's own empty index.
				const index = await addRecords([], site);
				failOnErrors('could not write the index', await index.writeFiles({ outputPath: scratch }));
				return;
			}
			await mergeInWorker({ parts: parts.folders, out: scratch, chunkSize: getChunkSize() });
			logger?.info(`search index: ${parts.indexed} of ${parts.folders.length} part(s) indexed again, the others kept from the last build`);
		} finally {
			if (!options.partsDir) rmSync(partsDir, { recursive: true, force: true });
		}
	})();
	// A failure is reported by finish(); until then it must not surface as an unhandled rejection.
	written.catch(() => {});
	return {
		async finish({ outDir, base, logger: finishLogger = logger, revisions }) {
			const folder = typeof outDir === 'string' ? outDir : fileURLToPath(outDir);
			try {
				await written;
				const bundle = getSearchBundleFolder(folder);
				rmSync(bundle, { recursive: true, force: true });
				moveFolder(scratch, bundle);
				const counts = { expected: readExpectedCounts(folder), indexed: readIndexedCounts(bundle) };
				const mismatch = describeMismatch(counts);
				if (mismatch) throw new Error(`Clippings: the search index does not hold exactly the published stories: ${mismatch}`, { cause: counts });
				finishLogger?.info(
					`indexed ${counts.indexed.articles} stories in ${Object.keys(counts.indexed.languages).length} language(s) in ${Math.round(performance.now() - started)} ms`,
				);
				if (recordsFile) renameSync(`${recordsFile}.partial`, recordsFile);
				if (reuse && recordsDigest) writeIndexStamp(reuse.stampFile, { records: recordsDigest, ...fingerprintIndex(bundle) });
				const offline = await writeOfflineSupportInWorker({ outDir: folder, base, revisions });
				finishLogger?.info(
					`offline support: build ${offline.build}, ${offline.files} files (${(offline.bytes / 1024 / 1024).toFixed(1)} MB) to save; ${offline.hashed} of ${offline.listed} files read to hash, the others unchanged since the last build`,
				);
				return counts;
			} finally {
				rmSync(scratch, { recursive: true, force: true });
				await pagefind.close();
			}
		},
	};
}

/**
 * Writes every story's record to `recordsFile` (as `.partial` until the build succeeds), a few hundred at a
 * time so no more are held at once, and returns the digest of them all, and of each part's (`partOf`), with
 * Pagefind's version and chunk size: what the index and each of its parts are made from.
 */
function keepRecords(
	stories: readonly IndexedStory[],
	site: SearchRecordSite,
	partOf: (story: IndexedStory) => string,
	recordsFile?: string,
): { all: string; parts: Map<string, string> } {
	const made = `pagefind ${PAGEFIND_VERSION} chunks ${getChunkSize()}\n`;
	const hash = createHash('sha256').update(made);
	const partHashes = new Map<string, ReturnType<typeof createHash>>();
	const kept = recordsFile ? `${recordsFile}.partial` : undefined;
	if (kept) {
		mkdirSync(path.dirname(kept), { recursive: true });
		writeFileSync(kept, '');
	}
	for (let start = 0; start < stories.length; start += RECORDS_IN_FLIGHT) {
		const batch = stories.slice(start, start + RECORDS_IN_FLIGHT);
		const lines = batch.map((story) => `${JSON.stringify(createSearchRecord(story, site))}\n`);
		for (const [index, line] of lines.entries()) {
			hash.update(line);
			const part = partOf(batch[index]!);
			const partHash = partHashes.get(part) ?? createHash('sha256').update(made);
			partHashes.set(part, partHash.update(line));
		}
		if (kept) appendFileSync(kept, lines.join(''));
	}
	return { all: hash.digest('hex'), parts: new Map([...partHashes].map(([part, partHash]) => [part, partHash.digest('hex')])) };
}

/**
 * The most stories a month's part of the index holds: a larger month is indexed day by day, so that an edit or
 * a day's new stories index again a day of a busy month rather than the whole month (at 10,000 stories over two
 * months, half the archive). Small enough for that, large enough that an archive spread over decades is not
 * cut into tens of thousands of parts, each a start of Pagefind's indexing and a folder to merge.
 */
export const MONTH_PART_LIMIT = 1_000;

/**
 * Which part of the index each story is in: its month, `1987-02`, or its day, `1987-03-05`, when its month
 * holds more than `MONTH_PART_LIMIT` stories. The parts sort in the order of their days.
 */
export function getIndexPartOf(stories: readonly IndexedStory[]): (story: IndexedStory) => string {
	const month = (story: IndexedStory) => `${story.data.year}-${story.data.month}`;
	const counts = new Map<string, number>();
	for (const story of stories) {
		const key = month(story);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return (story) => (counts.get(month(story))! > MONTH_PART_LIMIT ? `${month(story)}-${story.data.day}` : month(story));
}

/** The chunk size Pagefind's process is started with (`INDEX_CHUNK_SIZE` unless the variable was set). */
function getChunkSize(): number {
	return Number(process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE) || INDEX_CHUNK_SIZE;
}

/**
 * Indexes each part's stories on its own (`getIndexPartOf`), one part after another (Pagefind holds only one
 * part's index in memory), into `<partsDir>/<part>/`, except the parts whose records are those noted when
 * they were written (`<part>.json`, with the part's fingerprint, so a part changed or half-written since is
 * indexed again). Unless `keep` is false, which indexes every part. Parts without stories any more (a month
 * gone, or cut into days) are deleted. Returns the parts in the order of their days.
 */
async function writeIndexParts(
	stories: readonly IndexedStory[],
	site: SearchRecordSite,
	partOf: (story: IndexedStory) => string,
	partsDir: string,
	digests: Map<string, string>,
	keep: boolean,
): Promise<{ folders: string[]; indexed: number }> {
	mkdirSync(partsDir, { recursive: true });
	const names = [...digests.keys()].sort();
	for (const entry of readdirSync(partsDir)) {
		const name = entry.replace(/\.(json|partial)$/, '');
		if (!digests.has(name) || entry.endsWith('.partial')) rmSync(path.join(partsDir, entry), { recursive: true, force: true });
	}
	const byPart = new Map<string, IndexedStory[]>();
	for (const story of stories) {
		const name = partOf(story);
		const list = byPart.get(name) ?? [];
		byPart.set(name, list);
		list.push(story);
	}
	let indexed = 0;
	for (const name of names) {
		const folder = path.join(partsDir, name);
		const stampFile = `${folder}.json`;
		if (keep && isIndexReusable({ published: folder, stampFile }, digests.get(name)!)) continue;
		rmSync(stampFile, { force: true });
		const index = await addRecords(byPart.get(name)!, site);
		failOnErrors(`could not write the index of ${name}`, await index.writeFiles({ outputPath: `${folder}.partial` }));
		await index.deleteIndex();
		rmSync(folder, { recursive: true, force: true });
		renameSync(`${folder}.partial`, folder);
		writeIndexStamp(stampFile, { records: digests.get(name)!, ...fingerprintIndex(folder) });
		indexed += 1;
	}
	return { folders: names.map((name) => path.join(partsDir, name)), indexed };
}

async function addRecords(stories: readonly IndexedStory[], site: SearchRecordSite): Promise<pagefind.PagefindIndex> {
	const { index, errors } = await pagefind.createIndex({});
	if (!index) throw new Error('Clippings: Pagefind could not start', { cause: errors });
	let pending: Promise<void>[] = [];
	for (const story of stories) {
		const record = createSearchRecord(story, site);
		pending.push(index.addCustomRecord(record).then((response) => failOnErrors(`could not index ${record.url}`, response)));
		if (pending.length >= RECORDS_IN_FLIGHT) {
			await Promise.all(pending);
			pending = [];
		}
	}
	await Promise.all(pending);
	return index;
}

/** The installed Pagefind's version: an index made by another version is not reused. */
const PAGEFIND_VERSION = readPagefindVersion();

function readPagefindVersion(): string {
	try {
		let folder = path.dirname(fileURLToPath(import.meta.resolve('pagefind')));
		while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
		return String((JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version?: unknown }).version);
	} catch {
		// Unknown: every index is new (`isIndexReusable` never matches a random version).
		return `unknown ${Math.random()}`;
	}
}

/** What an index was made from and what it holds: enough to tell it was not changed since. */
interface IndexStamp {
	/** The digest of the records (`keepRecords`). */
	records: string;
	/** The digest of `pagefind-entry.json`, which names every language's index by the hash of its content. */
	entry: string;
	files: number;
	bytes: number;
}

/** The entry's digest, and how many files and bytes the index folder holds. */
function fingerprintIndex(bundle: string): Omit<IndexStamp, 'records'> {
	const entry = createHash('sha256').update(readFileSync(path.join(bundle, 'pagefind-entry.json'))).digest('hex');
	let files = 0;
	let bytes = 0;
	for (const file of readdirSync(bundle, { recursive: true, encoding: 'utf8' })) {
		const stats = statSync(path.join(bundle, file));
		if (!stats.isFile()) continue;
		files += 1;
		bytes += stats.size;
	}
	return { entry, files, bytes };
}

function writeIndexStamp(file: string, stamp: IndexStamp): void {
	replaceFile(file, JSON.stringify(stamp));
}

/**
 * Whether the published index can serve this build: the records are the same as the noted build's, and the
 * published folder is still the index that build wrote (a build killed before publishing, or an output
 * changed by hand, leaves another one there). Anything missing or unreadable means no.
 */
export function isIndexReusable({ published, stampFile }: { published: string; stampFile: string }, records: string): boolean {
	try {
		const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Partial<IndexStamp>;
		if (stamp.records !== records) return false;
		const now = fingerprintIndex(published);
		return stamp.entry === now.entry && stamp.files === now.files && stamp.bytes === now.bytes;
	} catch {
		return false;
	}
}

/** The folder in Astro's cache folder where each part of the index is kept (`startSearchIndex`). */
export function getIndexPartsFolder(cacheDir: string): string {
	return path.join(cacheDir, 'clippings-search-parts');
}

/** The file in Astro's cache folder noting what the published index was made from (`isIndexReusable`). */
export function getIndexStampFile(cacheDir: string): string {
	return path.join(cacheDir, 'clippings-search-index.json');
}

/**
 * Makes `to` a copy of the folder `from` whose files are hard links to the same data: an index's files are
 * never changed in place (a build writes new ones; publishing moves folders, and the replaced output is only
 * deleted), so they can be shared: 100,000 fragments linked in 1.1–1.7 s where copying them took 3.6–10.6 s,
 * and no second copy of the index on disk. A file that cannot be linked (another file system, no hard links
 * there) is copied.
 */
export function linkFolder(from: string, to: string): void {
	mkdirSync(to, { recursive: true });
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) linkFolder(source, target);
		else if (entry.isFile()) linkOrCopyFile(source, target);
	}
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

/** The index's folder in a built site's folder (`dist/pagefind`). */
export function getSearchBundleFolder(outDir: string): string {
	return path.join(outDir, ...getSearchBundlePath().split('/').filter(Boolean));
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
