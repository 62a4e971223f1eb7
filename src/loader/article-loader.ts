import { availableParallelism } from 'node:os';
import { statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataStore, Loader } from 'astro/loaders';
import { assignAddresses, formatRepeat, type Addressable, type ArticleAddress } from '../model/article-address.ts';
import { ArticleEntrySchema, createArticleEntry, type ArticleEntryData } from '../model/article-entry.ts';
import { findArticleFiles } from '../model/article-index.ts';
import { forEachLimited } from '../model/for-each-limited.ts';
import type { ArticleFrontMatter } from '../model/article-schema.ts';
import { formatProblem, type ArticleProblem } from '../model/parse-article.ts';
import type { IndexedStory } from '../outputs/search-record.ts';
import { fingerprintArticleImages, IMAGE_IMPORT_PREFIX, listShownPhotos, type ArticleImagePolicy } from './article-images.ts';
import { prepareFile } from './prepare-file.ts';
import { reportLoaderLedger } from './loader-report.ts';
import { RenderPool } from './render-pool.ts';
import { describeStrayYear, findShardOfYear, getStorySelection, isYearSelected, type Shard } from '../model/shards.ts';
import { getTextCacheFile, readTextCache, writeTextCache } from './text-cache.ts';
import { createFileStamp, getFileStampsFile, getStampedDigest, readFileStamps, writeFileStamps, type FileStamp } from './file-stamps.ts';

/** Bump when rendering changes in a way that should invalidate every cached article. */
const RENDERER_VERSION = '7';

/**
 * Files read at once. Each one is read, parsed and rendered before its slot is free again, so open files and
 * memory stay bounded however large the archive (the default limit of open files is often 1,024).
 */
const FILES_IN_FLIGHT = 64;

/** How often a long sync says how far it has got. */
const PROGRESS_EVERY_MS = 5_000;

/** Options of the articles loader. */
export interface ArticleLoaderOptions {
	/** Folder that holds `articles/`, relative to the project root. */
	content: string;
	timeZone: string;
	/** Whether articles may point at photos by https:// address (see `remoteImages` in the site settings). */
	remoteImages: boolean;
	/** The archive's shards, when it is built in parts (`shards` in the site settings). */
	shards?: Shard[] | undefined;
	/** The shard this build makes (`CLIPPINGS_SHARD`): only the stories of its years are rendered and published. */
	shard?: string | undefined;
}

/** An entry as the content store keeps it. */
type DataEntry = NonNullable<ReturnType<DataStore['get']>>;

/** A file as the sync first looks at it, before reading any. */
interface Look {
	stored: DataEntry | undefined;
	/** What its stored entry's digest covers besides its bytes (`contextOf`). */
	storedContext: string | undefined;
	lookedAt: number;
	stat: Stats;
	/** The digest its stamp gives, when the stamp still holds (`file-stamps.ts`). */
	digest: string | undefined;
	/** New, or its stamp no longer holds: it will most likely be rendered. */
	changed: boolean;
}

/** One published article on its way into the store: its front-matter and, when it was (re)rendered, its body. */
interface Candidate {
	file: string;
	digest: string;
	data: ArticleFrontMatter;
	/** The stored entry it can reuse, when the file is unchanged since the last build. */
	stored?: DataEntry;
	/** Its date as the stored entry has it parsed: the digest covers the file and the time zone. */
	parsed?: Addressable['parsed'];
	rendered?: { html: string; text: string; firstParagraph: string; wordCount: number; images: { local: string[] } };
	/** The story's plain text, for the search index (`text-cache.ts`). */
	text: string;
	/** The lead photo and the text's photos, checked and handed to Astro's image pipeline. */
	photos?: Record<string, unknown>;
}

/**
 * The `articles` collection loader. Each file is read once (a bounded number at a time), skipped when its
 * digest matches the stored entry, otherwise parsed and rendered once in a worker thread (`prepareArticle`);
 * then the whole archive is addressed once (`assignAddresses`) and each entry is put together once
 * (`createArticleEntry`). Any invalid file, `slug` claimed twice or render error fails the sync, naming the files.
 */
