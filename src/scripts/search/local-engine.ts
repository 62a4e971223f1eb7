/**
 * The portable build's search, for an archive opened from disk (`file://`), where Pagefind cannot fetch its
 * index. The portable build writes the same records Pagefind indexes as an inverted index split into parts,
 * each a classic script (`fetch()` is refused on `file://`, a `<script>` is not), so a search loads only
 * what it needs:
 * - `search-data.js` (loaded with the page): how many stories, the months, which part holds which words;
 * - `terms/N.js`: a run of words in sorted order, each with the stories holding it and a weight;
 * - `table/N.js`: for a run of stories, their place in date order and their filter values as numbers: what
 *   counting, filtering and ordering by date need, a few bytes a story;
 * - `values.js`: the filter values those numbers stand for (sources, bylines, years, topics, languages, months);
 * - `stories/N.js`: a short run of stories' address, headline, dates, filters and text, read only for the
 *   results shown (and the stories a quoted phrase has to be looked for in).
 * It gives the same answers in the same shape as Pagefind: every word present, facets, date range, sorts, pages.
 */
import {
	FACETS,
	LANGUAGE_FILTER,
	MONTH_FILTER,
	RESULTS_PER_PAGE,
	getEffectiveSort,
	getSearchFilters,
	type Facet,
	type SearchFilters,
	type SearchState,
} from '../../model/search-state.ts';
import { buildExcerpt, getTextFragment, matchesTerm, tokenize } from '../../model/search-text.ts';
import { toFacetCounts, type SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';
import { parseQuery } from './query.ts';

/** One story's record, without its text. */
export interface LocalRecord {
	/** Relative to the archive's root folder: `1987/03/26/honda-exports/index.html`. */
	url: string;
	lang: string;
	meta: { title: string; date: string; datetime: string; published: string };
	filters: Record<string, string[]>;
}

/** What a `stories/N.js` part holds for each of its stories. */
export type LocalStory = LocalRecord & { text: string };

/** What `search-data.js` assigns to `window.CLIPPINGS_SEARCH_DATA`. */
export interface LocalSearchData {
	version: 3;
	/** The folder of the parts, relative to the archive's root: `_portable/search/`. */
	folder: string;
	/** How many stories; ids run from 0. */
	records: number;
	/** Stories per `stories/N.js` and per `table/N.js`. */
	storiesPerPart: number;
	tableRows: number;
	months: string[];
	/** The first and last word of each `terms/N.js`, which hold the words in sorted order (see `findTermParts`). */
	terms: [string, string][];
}

/**
 * A `terms/N.js` part: word → postings, `[id gap, weight, id gap, weight, …]` (ids ascending, each written
 * as its distance from the one before, so the numbers stay short).
 */
export type TermsPart = Record<string, number[]>;

/** The filters the table holds: those a search can set (`getSearchFilters`), which the facets are among. */
export const TABLE_FILTERS = [...FACETS, LANGUAGE_FILTER, MONTH_FILTER] as const;

/**
 * A `table/N.js` part, one entry per story of its run: `order`, the story's place among all stories by
 * publication time, then address; and for each filter the story's values as indexes into `values.js`, one
 * number for a single value, else a list (`[]` for none).
 * @example { order: [3, 0], filters: { source: [0, 0], byline: [[], [4, 7]], … } }
 */
export interface TablePart {
	order: number[];
	filters: Record<string, (number | number[])[]>;
}

/** `values.js`: each filter's values, which the table's numbers index. */
export type FilterValues = Record<string, string[]>;

/** The global the parts add themselves to, by name (`terms/3`). */
export const PARTS_GLOBAL = 'CLIPPINGS_SEARCH_PARTS';

/** How much more a word in the headline counts than one in the body. */
export const HEADLINE_WEIGHT = 5;

/**
 * The terms parts that can hold words matching a searched term (see `matchesTerm`), given each part's first
 * and last word (the parts hold the words in sorted order). A match starts with the term, or is the term less
 * an ending of up to two letters but at least four letters long: every match lies between that shortest word
 * and the last word starting with the term, so the parts are a short run, usually one.
 * @example findTermParts([['a', 'hon'], ['honda', 'hong'], ['hongkong', 'i']], 'honda') // [1]
 */
export function findTermParts(ranges: readonly (readonly [string, string])[], term: string): number[] {
	const lowest = term.slice(0, Math.max(4, term.length - 2));
	return ranges.flatMap(([first, last], part) => (last >= lowest && (first <= term || first.startsWith(term)) ? [part] : []));
}

/** Reads one part of the index by its name (`terms/3`). */
export type PartReader = (name: string) => Promise<unknown>;

/** Searches the portable index, loading its parts as a search needs them. */
export class LocalEngine implements SearchEngine {
	readonly #data: LocalSearchData;
	readonly #root: URL;
	readonly #read: PartReader;
	readonly #parts = new Map<string, Promise<unknown>>();

	/**
	 * @param root the address of the archive's root folder, which record URLs and the parts folder are relative to
	 * @param read how a part is read: in the browser, with a `<script>` (`loadPartScript`)
	 */
	constructor(data: LocalSearchData, root: URL, read: PartReader = (name) => loadPartScript(new URL(`${data.folder}${name}.js`, root), name)) {
		this.#data = data;
		this.#root = root;
		this.#read = read;
	}

	prepare(): void {
		// Nothing every search needs: the words decide which parts load.
	}

	async search(state: SearchState): Promise<SearchOutcome> {
		const parsed = parseQuery(state.q);
		const terms = [...new Set(tokenize(parsed.words.join(' ')))];
		const scores = await this.#score(terms);
		for (const word of parsed.excluded) {
			const excluded = tokenize(word);
			if (excluded.length > 0) for (const id of (await this.#score(excluded)).keys()) scores.delete(id);
		}
		if (parsed.phrases.length > 0) {
			// Only the stories holding every word can hold the phrase: their texts are the only ones loaded.
			const candidates = [...scores.keys()];
			const stories = await this.#stories(candidates);
			for (const phrase of parsed.phrases) {
				const wanted = tokenize(phrase);
				for (const id of candidates) if (!holdsRun(stories.get(id)!, wanted)) scores.delete(id);
			}
		}
		const sort = getEffectiveSort(state);
		const ids = [...scores.keys()];
		const filters = getSearchFilters(state, this.#data.months);
		const needsTable = Object.keys(filters).length > 0 || sort !== 'relevance';
		const table = needsTable ? await this.#table(ids) : undefined;
		const matching = table ? ids.filter(await this.#passes(table, filters)) : ids;
		if (sort === 'relevance') matching.sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
		else matching.sort(sort === 'newest' ? (a, b) => table!.order(b) - table!.order(a) : (a, b) => table!.order(a) - table!.order(b));
		const start = (state.page - 1) * RESULTS_PER_PAGE;
		const shown = matching.slice(start, start + RESULTS_PER_PAGE);
		const stories = await this.#stories(shown);
		const hits = shown.map((id) => this.#toHit(stories.get(id)!, terms));
		return { total: matching.length, hits, partial: false, facets: async () => this.#countFacets(state, ids) };
	}

	async #countFacets(state: SearchState, ids: number[]) {
		const [table, values] = await Promise.all([this.#table(ids), this.#values()]);
		const counts: Partial<Record<Facet, Record<string, number>>> = {};
		for (const facet of FACETS) {
			const passes = await this.#passes(table, getSearchFilters(state, this.#data.months, state[facet].length > 0 ? facet : undefined));
			const byIndex = new Map<number, number>();
			for (const id of ids) {
				if (!passes(id)) continue;
				const cell = table.cell(id, facet);
				for (const value of typeof cell === 'number' ? [cell] : cell) byIndex.set(value, (byIndex.get(value) ?? 0) + 1);
			}
			counts[facet] = Object.fromEntries([...byIndex].map(([index, count]) => [values[facet]![index]!, count]));
		}
		return toFacetCounts(counts);
	}

	/** A test of whether a story passes the filters: within a filter any of its values, across filters all. */
	async #passes(table: Table, filters: SearchFilters): Promise<(id: number) => boolean> {
		const chosen = Object.entries(filters);
		if (chosen.length === 0) return () => true;
		const values = await this.#values();
		// A value no story has stands for no index, and matches nothing.
		const wanted = chosen.map(([name, { any }]) => [name, new Set(any.map((value) => values[name]?.indexOf(value) ?? -1))] as const);
		return (id) =>
			wanted.every(([name, indexes]) => {
				const cell = table.cell(id, name);
				return typeof cell === 'number' ? indexes.has(cell) : cell.some((value) => indexes.has(value));
			});
	}

	/** Every story holding all the terms (every story when there are none), with its score. */
	async #score(terms: string[]): Promise<Map<number, number>> {
		if (terms.length === 0) return new Map(Array.from({ length: this.#data.records }, (_, id) => [id, 0]));
		const parts = await Promise.all(terms.map((term) => this.#termParts(term)));
		let scores: Map<number, number> | undefined;
		for (const [index, term] of terms.entries()) {
			const found = new Map<number, number>();
			for (const part of parts[index]!) {
				for (const [word, postings] of Object.entries(part)) {
					if (!matchesTerm(word, term)) continue;
					const rarity = Math.log(1 + this.#data.records / (postings.length / 2));
					let id = 0;
					for (let at = 0; at < postings.length; at += 2) {
						id += postings[at]!;
						found.set(id, (found.get(id) ?? 0) + postings[at + 1]! * rarity);
					}
				}
			}
			scores = scores ? intersect(scores, found) : found;
			if (scores.size === 0) break;
		}
		return scores ?? new Map();
	}

	/** The parts that can hold words matching a term. */
	#termParts(term: string): Promise<TermsPart[]> {
		return Promise.all(findTermParts(this.#data.terms, term).map((part) => this.#load(`terms/${part}`) as Promise<TermsPart>));
	}

	/** The table rows of some stories: their date order and filter values. */
	async #table(ids: readonly number[]): Promise<Table> {
		const rows = this.#data.tableRows;
		const parts = [...new Set(ids.map((id) => Math.floor(id / rows)))];
		const loaded = new Map(await Promise.all(parts.map(async (part) => [part, (await this.#load(`table/${part}`)) as TablePart] as const)));
		return {
			order: (id) => loaded.get(Math.floor(id / rows))!.order[id % rows]!,
			cell: (id, filter) => loaded.get(Math.floor(id / rows))!.filters[filter]?.[id % rows] ?? [],
		};
	}

	#values(): Promise<FilterValues> {
		return this.#load('values') as Promise<FilterValues>;
	}

	/** Some stories in full, for the results shown. */
	async #stories(ids: readonly number[]): Promise<Map<number, LocalStory>> {
		const per = this.#data.storiesPerPart;
		const stories = new Map<number, LocalStory>();
		await Promise.all(
			ids.map(async (id) => {
				const part = (await this.#load(`stories/${Math.floor(id / per)}`)) as LocalStory[];
				stories.set(id, part[id % per]!);
			}),
		);
		return stories;
	}

	/** Reads a part once, however many searches ask for it. */
	#load(name: string): Promise<unknown> {
		let loading = this.#parts.get(name);
		if (!loading) {
			loading = this.#read(name);
			this.#parts.set(name, loading);
		}
		return loading;
	}

	#toHit(record: LocalStory, terms: string[]): SearchHit {
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

/** Loads a part with a classic `<script>`, the one way to read a file from `file://`. */
function loadPartScript(src: URL, name: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const script = document.createElement('script');
		script.src = src.href;
		script.onload = () => {
			const parts = (window as unknown as Record<string, Record<string, unknown> | undefined>)[PARTS_GLOBAL];
			const part = parts?.[name];
			if (parts) delete parts[name];
			script.remove();
			if (part === undefined) reject(new Error(`${script.src} did not hold the search part ${name}`));
			else resolve(part);
		};
		script.onerror = () => reject(new Error(`the search part ${script.src} could not be loaded`));
		document.head.append(script);
	});
}

function intersect(scores: Map<number, number>, found: Map<number, number>): Map<number, number> {
	const both = new Map<number, number>();
	for (const [id, score] of scores) {
		const more = found.get(id);
		if (more !== undefined) both.set(id, score + more);
	}
	return both;
}

/** Whether a story's headline or text holds the words one after another. */
function holdsRun(story: LocalStory, wanted: readonly string[]): boolean {
	const words = [...tokenize(story.meta.title, story.lang), ...tokenize(story.text, story.lang)];
	return words.some((_, start) => wanted.every((word, offset) => words[start + offset] === word));
}

/** Table rows as a search reads them, by story id. */
interface Table {
	order(id: number): number;
	cell(id: number, filter: string): number | number[];
}
