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

/** One page of a paginated list in a fixed order (an alphabetical index): page 1 first. */
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

/**
 * One page of a list of stories, newest first. The list's own address (`/`, `/sources/reuters/`) holds its
 * newest stories; its numbered pages (`/page/1/`, `/page/2/`, …) are counted from the oldest story, so that
 * a page's number keeps its stories however many newer stories arrive.
 */
export interface StoryPage<T> {
	/** Newest first. */
	items: T[];
	/** The number in the page's address, `undefined` for the list's own address. */
	number: number | undefined;
	/** How many numbered pages the list has (the list's own address not counted). */
	numbered: number;
}

/**
 * Splits a newest-first list of stories into pages of `size` counted from the oldest story: numbered page
 * `k` holds the `k`th `size` stories from the oldest, whatever comes later. The list's own address holds the
 * rest, from `size` to `2 × size − 1` stories (or all of a shorter list), so no story is on two pages and the
 * only pages a day's new stories change are the list's own and its newest numbered ones.
 * @example paginateStories([7, 6, 5, 4, 3, 2, 1], 3) // own address [7, 6, 5, 4], then page 1 [3, 2, 1]
 */
export function paginateStories<T>(newestFirst: readonly T[], size: number): StoryPage<T>[] {
	const count = newestFirst.length;
	const numbered = Math.max(0, Math.floor(count / size) - 1);
	const onOwnPage = count - numbered * size;
	const pages: StoryPage<T>[] = [{ items: newestFirst.slice(0, onOwnPage), number: undefined, numbered }];
	for (let number = numbered; number >= 1; number--) {
		const end = count - (number - 1) * size;
		pages.push({ items: newestFirst.slice(end - size, end), number, numbered });
	}
	return pages;
}
