/** A page number to link, or a gap standing for the pages left out. */
export type PageNumberItem = number | 'gap';

/**
 * The page numbers a pagination bar shows: always the first and last page, the current page and
 * `around` pages either side of it, with gaps for what is left out.
 * @example getPageNumbers(6, 20) // [1, 'gap', 5, 6, 7, 'gap', 20]
 */
export function getPageNumbers(current: number, total: number, around = 1): PageNumberItem[] {
	const items: PageNumberItem[] = [];
	for (let number = 1; number <= total; number += 1) {
		const shown = number === 1 || number === total || Math.abs(number - current) <= around;
		// A gap of exactly one page shows that page instead: "1 … 3" hides nothing worth hiding.
		const bridges = Math.abs(number - current) === around + 1 && (number === 2 || number === total - 1);
		if (shown || bridges) items.push(number);
		else if (items.at(-1) !== 'gap') items.push('gap');
	}
	return items;
}

/** A page a pagination bar links to: a numbered page, or a list's own address with its newest stories. */
export type PageLink = number | 'newest';

/** What a pagination bar shows, in reading order, and where its two step links lead. */
export interface PageBar {
	items: (PageLink | 'gap')[];
	current: PageLink;
	/** The page before this one in reading order (newer stories, or the index's previous page). */
	before?: PageLink;
	/** The page after it (older stories, or the index's next page). */
	after?: PageLink;
}

/** The bar of page `current` of `total` of a list read from page 1 on (an alphabetical index). */
export function getPageBar(current: number, total: number): PageBar {
	return {
		items: getPageNumbers(current, total),
		current,
		...(current > 1 ? { before: current - 1 } : {}),
		...(current < total ? { after: current + 1 } : {}),
	};
}

/**
 * The bar of one page of a newest-first list of stories (`paginateStories`): the list's own address first
 * ("Newest"), then its numbered pages from the newest down to page 1. It names no page count, so a numbered page
 * three or more pages below the newest shows the same bar however many stories arrive after it.
 * @example getStoryPageBar(6, 20) // ['newest', 'gap', 7, 6, 5, 'gap', 1]
 */
export function getStoryPageBar(current: number | undefined, numbered: number): PageBar {
	// Position 1 is the list's own address, position `numbered + 1` is page 1.
	const toLink = (position: number): PageLink => (position === 1 ? 'newest' : numbered + 2 - position);
	const position = current === undefined ? 1 : numbered + 2 - current;
	return {
		items: getPageNumbers(position, numbered + 1).map((item) => (item === 'gap' ? item : toLink(item))),
		current: toLink(position),
		...(position > 1 ? { before: toLink(position - 1) } : {}),
		...(position <= numbered ? { after: toLink(position + 1) } : {}),
	};
}

/** The page number a link of a story list's bar stands for: `undefined` for the list's own address (`urls.ts`). */
export function toStoryPageNumber(link: PageLink): number | undefined {
	return link === 'newest' ? undefined : link;
}
