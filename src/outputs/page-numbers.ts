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
