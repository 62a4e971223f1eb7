import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { assignAddresses, type ArticleAddress, type RepeatedHeadline } from './article-address.ts';
import { parseArticle, type ArticleProblem, type ParsedArticle } from './parse-article.ts';

/** A file under `articles/` that is deliberately left out, and why. */
export interface SkippedFile {
	file: string;
	reason: string;
}

/** One article file's name (relative to the project root) and its bytes or text. */
export interface ArticleSource {
	file: string;
	source: string | Uint8Array;
}

/** A valid, published article with the address it will be served at. */
export interface IndexedArticle {
	file: string;
	/** Collection id, `2025/07/24/slug`. */
	id: string;
	/** Root-relative address, `/2025/07/24/slug/`. */
	path: string;
	address: ArticleAddress;
	article: ParsedArticle;
}

/** Every article of a content folder, checked as the site checks it. */
export interface ArticleIndex {
	/** Valid published articles, in the order given, each with a unique address. */
	articles: IndexedArticle[];
	/** Valid articles marked `draft: true`; they claim no address. */
	drafts: string[];
	/** Every problem in every file: invalid front-matter, and a `slug` claimed twice on one day. */
	problems: ArticleProblem[];
	/** Stories that repeat an earlier story's headline on the same day, and the suffixed address each got. */
	repeats: RepeatedHeadline[];
}

/**
 * Validates article files with `parseArticle` and addresses the published ones with `assignAddresses`.
 * `npm run check` and the import tool share it, so neither can accept what the site refuses.
 */
export function indexArticles(sources: readonly ArticleSource[], timeZone: string): ArticleIndex {
	const parsed: ParsedArticle[] = [];
	const drafts: string[] = [];
	const problems: ArticleProblem[] = [];
	for (const { file, source } of sources) {
		const result = parseArticle(source, file);
		if (!result.ok) problems.push(...result.problems);
		else if (result.article.data.draft) drafts.push(file);
		else parsed.push(result.article);
	}
	const book = assignAddresses(parsed, timeZone);
	problems.push(...book.problems);
	const articles = book.addressed.map(({ article, address }) => ({ file: article.file, id: address.id, path: address.path, address, article }));
	return { articles, drafts, problems, repeats: book.repeats };
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
		if (!entry.isFile()) {
			// A link could point anywhere on the machine; list it rather than follow it or drop it silently.
			if (!entry.isDirectory()) {
				const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
				ignored.push({ file, reason: entry.isSymbolicLink() ? 'symbolic links are not followed' : 'not a regular file' });
			}
			continue;
		}
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
