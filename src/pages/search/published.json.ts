/**
 * How many published stories the search index must hold, per language: the build's index check reads it
 * (see `src/integrations/search.ts`), so an index that misses or adds a story fails the build.
 */
import type { APIRoute } from 'astro';
import { getArchive } from '../../derived/archive.ts';
import { countLanguages } from '../../outputs/search-record.ts';
import { site } from '../../outputs/site.ts';

export const GET: APIRoute = async () => {
	const { articles } = await getArchive();
	const languages = Object.fromEntries(countLanguages(articles, site.lang).map(({ lang, count }) => [lang, count]));
	return new Response(JSON.stringify({ articles: articles.length, languages }), {
		headers: { 'content-type': 'application/json; charset=utf-8' },
	});
};
