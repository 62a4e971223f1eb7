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
import { findTermRanges, getTextFragment, normalizeWord, parseExcerptMarkup, tokenize } from '../../model/search-text.ts';
import { addCounts, SearchOvertaken, toFacetCounts, type FacetCounts, type SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';
import { formatIndexQuery, getUnspacedRuns, holdsRuns, parseQuery, splitIndexWords, type ParsedQuery } from './query.ts';
import { hasPhraseMatch, rankCandidates, toComparableWords, type RankCandidate } from './ranking.ts';
import { chooseCorrections, correctQuery, findCloseWord } from './spelling.ts';
import { countValues, openIndexFilters, selectByFilters, type IndexFilters } from './index-filters.ts';
import { combineShardFilters, combineShardInstances, readShardLanguages, type ShardIndex } from './shard-search.ts';

/** The parts of Pagefind's browser API this page uses (see `pagefind/pagefind.js` in the built site). */
interface PagefindModule {
	createInstance(options: Record<string, unknown>): PagefindInstance;
}

/**
 * An instance is never given filters (see `index-filters.ts`): a search with no words and no filters finds
 * every story.
 */
export interface PagefindInstance {
	init(): Promise<void>;
	search(term: string | null): Promise<PagefindResponse>;
}

export interface PagefindResponse {
	results: PagefindResult[];
}

export interface PagefindResult {
	/** The page's id in its index. */
	id: string;
	score: number;
	/** Positions of the matched words in the page's text. */
	words: number[];
	data(): Promise<PagefindData>;
}

/** A result on its way to the ranking: which index it came from and which query words it lacks. */
interface Candidate extends RankCandidate {
	result: PagefindResult;
	lang: string;
}

/**
 * Beyond the page asked for, how many more of the best candidates have their text read: for a close spelling
 * of a word they lack, or for a run of Chinese or Japanese as typed.
 */
const SPELLING_POOL = 10;

/** How many words a query may drop one at a time before the search falls back to each word alone. */
const MAX_LEAVE_ONE_OUT = 10;

interface PagefindData {
	url: string;
	/** The story's whole indexed text. */
	content?: string;
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
	/**
	 * The reader's language (the archive's own), whose index opens first: a search answers from it at once
	 * and from the other languages' indexes once they have loaded (each is a WebAssembly module of its own).
	 * When the archive has no story in it, the language with the most stories.
	 */
	primary: string;
	/** Every month the archive has stories in, `YYYY-MM`. */
	months: string[];
	/**
	 * In a shard's build of a sharded archive, every shard's index (this one's included), searched together:
	 * `languages` are then this shard's, and the others' are read from their indexes.
	 */
	shards?: ShardIndex[];
}

/** Searches the archive's Pagefind index. */
export class PagefindEngine implements SearchEngine {
	readonly #options: PagefindEngineOptions;
	readonly #instances = new Map<string, Promise<PagefindInstance>>();
	/** Each language's filters, read by the page (`index-filters.ts`). */
	readonly #filters = new Map<string, IndexFilters>();
	/** Languages whose index has loaded. */
	readonly #ready = new Set<string>();
	readonly #primary: string;
	/** Languages of every index searched, this shard's first; read once from the other shards' indexes. */
	#languages: Promise<string[]> | undefined;
	readonly #shardLanguages = new Map<string, Promise<string[]>>();

	constructor(options: PagefindEngineOptions) {
		this.#options = options;
		this.#primary = options.languages.includes(options.primary) ? options.primary : (options.languages[0] ?? options.primary);
	}

	prepare(): void {
		void this.#getInstance(this.#primary).catch(() => undefined);
	}

	async search(state: SearchState, isCurrent: () => boolean = () => true): Promise<SearchOutcome> {
		const all = await this.#getLanguages();
		const languages = state.lang ? all.filter((lang) => lang === state.lang) : all;
		const waiting = languages.filter((lang) => lang !== this.#primary && !this.#ready.has(lang));
		if (waiting.length === 0 || !languages.includes(this.#primary)) return this.#searchIn(state, languages, isCurrent);
		// The first search answers from the reader's language; the other indexes load after it, and the
		// search runs again over all of them (`complete`), so no story in another language is left out.
		const complete = async () => {
			await Promise.all(waiting.map((lang) => this.#getInstance(lang)));
			return this.#searchIn(state, languages, isCurrent);
		};
		const first = await this.#searchIn(state, [this.#primary, ...languages.filter((lang) => this.#ready.has(lang) && lang !== this.#primary)], isCurrent);
		// "Nothing found" or a near miss in one language may be a story in another: that waits for every index.
		if (first.total === 0 || first.partial) return complete();
		return { ...first, complete };
	}

	async #searchIn(state: SearchState, languages: string[], isCurrent: () => boolean): Promise<SearchOutcome> {
		const term = formatIndexQuery(parseQuery(state.q)) || null;
		const sortOrder = getEffectiveSort(state);
		const filters = this.#getFilters(state);
		const first = (state.page - 1) * RESULTS_PER_PAGE;
		if (sortOrder === 'relevance') {
			const parsed = parseQuery(state.q);
			const found = await this.#searchByRelevance(languages, state.q, parsed, filters, first, isCurrent);
			const hits = found.page.map(({ data, missing }) => ({ ...toHit(data), missing }));
			// Facets count the stories with every word; when none has them all, there is nothing to count.
			const facets = found.allWords ? () => this.#countFacets(state, languages, found.term) : async () => toFacetCounts({});
			return { total: found.total, hits, partial: found.partial, facets, ...(found.suggestion ? { suggestion: found.suggestion } : {}) };
		}
		const window = await this.#searchByDate(languages, term, parseQuery(state.q).excluded, filters, first, sortOrder === 'newest', isCurrent);
		const hits = window.page.map((data) => ({ ...toHit(data), missing: [] }));
		return { total: window.total, hits, partial: false, facets: () => this.#countFacets(state, languages, term) };
	}

	/**
	 * Results by relevance (see `ranking.ts`). When no story has every word together, the stories with all
	 * words but one are found too, by dropping each word in turn, and failing that, the stories with any of
	 * the words; each result says which words it lacks. Quoted phrases keep only stories with the words in that order,
	 * `-word` removes the stories that have it.
	 */
	async #searchByRelevance(languages: string[], typed: string, parsed: ParsedQuery, filters: SearchFilters, first: number, isCurrent: () => boolean) {
		const term = parsed.words.length > 0 ? formatIndexQuery(parsed) : null;
		// The words as the index holds them: a run of Chinese or Japanese is several words there.
		const terms = parsed.words.flatMap(splitIndexWords);
		const words = [...new Set(terms.map(normalizeWord))];
		const wordCount = terms.length;
		// Beside the words anywhere, the words as one run in the order typed (Pagefind's exact-phrase search,
		// over the same loaded chunks): what a reader who remembers a passage or a headline means.
		const inOrder = terms.length > 1 && parsed.phrases.length === 0 ? `"${terms.join(' ')}"` : undefined;
		const [found, exact] = await Promise.all([this.#collect(languages, term, filters, []), inOrder ? this.#collect(languages, inOrder, filters, []) : []]);
		const exactKeys = new Set(exact.map(getKey));
		let candidates = found.map((candidate) => (exactKeys.has(getKey(candidate)) ? { ...candidate, exact: true } : candidate));
		const allWords = candidates.length > 0;
		if (words.length > 1 && parsed.phrases.length === 0 && !hasPhraseMatch(candidates, wordCount)) {
			// No story has the words together (or at all): look for those with all words but one.
			if (words.length <= MAX_LEAVE_ONE_OUT) {
				const dropped = await Promise.all(words.map((word) => this.#collect(languages, words.filter((other) => other !== word).join(' '), filters, [word])));
				candidates = unique([...candidates, ...dropped.flat()]);
			}
			if (candidates.length === 0) candidates = combineWordResults(await Promise.all(words.map((word) => this.#collect(languages, word, filters, []))), words);
		}
		if (parsed.phrases.length > 0 && term !== `"${parsed.words.join(' ')}"`) {
			for (const phrase of parsed.phrases) {
				const holding = new Set((await this.#collect(languages, `"${phrase}"`, filters, [])).map(getKey));
				candidates = candidates.filter((candidate) => holding.has(getKey(candidate)));
			}
		}
		for (const word of parsed.excluded) {
			const holding = new Set((await this.#collect(languages, word, filters, [])).map(getKey));
			candidates = candidates.filter((candidate) => !holding.has(getKey(candidate)));
		}
		if (!isCurrent()) throw new SearchOvertaken();
		let ordered = await this.#rank(candidates, wordCount, first + RESULTS_PER_PAGE, words);
		let corrections = new Map<string, string>();
		const runs = getUnspacedRuns(parsed);
		const pool = ordered.slice(0, first + RESULTS_PER_PAGE + SPELLING_POOL);
		if (runs.length > 0) {
			// A run of Chinese or Japanese is matched as typed, in the text of the best stories: the index may
			// have split it into other words than the query was, so a story can hold the run and yet seem to lack one.
			await Promise.all(
				pool.map(async (candidate) => {
					if (!holdsRuns((await candidate.result.data()).content ?? '', runs)) return;
					candidate.missing = [];
					candidate.exact = true;
				}),
			);
			ordered = [...rankCandidates(pool, wordCount), ...ordered.slice(pool.length)];
		} else if (pool.some((candidate) => candidate.missing.length > 0)) {
			// Words missing from the best stories: their text is read for the word the reader may have meant.
			const close = await Promise.all(
				pool.map(async (candidate) => {
					if (candidate.missing.length === 0) return new Map<string, string>();
					const { content } = await candidate.result.data();
					const found = new Map<string, string>();
					for (const word of candidate.missing) {
						const near = findCloseWord(word, content ?? '', candidate.lang);
						if (near) found.set(word, near);
					}
					candidate.closeWords = found.size;
					return found;
				}),
			);
			ordered = [...rankCandidates(pool, wordCount), ...ordered.slice(pool.length)];
			corrections = chooseCorrections(close);
		}
		if (first === 0 && parsed.excluded.length === 0) {
			// A reader who typed a headline wants that story: of the first page's results (whose records are
			// read to show them anyway), one whose headline is the query word for word goes first.
			const asked = toComparableWords(parsed.words.join(' '));
			const top = ordered.slice(0, RESULTS_PER_PAGE);
			await Promise.all(top.map(async (candidate) => (candidate.headline = toComparableWords((await candidate.result.data()).meta.title ?? '') === asked)));
			ordered = [...rankCandidates(top, wordCount), ...ordered.slice(top.length)];
		}
		const chosen = ordered.slice(first, first + RESULTS_PER_PAGE);
		const page = await Promise.all(chosen.map(async (candidate) => ({ data: await candidate.result.data(), missing: [...candidate.missing] })));
		const partial = (ordered[0]?.missing.length ?? 0) > 0;
		// "Did you mean": the words the best result lacks, corrected as most of the stories read spell them.
		const meant = new Map([...corrections].filter(([word]) => ordered[0]!.missing.includes(word)));
		const suggestion = partial && meant.size > 0 ? correctQuery(typed, meant) : undefined;
		return { total: candidates.length, page, partial, allWords, term, suggestion };
	}

	/** One search in every language's index, as candidates lacking the words given. */
	async #collect(languages: string[], term: string | null, filters: SearchFilters, missing: string[]): Promise<Candidate[]> {
		const found = await Promise.all(languages.map(async (lang) => ({ lang, results: await this.#find(lang, term, filters) })));
		return found.flatMap(({ lang, results }) => results.map((result) => ({ result, lang, score: result.score, locations: result.words ?? [], missing, tiebreak: `${lang}:${result.id}` })));
	}

	/**
	 * Ranks candidates. Scores of different indexes are not comparable, and Pagefind also matches parts
	 * of long words (`Autohersteller` for `auto`), so when several languages answered, the candidates that
	 * can reach the page asked for have their excerpts read to tell whole-word matches from partial ones.
	 */
	async #rank(candidates: Candidate[], wordCount: number, count: number, words: string[]): Promise<Candidate[]> {
		const ranked = rankCandidates(candidates, wordCount);
		if (new Set(candidates.map((candidate) => candidate.lang)).size <= 1) return ranked;
		const perLanguage = new Map<string, number>();
		const contenders = ranked.filter((candidate) => {
			const seen = perLanguage.get(candidate.lang) ?? 0;
			perLanguage.set(candidate.lang, seen + 1);
			return seen < count;
		});
		await Promise.all(
			contenders.map(async (candidate) => {
				const marked = parseExcerptMarkup((await candidate.result.data()).excerpt).filter((part) => part.mark);
				candidate.wholeWords = marked.some((part) => findTermRanges(part.text, words).length > 0);
			}),
		);
		return rankCandidates(contenders, wordCount);
	}

	/**
	 * Results in date order without a Pagefind sort key: the results are counted per day (the `day`
	 * filter), and only the records of the days that hold the page asked for are read and put in order by
	 * the instant each story was published.
	 */
	async #searchByDate(languages: string[], term: string | null, excluded: string[], filters: SearchFilters, first: number, newestFirst: boolean, isCurrent: () => boolean) {
		const found = await Promise.all(
			languages.map(async (lang) => {
				const [results] = await Promise.all([this.#find(lang, term, filters), this.#getIndexFilters(lang).load([DAY_FILTER])]);
				return { lang, results };
			}),
		);
		const left = new Set<string>();
		for (const word of excluded) for (const candidate of await this.#collect(languages, word, filters, [])) left.add(getKey(candidate));
		if (!isCurrent()) throw new SearchOvertaken();
		const kept = found.map(({ lang, results }) => ({ lang, results: results.filter((result) => !left.has(`${lang}:${result.id}`)) }));
		const total = kept.reduce((sum, { results }) => sum + results.length, 0);
		const counts = addCounts(kept.map(({ lang, results }) => countValues(this.#getIndexFilters(lang), results.map((result) => result.id), DAY_FILTER)));
		const { days, skip } = selectDays(counts, first, RESULTS_PER_PAGE, newestFirst);
		const chosen = new Set(days);
		const inDays = kept.flatMap(({ lang, results }) => results.filter((result) => this.#getIndexFilters(lang).getValues(result.id, DAY_FILTER).some((day) => chosen.has(day))));
		const records = await Promise.all(inDays.map((result) => result.data()));
		records.sort((a, b) => {
			const order = (a.meta.published ?? '').localeCompare(b.meta.published ?? '') || a.url.localeCompare(b.url);
			return newestFirst ? -order : order;
		});
		return { total, page: records.slice(skip, skip + RESULTS_PER_PAGE) };
	}

	/**
	 * Facet counts, after the results are on screen, as they read more of the index (the facets' filters).
	 * A facet with chosen values is counted without them, so its other values show what choosing them would add.
	 */
	async #countFacets(state: SearchState, languages: string[], term: string | null): Promise<FacetCounts> {
		const found = await Promise.all(
			languages.map(async (lang) => {
				const [results] = await Promise.all([this.#find(lang, term, {}), this.#getIndexFilters(lang).load([...FACETS, ...Object.keys(this.#getFilters(state))])]);
				return { filters: this.#getIndexFilters(lang), ids: results.map((result) => result.id) };
			}),
		);
		const counts: Partial<Record<Facet, Record<string, number>>> = {};
		for (const facet of FACETS) {
			const chosen = this.#getFilters(state, state[facet].length > 0 ? facet : undefined);
			counts[facet] = addCounts(found.map(({ filters, ids }) => countValues(filters, ids.filter(selectByFilters(filters, chosen)), facet)));
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
			void instance.then(() => this.#ready.add(lang)).catch(() => undefined);
		}
		return instance;
	}

	#getIndexFilters(lang: string): IndexFilters {
		let filters = this.#filters.get(lang);
		if (!filters) {
			filters = this.#openIndexFilters(lang);
			this.#filters.set(lang, filters);
		}
		return filters;
	}

	#openIndexFilters(lang: string): IndexFilters {
		const { shards, bundle } = this.#options;
		if (!shards) return openIndexFilters(bundle, lang);
		const parts = (async () => {
			const holding = await Promise.all(shards.map(async (shard) => (await this.#getShardLanguages(shard)).includes(lang)));
			return shards.filter((_shard, index) => holding[index]).map((shard) => ({ name: shard.name, filters: openIndexFilters(shard.bundle, lang) }));
		})();
		return combineShardFilters(parts);
	}

	/**
	 * One language's results for the words (every story when there are none), kept to those passing the
	 * filters. With words asked for, a result with no word positions matched none of them: an index that does
	 * not hold a word at all (`$61`) can answer as if it had not been asked.
	 */
	async #find(lang: string, term: string | null, filters: SearchFilters): Promise<PagefindResult[]> {
		const indexFilters = this.#getIndexFilters(lang);
		const [response] = await Promise.all([(await this.#getInstance(lang)).search(term), indexFilters.load(Object.keys(filters))]);
		const passes = selectByFilters(indexFilters, filters);
		return response.results.filter((result) => (term === null || (result.words ?? []).length > 0) && passes(result.id));
	}

	#getLanguages(): Promise<string[]> {
		const { shards, languages } = this.#options;
		this.#languages ??= shards ? Promise.all(shards.map((shard) => this.#getShardLanguages(shard))).then((lists) => [...new Set([...languages, ...lists.flat()])]) : Promise.resolve(languages);
		return this.#languages;
	}

	#getShardLanguages(shard: ShardIndex): Promise<string[]> {
		let languages = this.#shardLanguages.get(shard.name);
		if (!languages) {
			languages = shard.bundle === this.#options.bundle ? Promise.resolve(this.#options.languages) : readShardLanguages(shard);
			this.#shardLanguages.set(shard.name, languages);
		}
		return languages;
	}

	async #createInstance(lang: string): Promise<PagefindInstance> {
		const { shards, bundle, base } = this.#options;
		if (!shards) return this.#openBundle(bundle, base, lang);
		// Every shard's index of the language, searched as one.
		const holding = await Promise.all(shards.map(async (shard) => (await this.#getShardLanguages(shard)).includes(lang)));
		const parts = shards.filter((_shard, index) => holding[index]);
		return combineShardInstances(await Promise.all(parts.map(async (shard) => ({ name: shard.name, instance: await this.#openBundle(shard.bundle, shard.base, lang) }))));
	}

	async #openBundle(bundle: string, base: string, lang: string): Promise<PagefindInstance> {
		// One copy of pagefind.js per language: each copy holds one WebAssembly module, and an index only
		// searches correctly with its own language's module (stemming, word splitting) loaded in it.
		const pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js?language=${encodeURIComponent(lang)}`)) as PagefindModule;
		// Pagefind takes an instance's language from <html lang> when it is created, with no option for it;
		// the page lends its root the language for that one synchronous call and takes it straight back.
		const root = document.documentElement;
		const pageLang = root.getAttribute('lang');
		root.setAttribute('lang', lang);
		let instance: PagefindInstance;
		try {
			instance = pagefind.createInstance({
				basePath: bundle,
				baseUrl: base,
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

function toHit(data: PagefindData): Omit<SearchHit, 'missing'> {
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

/** A candidate's identity: its index and its id there. */
function getKey(candidate: Candidate): string {
	return `${candidate.lang}:${candidate.result.id}`;
}

/** Candidates found by several searches, each kept once, with the fewest missing words it was found with. */
function unique(candidates: Candidate[]): Candidate[] {
	const kept = new Map<string, Candidate>();
	for (const candidate of candidates) {
		const key = getKey(candidate);
		const before = kept.get(key);
		if (!before || candidate.missing.length < before.missing.length) kept.set(key, candidate);
	}
	return [...kept.values()];
}

/** The results of a search for each word alone, combined: each story once, with the positions it matched and the words it lacks. */
function combineWordResults(lists: Candidate[][], words: string[]): Candidate[] {
	const combined = new Map<string, { candidate: Candidate; found: Set<string> }>();
	lists.forEach((list, index) => {
		for (const candidate of list) {
			const key = getKey(candidate);
			const entry = combined.get(key);
			if (entry) {
				entry.found.add(words[index]!);
				entry.candidate = { ...entry.candidate, score: entry.candidate.score + candidate.score, locations: [...entry.candidate.locations, ...candidate.locations] };
			} else combined.set(key, { candidate, found: new Set([words[index]!]) });
		}
	});
	return [...combined.values()].map(({ candidate, found }) => ({ ...candidate, missing: words.filter((word) => !found.has(word)) }));
}
