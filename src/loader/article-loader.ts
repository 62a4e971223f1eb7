import { availableParallelism } from 'node:os';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { ArticleEntrySchema, createArticleEntry, getArticleId } from '../lib/article-entry.ts';
import { formatProblem, parseArticle, type ArticleProblem } from '../lib/parse-article.ts';
import { RenderPool } from './render-pool.ts';

/** Bump when rendering changes in a way that should invalidate every cached article. */
const RENDERER_VERSION = '1';

/** Options of the articles loader. */
export interface ArticleLoaderOptions {
	/** Folder that holds `articles/`, relative to the project root. */
	content: string;
	timeZone: string;
}

/** A file under `articles/` that the build deliberately leaves out, and why. */
export interface SkippedFile {
	file: string;
	reason: string;
}

/** What the loader found, for the build's ledger. */
export interface LoaderLedger {
	found: number;
	articles: number;
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

			const sync = async () => {
				const started = performance.now();
				const { files, ignored } = await findArticleFiles(directory, root);
				const problems: ArticleProblem[] = [];
				const drafts: string[] = [];
				const owners = new Map<string, string>();
				const pending: { id: string; file: string; body: string; digest: string; data: ReturnType<typeof parseArticle> & { ok: true } }[] = [];
				const kept = new Set<string>();

				const sources = await Promise.all(files.map((file) => readFile(path.join(root, file))));
				files.forEach((file, index) => {
					const parsed = parseArticle(sources[index]!, file);
					if (!parsed.ok) return problems.push(...parsed.problems);
					if (parsed.article.data.draft) return drafts.push(file);
					const preview = createArticleEntry(file, parsed.article.data, { firstParagraph: '', wordCount: 0 }, options.timeZone);
					const id = getArticleId(preview);
					const owner = owners.get(id);
					if (owner) {
						return problems.push({ file, message: `has the same address ${preview.path} as ${owner}; change one headline or date` });
					}
					owners.set(id, file);
					const digest = generateDigest(`${RENDERER_VERSION}\n${options.timeZone}\n${file}\n${sources[index]!.toString('latin1')}`);
					if (store.get(id)?.digest === digest) kept.add(id);
					else pending.push({ id, file, body: parsed.article.body, digest, data: parsed });
				});

				const pool = pending.length > 0 ? new RenderPool(Math.min(pending.length, availableParallelism())) : undefined;
				const rendered = await Promise.all(
					pending.map(async (item) => {
						try {
							const result = await pool!.render(item.body);
							if (result.text.trim() === '') {
								problems.push({ file: item.file, message: 'the article is empty once unsafe HTML is removed' });
								return undefined;
							}
							return { item, result };
						} catch (error) {
							problems.push({ file: item.file, message: `could not be rendered: ${(error as Error).message}` });
							return undefined;
						}
					}),
				);
				await pool?.close();

				if (problems.length > 0) {
					const lines = problems.map(formatProblem).sort();
					throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''} in ${path.relative(root, directory)}:\n  ${lines.join('\n  ')}`);
				}

				for (const id of store.keys()) if (!owners.has(id)) store.delete(id);
				for (const done of rendered) {
					if (!done) continue;
					const { item, result } = done;
					const data = createArticleEntry(item.file, item.data.article.data, result, options.timeZone);
					store.set({ id: item.id, data, digest: item.digest, filePath: item.file, rendered: { html: result.html } });
				}

				const ledger: LoaderLedger = { found: files.length, articles: owners.size, drafts, ignored };
				(globalThis as Record<symbol, unknown>)[LEDGER_KEY] = ledger;
				const seconds = ((performance.now() - started) / 1000).toFixed(1);
				logger.info(
					`${owners.size} articles (${pending.length} rendered, ${kept.size} unchanged) from ${files.length} files in ${seconds} s` +
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

/** Lists article files under a folder, relative to `root`, and the files deliberately left out. */
export async function findArticleFiles(directory: string, root: string): Promise<{ files: string[]; ignored: SkippedFile[] }> {
	const files: string[] = [];
	const ignored: SkippedFile[] = [];
	let entries;
	try {
		entries = await readdir(directory, { recursive: true, withFileTypes: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files, ignored };
		throw error;
	}
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const absolute = path.join(entry.parentPath, entry.name);
		const file = path.relative(root, absolute).split(path.sep).join('/');
		const inside = path.relative(directory, absolute).split(path.sep);
		if (inside.some((part) => part.startsWith('_') || part.startsWith('.'))) {
			ignored.push({ file, reason: 'name starts with _ or .' });
		} else if (/\.(md|markdown)$/i.test(entry.name)) {
			files.push(file);
		} else {
			ignored.push({ file, reason: /\.mdx$/i.test(entry.name) ? '.mdx is never loaded: it can run code' : 'not a Markdown file' });
		}
	}
	files.sort();
	ignored.sort((a, b) => a.file.localeCompare(b.file));
	return { files, ignored };
}
