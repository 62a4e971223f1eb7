/**
 * One article file through the model, start to finish: decoded and validated by `parseArticle`, then its body
 * rendered by `renderMarkdown`. The loader runs this in worker threads for every new or changed file, and
 * `npm run check` runs the very same function, so the two can never disagree about a file.
 */
import type { ArticleFrontMatter } from './article-schema.ts';
import { renderMarkdown, type RenderedArticle } from './markdown.ts';
import { parseArticle, type ArticleProblem } from './parse-article.ts';
import { getStoryYear, isYearSelected, type StorySelection } from './shards.ts';

/** What one file turns into: an article with its rendered body, a draft, or its problems. */
export type PreparedArticle =
	| { kind: 'article'; file: string; data: ArticleFrontMatter; rendered: RenderedArticle }
	| { kind: 'draft'; file: string }
	/** A valid article or draft dated outside the years this build takes (another shard's), left unrendered. */
	| { kind: 'elsewhere'; file: string; year: number }
	| { kind: 'refused'; file: string; problems: ArticleProblem[] };

/**
 * Parses and renders one article file. A draft is validated but not rendered; a body that renders to no
 * text once unsafe HTML is removed is refused, since its page would be empty. With a `selection` (a shard's
 * build), a valid file dated outside its years is validated but not rendered.
 * @example prepareArticle(bytes, 'content/articles/cnn/2025/recall.md').kind // 'article'
 */
export function prepareArticle(source: string | Uint8Array, file: string, selection?: StorySelection): PreparedArticle {
	const parsed = parseArticle(source, file);
	if (!parsed.ok) return { kind: 'refused', file, problems: parsed.problems };
	if (selection) {
		const year = getStoryYear(parsed.article.data.date, selection.timeZone);
		if (!isYearSelected(selection, year)) return { kind: 'elsewhere', file, year };
	}
	if (parsed.article.data.draft) return { kind: 'draft', file };
	let rendered: RenderedArticle;
	try {
		rendered = renderMarkdown(parsed.article.body);
	} catch (error) {
		return { kind: 'refused', file, problems: [{ file, message: `could not be rendered: ${(error as Error).message}` }] };
	}
	if (rendered.text.trim() === '') return { kind: 'refused', file, problems: [{ file, message: 'the article is empty once unsafe HTML is removed' }] };
	return { kind: 'article', file, data: parsed.article.data, rendered };
}
