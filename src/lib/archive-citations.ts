/**
 * The `.bib` and `.ris` files of every story, for the endpoints beside the article pages: the pure writers
 * in `citation.ts`, fed from the archive built once.
 */
import config from 'virtual:clippings/config';
import { getArchive } from './archive.ts';
import { createCacheKey } from './cache-key.ts';
import { formatBibtex, formatRis, getCitationFacts } from './citation.ts';

/** The two downloadable reference formats. */
export type CitationFormat = 'bibtex' | 'ris';

const TYPES: Record<CitationFormat, string> = {
	bibtex: 'application/x-bibtex; charset=utf-8',
	ris: 'application/x-research-info-systems; charset=utf-8',
};

/**
 * One endpoint path per published story, with its reference in the format asked for. The cache key holds
 * all a reference depends on (the story and the site's address, name and language), so an incremental
 * build copies the files of unchanged stories.
 */
export async function getCitationEntries(format: CitationFormat) {
	const { articles, storyContext } = await getArchive();
	return articles.map((article) => {
		const facts = getCitationFacts(article, storyContext);
		return {
			params: { year: article.data.year, month: article.data.month, day: article.data.day, slug: article.data.slug },
			props: { text: format === 'bibtex' ? formatBibtex(facts) : formatRis(facts) },
			cacheKey: createCacheKey([config.url, config.base, config.title, config.lang, article.digest === undefined ? undefined : String(article.digest)]),
		};
	});
}

/** A reference file as the endpoint's response. */
export function createCitationResponse(format: CitationFormat, text: string): Response {
	return new Response(text, { headers: { 'Content-Type': TYPES[format] } });
}
