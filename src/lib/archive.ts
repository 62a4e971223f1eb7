import { getCollection, type CollectionEntry } from 'astro:content';
import { getNeighbours, paginate, selectPublished, type Page } from './published.ts';
import config from 'virtual:clippings/config';

/** A published article as pages receive it. */
export type Article = CollectionEntry<'articles'>;

/** Everything the pages derive from the collection, computed once per build. */
export interface Archive {
	/** Published articles, newest first. */
	articles: Article[];
	neighbours: Map<string, { newer?: Article; older?: Article }>;
	homePages: Page<Article>[];
}

let archive: Promise<Archive> | undefined;

/** Loads the collection once and builds the groupings every page shares. */
export function getArchive(): Promise<Archive> {
	if (import.meta.env.DEV) archive = undefined;
	archive ??= getCollection('articles').then((entries) => {
		const articles = selectPublished(entries);
		return { articles, neighbours: getNeighbours(articles), homePages: paginate(articles, config.pageSize) };
	});
	return archive;
}
