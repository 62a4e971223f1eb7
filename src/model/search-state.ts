/**
 * The search page's whole state, and its one spelling in the URL
 * (`/search/?q=ceasefire&source=CNN&from=2025-01&sort=newest`), so a search can be shared, bookmarked and
 * walked through with back/forward. Pure: the page script, the portable fallback and the tests share it.
 */

/** The facets a reader narrows by; each is also the name of a filter in the search index. */
export const FACETS = ['source', 'byline', 'year', 'topic'] as const;

/** One of the facets. */
export type Facet = (typeof FACETS)[number];

/** Index filter names beyond the facets: the story's language and its month (`YYYY-MM`), which the date range is built from. */
export const LANGUAGE_FILTER = 'lang';
export const MONTH_FILTER = 'month';

/**
 * The filter that orders results by date: each story's calendar day (`YYYY-MM-DD`). Counting results per
 * day tells which days hold a page of date-ordered results; only those stories' records are then read
 * and ordered by their instant. (A Pagefind sort key would do it too, but would make every reader download
 * the order of every story before the first search: a quarter more of the index's start-up data.)
 */
export const DAY_FILTER = 'day';

/** How results are ordered. */
export const SORTS = ['relevance', 'newest', 'oldest'] as const;

/** One of the orders. */
export type SearchSort = (typeof SORTS)[number];

/** Results shown on one page of results. */
export const RESULTS_PER_PAGE = 10;

/** Everything that decides which results a reader sees. */
export interface SearchState {
	/** The words typed, trimmed; empty when browsing by facets alone. */
	q: string;
	source: string[];
	byline: string[];
	year: string[];
	topic: string[];
	/** A language tag (`de`), or empty for every language. */
	lang: string;
	/** First month of the date range, `YYYY-MM`, or empty. */
	from: string;
	/** Last month of the date range, `YYYY-MM`, or empty. */
	to: string;
	sort: SearchSort;
	/** 1-based. */
	page: number;
}

/** The state of an empty search page. */
export const EMPTY_SEARCH_STATE: SearchState = Object.freeze({
	q: '',
	source: [],
	byline: [],
	year: [],
	topic: [],
	lang: '',
	from: '',
	to: '',
	sort: 'relevance',
	page: 1,
}) as SearchState;

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_QUERY_LENGTH = 500;
const MAX_VALUES_PER_FACET = 50;

/**
 * Reads a search from a query string, forgiving anything a hand-edited URL may hold: unknown keys are
 * ignored, repeated values kept once, a bad month, sort or page falls back to the default, and a range
 * given backwards is turned round.
 * @example parseSearchState('?q=ceasefire&source=CNN&from=2025-01&sort=newest')
 */
export function parseSearchState(search: string | URLSearchParams): SearchState {
	const params = typeof search === 'string' ? new URLSearchParams(search) : search;
	const facets = Object.fromEntries(FACETS.map((facet) => [facet, readValues(params, facet)])) as Record<Facet, string[]>;
	let from = readMonth(params.get('from'));
	let to = readMonth(params.get('to'));
	if (from && to && from > to) [from, to] = [to, from];
	const sort = params.get('sort');
	const page = Number(params.get('page'));
	return {
		q: cleanText(params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH),
		...facets,
		lang: readLanguage(params.get('lang')),
		from,
		to,
		sort: SORTS.includes(sort as SearchSort) ? (sort as SearchSort) : 'relevance',
		page: Number.isInteger(page) && page >= 1 ? page : 1,
	};
}

/**
 * Writes a search as URL parameters in one fixed order, leaving out what is at its default, so the same
 * search always has the same address.
 * @example formatSearchParams({ ...EMPTY_SEARCH_STATE, q: 'oil', year: ['1987'] }).toString() // 'q=oil&year=1987'
 */
export function formatSearchParams(state: SearchState): URLSearchParams {
	const params = new URLSearchParams();
	if (state.q) params.set('q', state.q);
	for (const facet of FACETS) for (const value of state[facet]) params.append(facet, value);
	if (state.lang) params.set('lang', state.lang);
	if (state.from) params.set('from', state.from);
	if (state.to) params.set('to', state.to);
	if (state.sort !== 'relevance') params.set('sort', state.sort);
	if (state.page > 1) params.set('page', String(state.page));
	return params;
}