export function articleLoader(options: ArticleLoaderOptions): Loader {
	return {
		name: 'clippings-articles',
		schema: ArticleEntrySchema,
		async load({ store, logger, generateDigest, config, watcher }) {
			const root = fileURLToPath(config.root);
			const textsFile = getTextCacheFile(fileURLToPath(config.cacheDir));
			const directory = path.resolve(root, options.content, 'articles');
			const imagePolicy: ArticleImagePolicy = { root, contentDirectory: path.resolve(root, options.content), remoteImages: options.remoteImages };
			const selection = getStorySelection(options.shards, options.shard, options.timeZone);
			// A story is unchanged when its file and every photo it shows are: the photos' sizes and times are in the digest.
			const contextOf = async (file: string, data: Record<string, unknown> | undefined) =>
				`${RENDERER_VERSION}\n${options.timeZone}\n${options.remoteImages}\n${file}\n${data ? await fingerprintArticleImages(file, getLeadPhoto(data), getBodyPhotos(data), imagePolicy) : ''}`;
			const digestOf = (context: string, bytes: Buffer) => generateDigest(`${context}\n${bytes.toString('latin1')}`);
			const stampsFile = getFileStampsFile(fileURLToPath(config.cacheDir));

			const sync = async () => {
				const started = performance.now();
				const found = await findArticleFiles(directory, root);
				const { files } = found;
				const keptTexts = readTextCache(textsFile);
				const stamps = readFileStamps(stampsFile);
				const nextStamps = new Map<string, FileStamp>();
				let read = 0;
				const storedByFile = new Map<string, DataEntry>();
				for (const entry of store.values()) if (entry.filePath) storedByFile.set(entry.filePath, entry);

				const candidates: Candidate[] = [];
				const drafts: string[] = [];
				/** Valid files dated outside this build's years, by year: other shards build them. */
				const outside: { file: string; year: number }[] = [];
				const problems: ArticleProblem[] = [];
				let pool: RenderPool | undefined;
				let done = 0;
				let lastProgress = performance.now();
				// First every file is looked at (its size and times), which is quick, so that the render workers,
				// which take a second to load the renderer, start at once when a file is new or has changed.
				const looks = new Map<string, Look>();
				await forEachLimited(files, FILES_IN_FLIGHT, async (file) => {
					const stored = storedByFile.get(file);
					const storedContext = stored && (await contextOf(file, stored.data));
					// Looked at before it is read: a write after this changes what the next build sees.
					const lookedAt = Date.now();
					const stat = statSync(path.join(root, file));
					const stamp = stamps.get(file);
					const digest = storedContext === undefined ? undefined : getStampedDigest(stamp, stat, storedContext);
					looks.set(file, { stored, storedContext, lookedAt, stat, digest, changed: !stored || (stamp !== undefined && digest !== stamp.digest) });
				});
				const changed = [...looks.values()].filter((look) => look.changed).length;
				if (changed > 0) pool = new RenderPool(Math.min(changed, availableParallelism()));

				await forEachLimited(files, FILES_IN_FLIGHT, async (file) => {
					const { stored, storedContext, lookedAt, stat } = looks.get(file)!;
					let { digest } = looks.get(file)!;
					const keptText = stored?.digest === undefined ? undefined : keptTexts.get(String(stored.digest));
					let bytes: Buffer | undefined;
					const readBytes = async () => {
						read++;
						return readFile(path.join(root, file));
					};
					if (digest === undefined) {
						bytes = await readBytes();
						if (storedContext !== undefined) digest = digestOf(storedContext, bytes);
					}
					if (stored && storedContext !== undefined && keptText !== undefined && digest !== undefined && stored.digest === digest) {
						const stamp = createFileStamp(stat, storedContext, digest, lookedAt);
						if (stamp) nextStamps.set(file, stamp);
						const year = Number((stored.data as ArticleEntryData).year);
						if (selection && !isYearSelected(selection, year)) outside.push({ file, year });
						else candidates.push({ file, digest, data: getFrontMatter(stored.data as ArticleEntryData), parsed: getParsedDate(stored.data as ArticleEntryData), stored, text: keptText });
					} else {
						bytes ??= await readBytes();
						pool ??= new RenderPool(Math.min(files.length, availableParallelism()));
						const prepared = await prepareFile(pool, bytes, file, imagePolicy, selection);
						if (prepared.kind === 'refused') problems.push(...prepared.problems);
						else if (prepared.kind === 'draft') drafts.push(file);
						else if (prepared.kind === 'elsewhere') outside.push({ file, year: prepared.year });
						else {
							const { photos } = prepared;
							problems.push(...photos.problems);
							photos.warnings.forEach((warning) => logger.warn(warning));
							const context = await contextOf(file, photos.fields as unknown as Record<string, unknown>);
							const rendered = digestOf(context, bytes);
							const stamp = createFileStamp(stat, context, rendered, lookedAt);
							if (stamp) nextStamps.set(file, stamp);
							candidates.push({ file, digest: rendered, data: prepared.data, rendered: { ...prepared.rendered, html: photos.html }, photos: { ...photos.fields }, text: prepared.rendered.text });
						}
					}
					done++;
					if (performance.now() - lastProgress > PROGRESS_EVERY_MS) {
						lastProgress = performance.now();
						logger.info(`${done} of ${files.length} files read`);
					}
				});
				await (pool as RenderPool | undefined)?.close();

				const book = assignAddresses(
					candidates.sort((a, b) => (a.file < b.file ? -1 : 1)),
					options.timeZone,
				);
				problems.push(...book.problems);
				const elsewhere: { file: string; shard: string }[] = [];
				for (const { file, year } of outside) {
					const shard = findShardOfYear(options.shards ?? [], year);
					if (shard) elsewhere.push({ file, shard: shard.name });
					else problems.push({ file, field: 'date', message: describeStrayYear(year, options.shards ?? []) });
				}
				if (problems.length > 0) {
					const lines = problems.map(formatProblem).sort();
					throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''} in ${path.relative(root, directory)}:\n  ${lines.join('\n  ')}`);
				}

				const ids = new Set(book.addressed.map(({ address }) => address.id));
				for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
				let rendered = 0;
				const texts = new Map<string, string>();
				for (const { article, address } of book.addressed) {
					if (article.rendered) rendered++;
					texts.set(article.digest, article.text);
					const entry = toStoreEntry(article, address, options.timeZone);
					if (entry && entry === article.stored) store.delete(entry.id);
					if (entry) store.set(entry);
				}

				if (rendered > 0 || texts.size !== keptTexts.size) writeTextCache(textsFile, texts);
				writeFileStamps(stampsFile, nextStamps);

				// Photos kept next to their articles are published with them, not ignored.
				const shownPhotos = listShownPhotos(store.values());
				const ignored = found.ignored.filter((skip) => !shownPhotos.has(skip.file));
				reportLoaderLedger(config, {
					found: files.length,
					articles: ids.size,
					paths: book.addressed.map(({ address }) => address.path),
					drafts: drafts.sort(),
					elsewhere: elsewhere.sort((a, b) => (a.file < b.file ? -1 : 1)),
					ignored,
					repeats: book.repeats,
					unchanged: ids.size - rendered,
					stories: handOverOnce(() => readIndexedStories(store, texts)),
				});
				const seconds = ((performance.now() - started) / 1000).toFixed(1);
				logger.info(
					`${ids.size} articles (${rendered} rendered, ${ids.size - rendered} unchanged) from ${files.length} files (${read} read, the others unchanged in size and times) in ${seconds} s` +
						(drafts.length ? `; ${drafts.length} drafts left out: ${drafts.join(', ')}` : '') +
						(elsewhere.length ? `; ${elsewhere.length} built by other shards` : '') +
						(ignored.length ? `; ${ignored.length} files ignored: ${ignored.map((skip) => `${skip.file} (${skip.reason})`).join(', ')}` : ''),
				);
				if (book.repeats.length > 0) {
					logger.info(`${book.repeats.length} repeated headline${book.repeats.length > 1 ? 's' : ''} published under a suffixed address:\n  ${book.repeats.map(formatRepeat).join('\n  ')}`);
				}
			};

			await sync();
			if (watcher) {
				watcher.add(directory);
				watcher.on('all', (_event, changed) => {
					if (changed.startsWith(directory)) sync().catch((error: Error) => logger.error(error.message));
				});
			}
		},
	};
}

/**
 * The store entry for an addressed article, or `undefined` when the stored one is still right (same file,
 * same address). An unchanged file whose address moved (a repeated headline arrived earlier that day) keeps
 * its rendered body and only takes the new address.
 */
function toStoreEntry(candidate: Candidate, address: ArticleAddress, timeZone: string) {
	const { file, digest, stored, rendered } = candidate;
	if (rendered) {
		const data = { ...createArticleEntry({ file, data: candidate.data, address, rendered, timeZone }), ...candidate.photos };
		return { id: address.id, data, digest, filePath: file, rendered: { html: rendered.html, metadata: { imagePaths: rendered.images.local } } };
	}
	if (!stored) return undefined;
	// Astro rewrites its list of images to import only when an entry with images is set: set a kept entry's photos again.
	if (stored.id === address.id) return stored.assetImports?.length || stored.rendered?.metadata?.imagePaths?.length ? stored : undefined;
	const { year, month, day, slug, path: articlePath } = address;
	return { ...stored, id: address.id, data: { ...stored.data, year, month, day, slug, path: articlePath } };
}

/**
 * `read`, callable once: the loader's report keeps the stories' texts (300 MB at 100,000 stories) only until the
 * search index has taken them, not for the rest of the build, when the pages load the whole archive.
 */
function handOverOnce<T>(read: () => T): () => T {
	let pending: (() => T) | undefined = read;
	return () => {
		if (!pending) throw new Error('Clippings: the published stories were already handed to the search index');
		const next = pending;
		pending = undefined;
		return next();
	};
}

/**
 * The published stories as the search index reads them, straight from the store, one at a time, in address
 * order: the index's files depend on the order records arrive in, and the store's order depends on which
 * files changed, so a rebuild would otherwise write a different index than a clean build of the same archive.
 */
function* readIndexedStories(store: DataStore, texts: ReadonlyMap<string, string>): Iterable<IndexedStory> {
	for (const entry of [...store.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		const text = entry.digest === undefined ? undefined : texts.get(String(entry.digest));
		if (text === undefined) throw new Error(`Clippings: no text was kept for ${entry.filePath ?? entry.id}, so it cannot be indexed`);
		yield { data: entry.data as ArticleEntryData, html: entry.rendered?.html ?? '', text };
	}
}

/**
 * The lead photo's file as an entry names it, for the digest: with Astro's import prefix when just checked,
 * without it once the store has taken the import (`./harbour.jpg` either way); a remote photo has no file.
 */
function getLeadPhoto(data: Record<string, unknown>): { src: string; alt: string } | undefined {
	const src = (data.image as { src?: unknown } | undefined)?.src;
	if (typeof src !== 'string') return undefined;
	const file = src.startsWith(IMAGE_IMPORT_PREFIX) ? src.slice(IMAGE_IMPORT_PREFIX.length) : src;
	return /^(?:https?:)?\/\//i.test(file) ? undefined : { src: file, alt: '' };
}

/** The text's photos as a stored entry lists them. */
function getBodyPhotos(data: Record<string, unknown>): { path: string }[] | undefined {
	return data.bodyImages as { path: string }[] | undefined;
}

/** A stored entry's date as it was parsed (the instant and its calendar day in the archive's zone), for `assignAddresses`. */
function getParsedDate(entry: ArticleEntryData): Addressable['parsed'] {
	return entry.published instanceof Date ? { published: entry.published, year: entry.year, month: entry.month, day: entry.day } : undefined;
}

/** The front-matter part of a stored entry, as `assignAddresses` reads it again on the next sync. */
function getFrontMatter(entry: ArticleEntryData): ArticleFrontMatter {
	return { ...entry, slug: entry.claimedSlug } as unknown as ArticleFrontMatter;
}
