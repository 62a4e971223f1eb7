/**
 * What the search page asks of an index, whichever answers: Pagefind over HTTP, or the portable build's
 * fallback from a file on disk. Both take a `SearchState` and give back one page of results and the facet
 * counts, with the same meaning: words all present, any chosen value within a facet, every facet at once.
 */
import type { TextPart } from '../../model/search-text.ts';
import { FACETS, type Facet } from '../../model/search-state.ts';
import type { SearchState } from '../../model/search-state.ts';

/** One result as the page shows it; every field is plain text. */
export interface SearchHit {
	/** The article's address, with a text fragment (`#:~:text=`) that marks the matched words there. */
	url: string;
	title: string;
	/** The reader-facing date, formatted by the build in the archive's zone. */
	date: string;
	/** The `datetime` attribute for that date. */
	datetime: string;
	source: string;
	bylines: string[];
	/** The language the story is written in. */
	lang: string;
	excerpt: TextPart[];
	/** Words of the query this story lacks (shown struck through), when no story had them all. */
	missing: string[];
}

/** How many results each value of a facet would give. */
export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

/** The answer to one search. */
export interface SearchOutcome {
	/** Results in all, over every page. */
	total: number;
	/** The results of the page asked for. */
	hits: SearchHit[];
	/** True when the best results lack some of the words (a misspelt word, a word no story has). */
	partial: boolean;
	/** When the best results lack a word that their text holds spelt slightly differently: the query with that spelling ("Did you mean"). */
	suggestion?: string;
	/** Counts the facets; asked for once the results are on screen and typing has settled, as it loads more of the index. */
	facets: () => Promise<FacetCounts>;
	/**
	 * Present when only some of the indexes answered (the reader's language opens first, the archive's other
	 * languages after): the same search over every index, once they have loaded. Its outcome replaces this one.
	 */
	complete?: () => Promise<SearchOutcome>;
}

/** An index the search page can ask. */
export interface SearchEngine {
	/**
	 * Runs a search. `isCurrent` is asked before the results' records are fetched: a search overtaken by
	 * newer typing stops there (rejecting with `SearchOvertaken`) instead of downloading what nobody will see.
	 */
	search(state: SearchState, isCurrent?: () => boolean): Promise<SearchOutcome>;
	/** Starts loading what the first search needs (Pagefind's script, start-up data and WebAssembly), e.g. when the reader starts typing. */
	prepare(): void;
}

/** Thrown by an engine when the search it was running is no longer the one on screen. */
export class SearchOvertaken extends Error {
	constructor() {
		super('a newer search replaced this one');
		this.name = 'SearchOvertaken';
	}
}

/** Turns `{ value: count }` maps into facet lists, most results first; years newest first. */
export function toFacetCounts(counts: Partial<Record<Facet, Record<string, number>>>): FacetCounts {
	const result = {} as FacetCounts;
	for (const facet of FACETS) {
		const entries = Object.entries(counts[facet] ?? {})
			.filter(([, count]) => count > 0)
			.map(([value, count]) => ({ value, count }));
		entries.sort(facet === 'year' ? (a, b) => (a.value < b.value ? 1 : -1) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
		result[facet] = entries;
	}
	return result;
}

/** Adds up `{ value: count }` maps, as counts from several indexes (one per language) combine. */
export function addCounts(maps: readonly (Record<string, number> | undefined)[]): Record<string, number> {
	const total: Record<string, number> = {};
	for (const map of maps) for (const [value, count] of Object.entries(map ?? {})) total[value] = (total[value] ?? 0) + count;
	return total;
}
