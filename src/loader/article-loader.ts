import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { ArticleEntrySchema, createArticleEntry } from '../lib/article-entry.ts';
import { findArticleFiles, indexArticles, type IndexedArticle, type SkippedFile } from '../lib/article-index.ts';
import { formatProblem, type ArticleProblem } from '../lib/parse-article.ts';
import { fingerprintArticleImages, listShownPhotos, resolveArticleImages, type ArticleImagePolicy } from './article-images.ts';
import { RenderPool } from './render-pool.ts';

/** Bump when rendering changes in a way that should invalidate every cached article. */
const RENDERER_VERSION = '4';

/** Options of the articles loader. */
export interface ArticleLoaderOptions {
	/** Folder that holds `articles/`, relative to the project root. */
	content: string;
	timeZone: string;
	/** Whether articles may point at photos by https:// address (see `remoteImages` in the site settings). */
	remoteImages: boolean;
}

/** What the loader found, for the build's ledger. */
export interface LoaderLedger {
	found: number;
	articles: number;
	/** Root-relative addresses of the valid articles, so the build can check each page was written. */
	paths: string[];
	drafts: string[];
	ignored: SkippedFile[];
}

/** Where the loader leaves its ledger for the integration's end-of-build check. */
export const LEDGER_KEY = Symbol.for('clippings.ledger');

/**
 * The `articles` collection loader: reads `content/articles/**.md`, validates with `parseArticle`, renders
 * changed files in parallel worker threads and fails on any invalid file, duplicate address or render error.
 */
export function articleLoader(options: ArticleLoaderOptions): Loader {
	return {
		name: 'clippings-articles',
		schema: ArticleEntrySchema,
		async load({ store, logger, generateDigest, config, watcher }) {
			const root = fileURLToPath(config.root);
			const directory = path.resolve(root, options.content, 'articles');
			const imagePolicy: ArticleImagePolicy = { root, contentDirectory: path.resolve(root, options.content), remoteImages: options.remoteImages };

			const sync = async () => {
				const started = performance.now();
				const found = await findArticleFiles(directory, root);
				const { files } = found;
				const sources = await Promise.all(files.map((file) => readFile(path.join(root, file))));
				const index = indexArticles(files.map((file, i) => ({ file, source: sources[i]! })), options.timeZone);
				const problems: ArticleProblem[] = [...index.problems];
				const drafts = index.drafts;
				const ids = new Set(index.articles.map((entry) => entry.id));
				const pending: { entry: IndexedArticle; digest: string }[] = [];
				let kept = 0;
				const byFile = new Map(files.map((file, i) => [file, sources[i]!]));

				for (const entry of index.articles) {
					const previous = store.get(entry.id)?.data as { bodyImages?: { path: string }[] } | undefined;
					const photos = await fingerprintArticleImages(entry.file, entry.article.data.image, previous?.bodyImages, imagePolicy);
					const digest = generateDigest(`${RENDERER_VERSION}\n${options.timeZone}\n${options.remoteImages}\n${entry.file}\n${photos}\n${byFile.get(entry.file)!.toString('latin1')}`);
					const stored = store.get(entry.id);
					if (stored?.digest === digest) {
						kept++;
						// Astro rewrites its list of images to import only when an entry with images is set: set a kept entry's photos again.
						if (stored.assetImports?.length) {
							store.delete(entry.id);
							store.set(stored);
						}
					} else {
						pending.push({ entry, digest });
					}
				}

				const pool = pending.length > 0 ? new RenderPool(Math.min(pending.length, availableParallelism())) : undefined;
				const rendered = await Promise.all(
					pending.map(async (item) => {
						try {
							const result = await pool!.render(item.entry.article.body);
							if (result.text.trim() === '') {
								problems.push({ file: item.entry.file, message: 'the article is empty once unsafe HTML is removed' });
								return undefined;
							}
							const photos = await resolveArticleImages(item.entry.file, item.entry.article.data.image, result, imagePolicy);
							problems.push(...photos.problems);
							photos.warnings.forEach((warning) => logger.warn(warning));
							return { item, result: { ...result, html: photos.html }, photos: photos.fields };
						} catch (error) {
							problems.push({ file: item.entry.file, message: `could not be rendered: ${(error as Error).message}` });
							return undefined;
						}
					}),
				);
				await pool?.close();

				if (problems.length > 0) {
					const lines = problems.map(formatProblem).sort();
					throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''} in ${path.relative(root, directory)}:\n  ${lines.join('\n  ')}`);
				}

				for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
				for (const done of rendered) {
					if (!done) continue;
					const { entry, digest } = done.item;
					const data = { ...createArticleEntry(entry.file, entry.article.data, done.result, options.timeZone), ...done.photos };
					const rendered = { html: done.result.html, metadata: { imagePaths: done.result.images.local } };
					store.set({ id: entry.id, data, digest, filePath: entry.file, rendered });
				}

				const shownPhotos = listShownPhotos(store.values());
				const ignored = found.ignored.filter((skip) => !shownPhotos.has(skip.file));
				const ledger: LoaderLedger = { found: files.length, articles: ids.size, paths: index.articles.map((entry) => entry.path), drafts, ignored };
				(globalThis as Record<symbol, unknown>)[LEDGER_KEY] = ledger;
				const seconds = ((performance.now() - started) / 1000).toFixed(1);
				logger.info(
					`${ids.size} articles (${pending.length} rendered, ${kept} unchanged) from ${files.length} files in ${seconds} s` +
						(drafts.length ? `; ${drafts.length} drafts left out: ${drafts.join(', ')}` : '') +
						(ignored.length ? `; ${ignored.length} files ignored: ${ignored.map((skip) => `${skip.file} (${skip.reason})`).join(', ')}` : ''),
				);
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
