/**
 * The portable build's search, for an archive opened from disk (`file://`), where Pagefind cannot fetch its
 * index. The portable build writes the same records Pagefind indexes as an inverted index split into parts,
 * each a classic script (`fetch()` is refused on `file://`, a `<script>` is not), so a search loads only
 * what it needs:
 * - `search-data.js` (loaded with the page): how many stories, the months, which part holds which words;
 * - `terms/N.js`: the words starting with a few letters, each with the stories holding it and a weight;
 * - `records/N.js`: a run of stories' address, headline, dates and filters (for results, facets and order);
 * - `texts/N.js`: a run of stories' text, for the excerpts of the results shown.
 * It gives the same answers in the same shape as Pagefind: every word present, facets, date range, sorts, pages.
 */
import {
	FACETS,
	RESULTS_PER_PAGE,
	getEffectiveSort,
	getSearchFilters,
	type Facet,
	type SearchFilters,
	type SearchState,
} from '../../model/search-state.ts';
import { buildExcerpt, getTextFragment, matchesTerm, tokenize } from '../../model/search-text.ts';
import { addCounts, toFacetCounts, type SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';
import { parseQuery } from './query.ts';

/** One story's record, without its text. */
export interface LocalRecord {
	/** Relative to the archive's root folder: `1987/03/26/honda-exports/index.html`. */
	url: string;
	lang: string;
	meta: { title: string; date: string; datetime: string; published: string };
	filters: Record<string, string[]>;
}

/** What `search-data.js` assigns to `window.CLIPPINGS_SEARCH_DATA`. */
export interface LocalSearchData {
	version: 2;
	/** The folder of the parts, relative to the archive's root: `_portable/search/`. */
	folder: string;
	/** How many stories; ids run from 0. */
	records: number;
	/** Stories per `records/N.js` and per `texts/N.js`. */
	recordsPerPart: number;
	textsPerPart: number;
	months: string[];
	/** The first one or two letters of a word → the `terms/N.js` holding every word that starts with them. */
	terms: Record<string, number>;
}

/**
 * A `terms/N.js` part: word → postings, `[id gap, weight, id gap, weight, …]` (ids ascending, each written
 * as its distance from the one before, so the numbers stay short).
 */
export type TermsPart = Record<string, number[]>;

/** The global the parts add themselves to, by name (`terms/3`). */
export const PARTS_GLOBAL = 'CLIPPINGS_SEARCH_PARTS';

/** How much more a word in the headline counts than one in the body. */
export const HEADLINE_WEIGHT = 5;

/**
 * The part key of a word: its first two characters (code points), or one for a one-letter word. A searched
 * term's matches all share the term's first two characters (see `matchesTerm`), so a term needs one part.
 * @example getTermKey('honda') // 'ho'
 */
export function getTermKey(word: string): string {
	return [...word].slice(0, 2).join('');
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
			const [records, texts] = await Promise.all([this.#records(candidates), this.#texts(candidates)]);
			for (const phrase of parsed.phrases) {
				const wanted = tokenize(phrase);
				for (const id of candidates) if (!holdsRun(records.get(id)!, texts.get(id) ?? '', wanted)) scores.delete(id);
			}
		}
		const filters = getSearchFilters(state, this.#data.months);
		const sort = getEffectiveSort(state);
		const ids = [...scores.keys()];
		const needsRecords = Object.keys(filters).length > 0 || sort !== 'relevance';
		const records = needsRecords ? await this.#records(ids) : new Map<number, LocalRecord>();
		const matching = needsRecords ? ids.filter((id) => passes(records.get(id)!, filters)) : ids;
		matching.sort((a, b) => {
			if (sort === 'relevance') return scores.get(b)! - scores.get(a)! || a - b;
			const first = records.get(a)!;
			const second = records.get(b)!;
			const order = first.meta.published.localeCompare(second.meta.published) || first.url.localeCompare(second.url);
			return (sort === 'newest' ? -order : order) || a - b;
		});
		const start = (state.page - 1) * RESULTS_PER_PAGE;
		const shown = matching.slice(start, start + RESULTS_PER_PAGE);
		const [shownRecords, texts] = await Promise.all([this.#records(shown), this.#texts(shown)]);
		const hits = shown.map((id) => this.#toHit(shownRecords.get(id)!, texts.get(id) ?? '', terms));
		return { total: matching.length, hits, partial: false, facets: async () => this.#countFacets(state, ids) };
	}

	async #countFacets(state: SearchState, ids: number[]) {
		const records = await this.#records(ids);
		const counts: Partial<Record<Facet, Record<string, number>>> = {};
		for (const facet of FACETS) {
			const filters = getSearchFilters(state, this.#data.months, state[facet].length > 0 ? facet : undefined);
			const values: Record<string, number> = {};
			for (const id of ids) {
				const record = records.get(id)!;
				if (!passes(record, filters)) continue;
				for (const value of record.filters[facet] ?? []) values[value] = (values[value] ?? 0) + 1;
			}
			counts[facet] = addCounts([values]);
		}
		return toFacetCounts(counts);
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

	/** The parts that can hold words matching a term: one, or every part of a one-letter start. */
	#termParts(term: string): Promise<TermsPart[]> {
		const key = getTermKey(term);
		const files = new Set<number>();
		for (const [start, file] of Object.entries(this.#data.terms)) {
			if (start === key || (key.length === 1 && start.startsWith(key))) files.add(file);
		}
		return Promise.all([...files].map((file) => this.#load(`terms/${file}`) as Promise<TermsPart>));
	}

	async #records(ids: readonly number[]): Promise<Map<number, LocalRecord>> {
		const per = this.#data.recordsPerPart;
		const parts = [...new Set(ids.map((id) => Math.floor(id / per)))];
		const loaded = new Map(await Promise.all(parts.map(async (part) => [part, (await this.#load(`records/${part}`)) as LocalRecord[]] as const)));
		const records = new Map<number, LocalRecord>();
		for (const id of ids) records.set(id, loaded.get(Math.floor(id / per))![id % per]!);
		return records;
	}

	async #texts(ids: readonly number[]): Promise<Map<number, string>> {
		const per = this.#data.textsPerPart;
		const texts = new Map<number, string>();
		await Promise.all(
			ids.map(async (id) => {
				const part = (await this.#load(`texts/${Math.floor(id / per)}`)) as string[];
				texts.set(id, part[id % per] ?? '');
			}),
		);
		return texts;
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

	#toHit(record: LocalRecord, text: string, terms: string[]): SearchHit {
		const excerpt = buildExcerpt(text, terms, record.lang);
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

/** Whether a record's headline or text holds the words one after another. */
function holdsRun(record: LocalRecord, text: string, wanted: readonly string[]): boolean {
	const words = [...tokenize(record.meta.title, record.lang), ...tokenize(text, record.lang)];
	return words.some((_, start) => wanted.every((word, offset) => words[start + offset] === word));
}

function passes(record: LocalRecord, filters: SearchFilters): boolean {
	return Object.entries(filters).every(([name, { any }]) => (record.filters[name] ?? []).some((value) => any.includes(value)));
}
