import type { ArticleEntryData } from '../model/article-entry.ts';

/** The smallest shape of a stored article the grouping functions need. */
export interface StoryLike {
	id: string;
	data: Pick<ArticleEntryData, 'published' | 'title' | 'draft'>;
}

/**
 * The one definition of "published articles, newest first" that every page, feed and sitemap uses.
 * Ties on time are broken by headline, then id, so the order is the same on every build.
 */
export function selectPublished<T extends StoryLike>(entries: readonly T[]): T[] {
	return entries.filter((entry) => !entry.data.draft).sort(compareNewestFirst);
}

/** Newest first; equal times by headline, then id. */
export function compareNewestFirst(a: StoryLike, b: StoryLike): number {
	return (
		b.data.published.getTime() - a.data.published.getTime() ||
		a.data.title.localeCompare(b.data.title, 'en') ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/** The stories either side of each story in time: `newer` and `older`, computed once for the whole list. */
export function getNeighbours<T extends { id: string }>(newestFirst: readonly T[]): Map<string, { newer?: T; older?: T }> {
	const neighbours = new Map<string, { newer?: T; older?: T }>();
	newestFirst.forEach((entry, index) => {
		neighbours.set(entry.id, { newer: newestFirst[index - 1], older: newestFirst[index + 1] });
	});
	return neighbours;
}

/** One page of a paginated list. */
export interface Page<T> {
	items: T[];
	/** 1-based. */
	number: number;
	total: number;
}

/** Splits a list into pages of `size`; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
	const total = Math.max(1, Math.ceil(items.length / size));
	return Array.from({ length: total }, (_, index) => ({
		items: items.slice(index * size, (index + 1) * size),
		number: index + 1,
		total,
	}));
}
