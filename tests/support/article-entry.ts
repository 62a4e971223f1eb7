import { assignAddresses } from '../../src/model/article-address.ts';
import { createArticleEntry, type ArticleEntryData } from '../../src/model/article-entry.ts';
import type { ArticleFrontMatter } from '../../src/model/article-schema.ts';
import type { RenderedArticle } from '../../src/model/markdown.ts';

/** One article's entry as the loader puts it together, for tests that need a single story: addressed alone, then assembled. */
export function makeArticleEntry(
	file: string,
	data: ArticleFrontMatter,
	rendered: Pick<RenderedArticle, 'firstParagraph' | 'wordCount'>,
	timeZone: string,
): ArticleEntryData {
	const { address } = assignAddresses([{ file, data }], timeZone).addressed[0]!;
	return createArticleEntry({ file, data, address, rendered, timeZone });
}
