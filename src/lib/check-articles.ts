import { findArticleFiles, indexArticles, type SkippedFile } from './article-index.ts';
import { formatProblem, type ArticleProblem } from './parse-article.ts';
import { listShownPhotos, resolveArticleImages } from '../loader/article-images.ts';
import { RenderPool } from '../loader/render-pool.ts';

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
}

/**
 * Checks a content folder the way the build does, with the same code: every file through `parseArticle`,
 * every address claimed once (`indexArticles`, which the loader calls too), and every body rendered by the
 * site's renderer in worker threads, since a body that is empty once unsafe HTML is removed fails the build,
 * and (with `photos`) every lead photo and photo in the text checked as the loader checks them.
 * Collects every problem instead of stopping at the first.
 */
export async function checkArticles(options: CheckOptions): Promise<CheckResult> {
	const { files, ignored } = await findArticleFiles(options.directory, options.root);
	const index = indexArticles(
		files.map((file) => ({ file, source: options.read(file) })),
		options.timeZone,
	);
	const problems = [...index.problems];
	const shown: { filePath: string; data: Record<string, unknown> }[] = [];
	if (index.articles.length > 0) {
		const pool = new RenderPool();
		await Promise.all(
			index.articles.map(async ({ file, article }) => {
				try {
					const rendered = await pool.render(article.body);
					if (rendered.text.trim() === '') problems.push({ file, message: 'the article is empty once unsafe HTML is removed' });
					if (options.photos) {
						const photos = await resolveArticleImages(file, article.data.image, rendered, { root: options.root, ...options.photos });
						problems.push(...photos.problems);
						shown.push({ filePath: file, data: { ...photos.fields } });
					}
				} catch (error) {
					problems.push({ file, message: `could not be rendered: ${(error as Error).message}` });
				}
			}),
		);
		await pool.close();
	}
	const lines = problems.map(formatProblem).sort((a, b) => a.localeCompare(b));
	const photos = listShownPhotos(shown);
	return { files: files.length, articles: index.articles.length, drafts: index.drafts.length, ignored: ignored.filter((skip) => !photos.has(skip.file)), problems, lines };
}