/** The query string of a search, with its `?`, or an empty string for the empty search. */
export function formatSearchQuery(state: SearchState): string {
	const query = formatSearchParams(state).toString();
	return query ? `?${query}` : '';
}

/** Whether there is anything to search for: words, a facet, a language or a date range. */
export function hasCriteria(state: SearchState): boolean {
	return Boolean(state.q || state.lang || state.from || state.to || FACETS.some((facet) => state[facet].length > 0));
}

/**
 * The order results are actually shown in: relevance needs words, so a search by facets alone lists the
 * newest stories first.
 */
export function getEffectiveSort(state: SearchState): SearchSort {
	return state.sort === 'relevance' && !state.q ? 'newest' : state.sort;
}

/** Adds a facet value, or removes it when it is already chosen; any change sends the reader to page 1. */
export function toggleFacetValue(state: SearchState, facet: Facet, value: string): SearchState {
	const values = state[facet].includes(value) ? state[facet].filter((chosen) => chosen !== value) : [...state[facet], value];
	return { ...state, [facet]: values, page: 1 };
}

/** A search filter in the shape the index understands: within a facet any value, across facets all. */
export type SearchFilters = Record<string, { any: string[] }>;

/**
 * The index filters for a search. The date range becomes the months it covers, out of the months the
 * index holds (`month` values, `YYYY-MM`); `except` leaves one facet out, to count what choosing another
 * value of that facet would add.
 * @example getSearchFilters({ ...EMPTY_SEARCH_STATE, source: ['CNN'], from: '2025-01' }, ['2024-12', '2025-01', '2025-02'])
 * // { source: { any: ['CNN'] }, month: { any: ['2025-01', '2025-02'] } }
 */
export function getSearchFilters(state: SearchState, months: readonly string[], except?: Facet): SearchFilters {
	const filters: SearchFilters = {};
	for (const facet of FACETS) {
		if (facet !== except && state[facet].length > 0) filters[facet] = { any: [...state[facet]] };
	}
	if (state.lang) filters[LANGUAGE_FILTER] = { any: [state.lang] };
	if (state.from || state.to) filters[MONTH_FILTER] = { any: selectMonthsInRange(months, state.from, state.to) };
	return filters;
}

/**
 * The months from a list that fall in a range; an open end is unbounded. An empty result means no story
 * can match, which the index treats as such.
 * @example selectMonthsInRange(['1987-02', '1987-03', '1987-04'], '1987-03', '') // ['1987-03', '1987-04']
 */
export function selectMonthsInRange(months: readonly string[], from: string, to: string): string[] {
	return months.filter((month) => (!from || month >= from) && (!to || month <= to)).sort();
}

/** The number of result pages for a count of results (at least one). */
export function countPages(results: number, perPage = RESULTS_PER_PAGE): number {
	return Math.max(1, Math.ceil(results / perPage));
}

/**
 * The days whose stories make up one page of date-ordered results, from the number of results on each
 * day, and how many of those days' results come before the page.
 * @example selectDays({ '1987-03-02': 4, '1987-03-03': 8 }, 0, 10, true) // { days: ['1987-03-03', '1987-03-02'], skip: 0 }
 */
export function selectDays(counts: Record<string, number>, first: number, perPage: number, newestFirst: boolean): { days: string[]; skip: number } {
	const ordered = Object.keys(counts)
		.filter((day) => (counts[day] ?? 0) > 0)
		.sort();
	if (newestFirst) ordered.reverse();
	const days: string[] = [];
	let seen = 0;
	let skip = 0;
	for (const day of ordered) {
		const count = counts[day]!;
		if (seen + count > first) {
			if (days.length === 0) skip = first - seen;
			days.push(day);
		}
		seen += count;
		if (seen >= first + perPage) break;
	}
	return { days, skip };
}

function readValues(params: URLSearchParams, key: string): string[] {
	const values = params
		.getAll(key)
		.map(cleanText)
		.filter((value) => value.length > 0 && value.length <= MAX_QUERY_LENGTH);
	return [...new Set(values)].slice(0, MAX_VALUES_PER_FACET);
}

function readMonth(value: string | null): string {
	return value && MONTH_PATTERN.test(value) ? value : '';
}

function readLanguage(value: string | null): string {
	if (!value) return '';
	try {
		return Intl.getCanonicalLocales(value)[0]!.toLowerCase();
	} catch {
		return '';
	}
}

function cleanText(value: string): string {
	return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}
