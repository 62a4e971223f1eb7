/**
 * The search page's index over HTTP: Pagefind, one instance per language of the archive, each with its
 * own word rules (stemming, Chinese word splitting), searched together and merged.
 */
import {
	DATE_SORT,
	FACETS,
	LANGUAGE_FILTER,
	RESULTS_PER_PAGE,
	getEffectiveSort,
	getSearchFilters,
	type Facet,
	type SearchState,
} from '../../lib/search-state.ts';
import { findTermRanges, getTextFragment, parseExcerptMarkup, tokenize } from '../../lib/search-text.ts';
import { addCounts, SearchOvertaken, toFacetCounts, type FacetCounts, type SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';

/** The parts of Pagefind's browser API this page uses (see `pagefind/pagefind.js` in the built site). */
interface PagefindModule {
	createInstance(options: Record<string, unknown>): PagefindInstance;
}

interface PagefindInstance {
	init(): Promise<void>;
	filters(): Promise<Record<string, Record<string, number>>>;
	search(term: string | null, options: { filters?: unknown; sort?: Record<string, 'asc' | 'desc'> }): Promise<PagefindResponse>;
}

interface PagefindResponse {
	results: PagefindResult[];
	filters: Record<string, Record<string, number>>;
}

interface PagefindResult {
	score: number;
	data(): Promise<PagefindData>;
}

interface PagefindData {
	url: string;
	excerpt: string;
	meta: Record<string, string | undefined>;
	filters: Record<string, string[] | undefined>;
}

/** Settings of the Pagefind engine. */
export interface PagefindEngineOptions {
	/** The address of the Pagefind bundle, `/archive/pagefind/`. */
	bundle: string;
	/** The site's base address, which result paths are relative to. */
	base: string;
	/** The languages the archive holds, as the index names them. */
	languages: string[];
	/** Every month the archive has stories in, `YYYY-MM`. */
	months: string[];
}

/** Searches the archive's Pagefind index. */
export class PagefindEngine implements SearchEngine {
	readonly #options: PagefindEngineOptions;
	readonly #instances = new Map<string, Promise<PagefindInstance>>();
	readonly #filtersLoaded = new Map<string, Promise<unknown>>();

	constructor(options: PagefindEngineOptions) {
		this.#options = options;
	}

	async search(state: SearchState, isCurrent: () => boolean = () => true): Promise<SearchOutcome> {
		const languages = state.lang ? this.#options.languages.filter((lang) => lang === state.lang) : this.#options.languages;
		const term = state.q || null;
		const sortOrder = getEffectiveSort(state);
		const sort: Record<string, 'asc' | 'desc'> = sortOrder === 'relevance' ? {} : { [DATE_SORT]: sortOrder === 'newest' ? 'desc' : 'asc' };
		const filters = this.#getFilters(state);
		const responses = await Promise.all(languages.map(async (lang) => (await this.#getInstance(lang)).search(term, { filters, sort })));
		if (!isCurrent()) throw new SearchOvertaken();

		const total = responses.reduce((sum, response) => sum + response.results.length, 0);
		const first = (state.page - 1) * RESULTS_PER_PAGE;
		const ordered =
			responses.length === 1
				? responses[0]!.results.slice(0, first + RESULTS_PER_PAGE)
				: sortOrder === 'relevance'
					? await mergeByRelevance(responses.map((response) => response.results), first + RESULTS_PER_PAGE, tokenize(state.q))
					: await mergeByDate(responses.map((response) => response.results), first + RESULTS_PER_PAGE, sortOrder === 'newest');
		const hits = await Promise.all(ordered.slice(first, first + RESULTS_PER_PAGE).map(async (result) => toHit(await result.data())));
		return { total, hits, facets: () => this.#countFacets(state, languages, term) };
	}

	/**
	 * Facet counts, after the results are on screen: Pagefind counts only filters whose data it has
	 * loaded, so the first count loads them all. A facet with chosen values is counted by a search without
	 * that facet, so its other values show what choosing them would add.
	 */
	async #countFacets(state: SearchState, languages: string[], term: string | null): Promise<FacetCounts> {
		await Promise.all(languages.map((lang) => this.#loadFilters(lang)));
		const filters = this.#getFilters(state);
		const responses = await Promise.all(languages.map(async (lang) => (await this.#getInstance(lang)).search(term, { filters })));
		const counts: Partial<Record<Facet, Record<string, number>>> = {};
		for (const facet of FACETS) {
			if (state[facet].length === 0) {
				counts[facet] = addCounts(responses.map((response) => response.filters[facet]));
				continue;
			}
			const without = this.#getFilters(state, facet);
			const others = await Promise.all(languages.map(async (lang) => (await this.#getInstance(lang)).search(term, { filters: without })));
			counts[facet] = addCounts(others.map((response) => response.filters[facet]));
		}
		return toFacetCounts(counts);
	}

	#getFilters(state: SearchState, except?: Facet) {
		const filters = getSearchFilters(state, this.#options.months, except);
		// Each language has its own index, so the language is chosen by which indexes are asked.
		delete filters[LANGUAGE_FILTER];
		return filters;
	}

	#getInstance(lang: string): Promise<PagefindInstance> {
		let instance = this.#instances.get(lang);
		if (!instance) {
			instance = this.#createInstance(lang);
			this.#instances.set(lang, instance);
		}
		return instance;
	}

	#loadFilters(lang: string): Promise<unknown> {
		let loaded = this.#filtersLoaded.get(lang);
		if (!loaded) {
			loaded = this.#getInstance(lang).then((instance) => instance.filters());
			this.#filtersLoaded.set(lang, loaded);
		}
		return loaded;
	}

	async #createInstance(lang: string): Promise<PagefindInstance> {
		// One copy of pagefind.js per language: each copy holds one WebAssembly module, and an index only
		// searches correctly with its own language's module (stemming, word splitting) loaded in it.
		const pagefind = (await import(/* @vite-ignore */ `${this.#options.bundle}pagefind.js?language=${encodeURIComponent(lang)}`)) as PagefindModule;
		// Pagefind takes an instance's language from <html lang> when it is created, with no option for it;
		// the page lends its root the language for that one synchronous call and takes it straight back.
		const root = document.documentElement;
		const pageLang = root.getAttribute('lang');
		root.setAttribute('lang', lang);
		let instance: PagefindInstance;
		try {
			instance = pagefind.createInstance({
				basePath: this.#options.bundle,
				baseUrl: this.#options.base,
				excerptLength: 30,
				// The main thread is fast enough for an archive's index, and a worker would add a download.
				noWorker: true,
			});
		} finally {
			if (pageLang === null) root.removeAttribute('lang');
			else root.setAttribute('lang', pageLang);
		}
		await instance.init();
		return instance;
	}
}

function toHit(data: PagefindData): SearchHit {
	const excerpt = parseExcerptMarkup(data.excerpt);
	return {
		url: `${data.url}${getTextFragment(excerpt)}`,
		title: data.meta.title ?? '',
		date: data.meta.date ?? '',
		datetime: data.meta.datetime ?? '',
		source: data.filters.source?.[0] ?? '',
		bylines: data.filters.byline ?? [],
		lang: data.filters[LANGUAGE_FILTER]?.[0] ?? '',
		excerpt,
	};
}

/**
 * Results of several languages' indexes in one relevance order. Scores are not comparable between
 * indexes (a word in a small index weighs little, and Pagefind also matches parts of long words, so
 * `Autohersteller` finds `auto` in English), so results whose marked words are the searched words come
 * before results that only matched part of a word; within each group, by score. Only the results that
 * can reach the page asked for are looked at.
 */
async function mergeByRelevance(lists: PagefindResult[][], count: number, terms: string[]): Promise<PagefindResult[]> {
	const candidates = lists.flatMap((list) => list.slice(0, count));
	const exact = new Map(
		await Promise.all(
			candidates.map(async (result) => {
				const marked = parseExcerptMarkup((await result.data()).excerpt).filter((part) => part.mark);
				return [result, marked.some((part) => findTermRanges(part.text, terms).length > 0)] as const;
			}),
		),
	);
	return candidates.sort((a, b) => Number(exact.get(b)) - Number(exact.get(a)) || b.score - a.score);
}

/**
 * The first `count` results of several date-sorted lists, in date order. Pagefind keeps the sort key to
 * to itself, so each list's head is compared by the same instant in its record's metadata (`published`), loaded only when needed.
 */
async function mergeByDate(lists: PagefindResult[][], count: number, newestFirst: boolean): Promise<PagefindResult[]> {
	const cursors = lists.map(() => 0);
	const merged: PagefindResult[] = [];
	const keyOf = async (result: PagefindResult) => (await result.data()).meta.published ?? '';
	while (merged.length < count) {
		let best = -1;
		let bestKey = '';
		for (const [index, list] of lists.entries()) {
			const head = list[cursors[index]!];
			if (!head) continue;
			const key = await keyOf(head);
			if (best === -1 || (newestFirst ? key > bestKey : key < bestKey)) [best, bestKey] = [index, key];
		}
		if (best === -1) break;
		merged.push(lists[best]![cursors[best]!]!);
		cursors[best] = cursors[best]! + 1;
	}
	return merged;
}
