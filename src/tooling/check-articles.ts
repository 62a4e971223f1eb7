import { assignAddresses, formatRepeat } from '../model/article-address.ts';
import { findArticleFiles, type SkippedFile } from '../model/article-index.ts';
import { forEachLimited } from '../model/for-each-limited.ts';
import { formatProblem, type ArticleProblem } from '../model/parse-article.ts';
import type { PreparedArticle } from '../model/prepare-article.ts';
import { listShownPhotos } from '../loader/article-images.ts';
import { prepareFile } from '../loader/prepare-file.ts';
import { RenderPool } from '../loader/render-pool.ts';
import { describeStrayYear, getStorySelection, type Shard } from '../model/shards.ts';

/** What `npm run check` needs to know. */
export interface CheckOptions {
	/** The project root; file names are relative to it. */
	root: string;
	/** The `articles/` folder. */
	directory: string;
	timeZone: string;
	/** Reads a file by its root-relative name. */
	read: (file: string) => Uint8Array;
	/** Check photos as the build does: files in the content folder, remote ones only when the site allows them. */
	photos?: { contentDirectory: string; remoteImages: boolean };
	/** The archive's shards, when it is built in parts: a story dated in none of them is a problem. */
	shards?: readonly Shard[] | undefined;
}

/** Everything wrong with a content folder, found at once. */
export interface CheckResult {
	files: number;
	articles: number;
	drafts: number;
	ignored: SkippedFile[];
	problems: ArticleProblem[];
	/** The problems as lines, `file: field: message`, sorted by file. */
	lines: string[];
	/** Things that build but a keeper should know: repeated headlines published under a suffixed address. */
	warnings: string[];
}

/**
 * Checks a content folder the way the build does, with the same code: every file through `prepareArticle`
 * (parse, validate, render, in worker threads, as the loader does), the whole archive through
 * `assignAddresses`, and (with `photos`) every lead photo and photo in the text checked as the loader checks
 * them. Collects every problem instead of stopping at the first.
 */
export async function checkArticles(options: CheckOptions): Promise<CheckResult> {
	const { files, ignored } = await findArticleFiles(options.directory, options.root);
	const problems: ArticleProblem[] = [];
	const articles: Extract<PreparedArticle, { kind: 'article' }>[] = [];
	const shown: { filePath: string; data: Record<string, unknown> }[] = [];
	let drafts = 0;
	if (files.length > 0) {
		const pool = new RenderPool();
		// As a whole build takes them: every shard's years, so a file dated outside them all comes back `elsewhere`.
		const selection = getStorySelection(options.shards, undefined, options.timeZone);
		await forEachLimited(files, 64, async (file) => {
			const prepared = await prepareFile(pool, options.read(file), file, options.photos && { root: options.root, ...options.photos }, selection);
			if (prepared.kind === 'refused') problems.push(...prepared.problems);
			else if (prepared.kind === 'draft') drafts++;
			else if (prepared.kind === 'elsewhere') problems.push({ file, field: 'date', message: describeStrayYear(prepared.year, options.shards ?? []) });
			else if (prepared.kind === 'article') {
				articles.push(prepared);
				if (prepared.photos) {
					problems.push(...prepared.photos.problems);
					shown.push({ filePath: file, data: { ...prepared.photos.fields } });
				}
			}
		});
		await pool.close();
	}
	const book = assignAddresses(articles, options.timeZone);
	problems.push(...book.problems);
	const lines = problems.map(formatProblem).sort((a, b) => a.localeCompare(b));
	const photos = listShownPhotos(shown);
	return {
		files: files.length,
		articles: book.addressed.length,
		drafts,
		ignored: ignored.filter((skip) => !photos.has(skip.file)),
		problems,
		lines,
		warnings: book.repeats.map(formatRepeat).sort((a, b) => a.localeCompare(b)),
	};
}
