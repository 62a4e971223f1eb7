/**
 * The portable build's search, for an archive opened from disk (`file://`), where Pagefind cannot load
 * its index. The records come from `search-data.js`, a plain script the portable build writes from the
 * same marked-up pages Pagefind indexes; this engine indexes them in memory on the first search and gives
 * the same answers in the same shape: every word present, facets, date range, sorts and pages.
 */
import {
	FACETS,
	RESULTS_PER_PAGE,
	getEffectiveSort,
	getSearchFilters,
	type Facet,
	type SearchFilters,
	type SearchState,
} from '../../lib/search-state.ts';
import { buildExcerpt, getTextFragment, matchesTerm, tokenize } from '../../lib/search-text.ts';
import { addCounts, toFacetCounts, type SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';
import { parseQuery } from './query.ts';

/** One article as `search-data.js` holds it. */
export interface LocalRecord {
	/** Relative to the archive's root folder: `1987/03/26/honda-exports/index.html`. */
	url: string;
	lang: string;
	/** The story's indexed text without its headline (which is `meta.title`). */
	text: string;
	meta: { title: string; date: string; datetime: string; published: string };
	filters: Record<string, string[]>;
}

/** What `search-data.js` assigns to `window.CLIPPINGS_SEARCH_DATA`. */
export interface LocalSearchData {
	records: LocalRecord[];
	months: string[];
}

/** How much more a word in the headline counts than one in the body. */
const HEADLINE_WEIGHT = 5;

/** Searches records held in memory. */
export class LocalEngine implements SearchEngine {
	readonly #data: LocalSearchData;
	readonly #root: URL;
	#index: Map<string, Map<number, number>> | undefined;

	/** @param root the address of the archive's root folder, which record URLs are relative to */
	constructor(data: LocalSearchData, root: URL) {
		this.#data = data;
		this.#root = root;
	}

	prepare(): void {
		// Nothing to fetch: the records came with the page. Indexing them waits for the first search, as it
		// would hold up the keyboard if done while the reader starts typing.
	}

	async search(state: SearchState): Promise<SearchOutcome> {
		const parsed = parseQuery(state.q);
		const terms = tokenize(parsed.words.join(' '));
		const scores = this.#score(terms);
		for (const word of parsed.excluded) {
			const excluded = tokenize(word);
			if (excluded.length > 0) for (const id of this.#score(excluded).keys()) scores.delete(id);
		}
		for (const phrase of parsed.phrases) {
			const wanted = tokenize(phrase);
			for (const id of scores.keys()) if (!holdsRun(this.#data.records[id]!, wanted)) scores.delete(id);
		}
		const filters = getSearchFilters(state, this.#data.months);
		const matching = [...scores.keys()].filter((id) => passes(this.#data.records[id]!, filters));
		const sort = getEffectiveSort(state);
		const records = this.#data.records;
		matching.sort((a, b) => {
			if (sort === 'relevance') return scores.get(b)! - scores.get(a)! || a - b;
			const order = records[a]!.meta.published.localeCompare(records[b]!.meta.published) || records[a]!.url.localeCompare(records[b]!.url);
			return (sort === 'newest' ? -order : order) || a - b;
		});
		const first = (state.page - 1) * RESULTS_PER_PAGE;
		const hits = matching.slice(first, first + RESULTS_PER_PAGE).map((id) => this.#toHit(records[id]!, terms));
		return { total: matching.length, hits, partial: false, facets: async () => this.#countFacets(state, scores) };
	}

	#countFacets(state: SearchState, scores: Map<number, number>) {
		const counts: Partial<Record<Facet, Record<string, number>>> = {};
		for (const facet of FACETS) {
			const filters = getSearchFilters(state, this.#data.months, state[facet].length > 0 ? facet : undefined);
			const values: Record<string, number> = {};
			for (const id of scores.keys()) {
				const record = this.#data.records[id]!;
				if (!passes(record, filters)) continue;
				for (const value of record.filters[facet] ?? []) values[value] = (values[value] ?? 0) + 1;
			}
			counts[facet] = addCounts([values]);
		}
		return toFacetCounts(counts);
	}

	/** Every record holding all the terms (every record when there are none), with its score. */
	#score(terms: string[]): Map<number, number> {
		if (terms.length === 0) return new Map(this.#data.records.map((_, id) => [id, 0]));
		const index = (this.#index ??= buildIndex(this.#data.records));
		let scores: Map<number, number> | undefined;
		for (const term of new Set(terms)) {
			const found = new Map<number, number>();
			for (const [word, postings] of index) {
				if (!matchesTerm(word, term)) continue;
				const rarity = Math.log(1 + this.#data.records.length / postings.size);
				for (const [id, weight] of postings) found.set(id, (found.get(id) ?? 0) + weight * rarity);
			}
			scores = scores ? intersect(scores, found) : found;
			if (scores.size === 0) break;
		}
		return scores ?? new Map();
	}

	#toHit(record: LocalRecord, terms: string[]): SearchHit {
		const excerpt = buildExcerpt(record.text, terms, record.lang);
		return {
			url: `${new URL(record.url, this.#root).href}${getTextFragment(excerpt)}`,
			title: record.meta.title,
			date: record.meta.date,
			datetime: record.meta.datetime,
			source: record.filters.source?.[0] ?? '',
			bylines: record.filters.byline ?? [],
			lang: record.lang,
			excerpt,
			missing: [],
		};
	}
}

/** word → record → weight (occurrences, headline words counting more). */
function buildIndex(records: readonly LocalRecord[]): Map<string, Map<number, number>> {
	const index = new Map<string, Map<number, number>>();
	records.forEach((record, id) => {
		const add = (word: string, weight: number) => {
			let postings = index.get(word);
			if (!postings) index.set(word, (postings = new Map()));
			postings.set(id, (postings.get(id) ?? 0) + weight);
		};
		for (const word of tokenize(record.meta.title, record.lang)) add(word, HEADLINE_WEIGHT);
		for (const word of tokenize(record.text, record.lang)) add(word, 1);
	});
	return index;
}

function intersect(scores: Map<number, number>, found: Map<number, number>): Map<number, number> {
	const both = new Map<number, number>();
	for (const [id, score] of scores) {
		const more = found.get(id);
		if (more !== undefined) both.set(id, score + more);
	}
	return both;
}

/** Whether a record's headline or text holds the words one after another. */
function holdsRun(record: LocalRecord, wanted: readonly string[]): boolean {
	const words = [...tokenize(record.meta.title, record.lang), ...tokenize(record.text, record.lang)];
	return words.some((_, start) => wanted.every((word, offset) => words[start + offset] === word));
}

function passes(record: LocalRecord, filters: SearchFilters): boolean {
	return Object.entries(filters).every(([name, { any }]) => (record.filters[name] ?? []).some((value) => any.includes(value)));
}
