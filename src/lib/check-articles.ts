import { findArticleFiles, indexArticles, type SkippedFile } from './article-index.ts';
import { formatProblem, type ArticleProblem } from './parse-article.ts';
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
 * site's renderer in worker threads, since a body that is empty once unsafe HTML is removed fails the build.
 * Collects every problem instead of stopping at the first.
 */
export async function checkArticles(options: CheckOptions): Promise<CheckResult> {
	const { files, ignored } = await findArticleFiles(options.directory, options.root);
	const index = indexArticles(
		files.map((file) => ({ file, source: options.read(file) })),
		options.timeZone,
	);
	const problems = [...index.problems];
	if (index.articles.length > 0) {
		const pool = new RenderPool();
		await Promise.all(
			index.articles.map(async ({ file, article }) => {
				try {
					const rendered = await pool.render(article.body);
					if (rendered.text.trim() === '') problems.push({ file, message: 'the article is empty once unsafe HTML is removed' });
				} catch (error) {
					problems.push({ file, message: `could not be rendered: ${(error as Error).message}` });
				}
			}),
		);
		await pool.close();
	}
	const lines = problems.map(formatProblem).sort((a, b) => a.localeCompare(b));
	return { files: files.length, articles: index.articles.length, drafts: index.drafts.length, ignored, problems, lines };
}
