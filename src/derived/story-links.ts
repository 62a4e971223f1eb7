/**
 * Where a story's names lead: each byline, its source, its section and tags, to the pages the archive's
 * groupings gave them (collision-safe slugs). The article route computes this once per story and hands it
 * down, so its page's links, and its incremental-build key, come from one place.
 */
import type { ArticleEntryData } from '../model/article-entry.ts';
import { getBylinePath, getSourcePath, getTopicPath } from '../model/urls.ts';
import type { Grouping } from './groupings.ts';

/** A name and the root-relative address of its page. */
export interface NameLink {
	name: string;
	path: string;
}

/** The links of one story's names. */
export interface StoryLinks {
	/** The bylines in their order. */
	bylines: NameLink[];
	source: NameLink;
	section?: NameLink | undefined;
	tags: NameLink[];
}

/** The groupings whose slugs a story's names link to. */
export interface StoryLinkGroupings {
	bylines: Pick<Grouping<unknown>, 'getSlug'>;
	sources: Pick<Grouping<unknown>, 'getSlug'>;
	topics: Pick<Grouping<unknown>, 'getSlug'>;
}

/**
 * The links of a story's names.
 * @example getStoryLinks(story, groupings).bylines // [{ name: 'Jennifer Hansler', path: '/bylines/jennifer-hansler/' }]
 */
export function getStoryLinks(data: Pick<ArticleEntryData, 'bylines' | 'source' | 'section' | 'tags'>, { bylines, sources, topics }: StoryLinkGroupings): StoryLinks {
	const topic = (name: string) => ({ name, path: getTopicPath(topics.getSlug(name)) });
	return {
		bylines: data.bylines.map((name) => ({ name, path: getBylinePath(bylines.getSlug(name)) })),
		source: { name: data.source, path: getSourcePath(sources.getSlug(data.source)) },
		section: data.section === undefined ? undefined : topic(data.section),
		tags: data.tags.map(topic),
	};
}

/** Every address a story's page links its names to, in a fixed order, for its cache key. */
export function listLinkedPaths(links: StoryLinks): string[] {
	return [...links.bylines, links.source, ...(links.section ? [links.section] : []), ...links.tags].map((link) => link.path);
}
