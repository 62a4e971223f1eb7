/**
 * The search page's index over HTTP: Pagefind, one instance per language of the archive, each with its
 * own word rules (stemming, Chinese word splitting), searched together and merged.
 */
import {
	DAY_FILTER,
	FACETS,
	LANGUAGE_FILTER,
	RESULTS_PER_PAGE,
	getEffectiveSort,
	getSearchFilters,
	selectDays,
	type Facet,
	type SearchFilters,
	type SearchState,
} from '../../model/search-state.ts';
import { findTermRanges, getTextFragment, parseExcerptMarkup, tokenize } from '../../model/search-text.ts';
import { addCounts, SearchOvertaken, toFacetCounts, type FacetCounts, type SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';

/** The parts of Pagefind's browser API this page uses (see `pagefind/pagefind.js` in the built site). */
interface PagefindModule {
	createInstance(options: Record<string, unknown>): PagefindInstance;
}

interface PagefindInstance {
	init(): Promise<void>;
	filters(): Promise<Record<string, Record<string, number>>>;
	search(term: string | null, options: { filters?: unknown }): Promise<PagefindResponse>;
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

	prepare(): void {
		for (const lang of this.#options.languages) void this.#getInstance(lang).catch(() => undefined);
	}

	async search(state: SearchState, isCurrent: () => boolean = () => true): Promise<SearchOutcome> {
		const languages = state.lang ? this.#options.languages.filter((lang) => lang === state.lang) : this.#options.languages;
		const term = state.q || null;
		const sortOrder = getEffectiveSort(state);
		const filters = this.#getFilters(state);
		const first = (state.page - 1) * RESULTS_PER_PAGE;
		const window =
			sortOrder === 'relevance'
				? await this.#searchByRelevance(languages, term, filters, first, tokenize(state.q), isCurrent)
				: await this.#searchByDate(languages, term, filters, first, sortOrder === 'newest', isCurrent);
		const hits = window.page.map(toHit);
		return { total: window.total, hits, facets: () => this.#countFacets(state, languages, term) };
	}

	async #searchByRelevance(languages: string[], term: string | null, filters: SearchFilters, first: number, terms: string[], isCurrent: () => boolean) {
		const responses = await Promise.all(languages.map(async (lang) => (await this.#getInstance(lang)).search(term, { filters })));
		if (!isCurrent()) throw new SearchOvertaken();
		const total = responses.reduce((sum, response) => sum + response.results.length, 0);
		const ordered =
			responses.length === 1
				? responses[0]!.results
				: await mergeByRelevance(responses.map((response) => response.results), first + RESULTS_PER_PAGE, terms);
		const page = await Promise.all(ordered.slice(first, first + RESULTS_PER_PAGE).map((result) => result.data()));
		return { total, page };
	}

	/**
	 * Results in date order without a Pagefind sort key: the results are counted per day (the `day`
	 * filter), the days that hold the page asked for are searched again on their own, and only their
	 * records are read and put in order by the instant each story was published.
	 */
	async #searchByDate(languages: string[], term: string | null, filters: SearchFilters, first: number, newestFirst: boolean, isCurrent: () => boolean) {
		await Promise.all(languages.map((lang) => this.#loadFilters(lang)));
		const responses = await Promise.all(languages.map(async (lang) => (await this.#getInstance(lang)).search(term, { filters })));
		if (!isCurrent()) throw new SearchOvertaken();
		const total = responses.reduce((sum, response) => sum + response.results.length, 0);
		const { days, skip } = selectDays(addCounts(responses.map((response) => response.filters[DAY_FILTER])), first, RESULTS_PER_PAGE, newestFirst);
		if (days.length === 0) return { total, page: [] };
		const dayFilters = { ...filters, [DAY_FILTER]: { any: days } };
		const inDays = await Promise.all(languages.map(async (lang) => (await this.#getInstance(lang)).search(term, { filters: dayFilters })));
		const records = await Promise.all(inDays.flatMap((response) => response.results).map((result) => result.data()));
		records.sort((a, b) => {
			const order = (a.meta.published ?? '').localeCompare(b.meta.published ?? '') || a.url.localeCompare(b.url);
			return newestFirst ? -order : order;
		});
		return { total, page: records.slice(skip, skip + RESULTS_PER_PAGE) };
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
