/**
 * What feeds, sitemaps and news metadata need to know about the site beyond a story itself: absolute
 * addresses and the pages of its bylines and source. Built once from the archive's groupings, so every
 * output links a name to the same collision-safe page the article page links to.
 */
import type { ArticleEntryData } from '../model/article-entry.ts';
import type { Grouping } from './groupings.ts';
import { getAbsoluteUrl, getBylinePath, getSourcePath } from '../model/urls.ts';

/** A published story as the outputs read it: a collection entry, with its rendered body when loaded. */
export interface Story {
	id: string;
	data: ArticleEntryData;
	rendered?: { html: string };
}

/** The site facts and links every output of a story uses. */
export interface StoryContext {
	siteTitle: string;
	siteDescription: string;
	lang: string;
	timeZone: string;
	/** The absolute address of a root-relative path from `urls.ts`. */
	absoluteUrl(path: string): string;
	/** The absolute address of a byline's page. */
	getBylineUrl(name: string): string;
	/** The absolute address of a source's page. */
	getSourceUrl(name: string): string;
}

/** The site settings a story context reads. */
export interface StoryContextSite {
	title: string;
	description: string;
	url: string;
	base: string;
	lang: string;
	timeZone: string;
}

/** Builds the context from the site settings and the archive's byline and source groupings. */
export function createStoryContext(
	site: StoryContextSite,
	groupings: { bylines: Pick<Grouping<unknown>, 'getSlug'>; sources: Pick<Grouping<unknown>, 'getSlug'> },
): StoryContext {
	const absoluteUrl = (path: string) => getAbsoluteUrl(path, site.url, site.base);
	return {
		siteTitle: site.title,
		siteDescription: site.description,
		lang: site.lang,
		timeZone: site.timeZone,
		absoluteUrl,
		getBylineUrl: (name) => absoluteUrl(getBylinePath(groupings.bylines.getSlug(name))),
		getSourceUrl: (name) => absoluteUrl(getSourcePath(groupings.sources.getSlug(name))),
	};
}
