import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PortableIndexWriter } from '../../src/integrations/portable.ts';
import { FACETS, EMPTY_SEARCH_STATE, RESULTS_PER_PAGE, getEffectiveSort, type Facet, type SearchState } from '../../src/model/search-state.ts';
import { matchesTerm, tokenize } from '../../src/model/search-text.ts';
import { toFacetCounts } from '../../src/scripts/search/engine.ts';
import { findTermParts, LocalEngine, PARTS_GLOBAL, type LocalSearchData, type LocalStory } from '../../src/scripts/search/local-engine.ts';
import { parseQuery } from '../../src/scripts/search/query.ts';

// A made-up archive whose stories are not in date order, with several stories at the same instant (date order
// then follows the address), multi-valued bylines and topics, two languages, and small parts, so that a search
// spans many parts. Every answer of the portable engine is checked against a plain reading of the stories.

const ROOT = new URL('file:///archive/');
const VOCABULARY = ['oil', 'prices', 'coffee', 'interest', 'rates', 'yen', 'tokyo', 'exports', 'export', 'honda', 'takeover', 'bid', 'bank', 'grain', 'steel'];
const SOURCES = ['Reuters', 'AP', 'CNN'];
const BYLINES = ['Ann Lee', 'Bo Chen', 'Cy Diaz', 'Di Evans'];
const TOPICS = ['Oil', 'Money', 'Asia'];
const STORIES = 360;

/** A fixed pseudo-random sequence, so the archive is the same on every run. */
function createRandom(seed: number): (below: number) => number {
	let state = seed;
	return (below) => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return Math.floor((state / 2_147_483_648) * below);
	};
}

function makeStories(): LocalStory[] {
	const random = createRandom(11);
	const pick = <T>(list: readonly T[], most: number) => [...new Set(Array.from({ length: random(most + 1) }, () => list[random(list.length)]!))];
	const words = (count: number) => Array.from({ length: count }, () => VOCABULARY[random(VOCABULARY.length)]!).join(' ');
	return Array.from({ length: STORIES }, (_, index) => {
		// 108 instants for 360 stories: many share one.
		const published = new Date(Date.UTC(1987 + random(3), random(12), 1 + 10 * random(3), 12)).toISOString();
		const [year, month, day] = [published.slice(0, 4), published.slice(0, 7), published.slice(0, 10)];
		const lang = random(5) === 0 ? 'de' : 'en';
		return {
			url: `${day.replaceAll('-', '/')}/story-${(index * 7919) % STORIES}/index.html`,
			lang,
			text: `${words(4 + random(20))}, ${random(3) === 0 ? 'oil prices' : 'prices oil'} ${words(3)}`,
			meta: { title: `${words(1 + random(3))} ${index}`, date: day, datetime: published, published },
			filters: { source: [SOURCES[random(SOURCES.length)]!], byline: pick(BYLINES, 2), year: [year], topic: pick(TOPICS, 2), lang: [lang], month: [month], day: [day] },
		};
	});
}

const stories = makeStories();
const idsByAddress = new Map(stories.map((story, id) => [new URL(story.url, ROOT).href, id]));
const wordsOf = stories.map((story) => [...tokenize(story.meta.title, story.lang), ...tokenize(story.text, story.lang)]);
let folder: string;
let data: LocalSearchData;

beforeAll(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'clippings-portable-index-'));
	const writer = new PortableIndexWriter(folder, { storiesPerPart: 8, tableRows: 40, termsPartBytes: 2048 });
	for (const story of stories) writer.add(story);
	data = writer.finish();
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The parts as the browser runs them (a script that files its data under its name), each run once. */
const runParts = new Map<string, unknown>();

/** An engine that reads the parts from disk, noting each part it reads. */
function openEngine(): { engine: LocalEngine; read: string[] } {
	const read: string[] = [];
	const engine = new LocalEngine(data, ROOT, async (name) => {
		read.push(name);
		if (!runParts.has(name)) {
			const window: Record<string, Record<string, unknown> | undefined> = {};
			runInNewContext(readFileSync(path.join(folder, `${name}.js`), 'utf8'), { window });
			runParts.set(name, window[PARTS_GLOBAL]![name]);
		}
		return runParts.get(name);
	});
	return { engine, read };
}

const state = (changes: Partial<SearchState>): SearchState => ({ ...EMPTY_SEARCH_STATE, ...changes });

/** The ids of the stories a search should find, by reading every story. */
function findExpected(search: SearchState, except?: Facet): number[] {
	const parsed = parseQuery(search.q);
	const terms = tokenize(parsed.words.join(' '));
	return stories.flatMap((story, id) => {
		const words = wordsOf[id]!;
		const has = (term: string) => words.some((word) => matchesTerm(word, term));
		if (!terms.every(has)) return [];
		if (parsed.excluded.some((word) => tokenize(word).every(has))) return [];
		const inRun = (phrase: string[]) => words.some((_, start) => phrase.every((word, offset) => words[start + offset] === word));
		if (!parsed.phrases.every((phrase) => inRun(tokenize(phrase)))) return [];
		const chosen = (name: string, values: readonly string[]) => values.length === 0 || story.filters[name]!.some((value) => values.includes(value));
		if (!FACETS.every((facet) => facet === except || chosen(facet, search[facet]))) return [];
		if (search.lang && !chosen('lang', [search.lang])) return [];
		const month = story.filters.month![0]!;
		if ((search.from && month < search.from) || (search.to && month > search.to)) return [];
		return [id];
	});
}

/** Stories in date order: by publication instant, then by address. */
function sortByDate(ids: number[], newestFirst: boolean): number[] {
	const sorted = [...ids].sort((a, b) => {
		const [first, second] = [stories[a]!, stories[b]!];
		return first.meta.published.localeCompare(second.meta.published) || first.url.localeCompare(second.url);
	});
	return newestFirst ? sorted.reverse() : sorted;
}

/** Every result of a search, page after page, as story ids. */
async function searchAllPages(engine: LocalEngine, search: SearchState): Promise<{ ids: number[]; total: number }> {
	const ids: number[] = [];
	const first = await engine.search(search);
	for (let page = 1; page <= Math.ceil(first.total / RESULTS_PER_PAGE); page++) {
		const outcome = page === 1 ? first : await engine.search({ ...search, page });
		for (const hit of outcome.hits) ids.push(idsByAddress.get(hit.url.split('#')[0]!)!);
	}
	return { ids, total: first.total };
}

const SEARCHES: [string, Partial<SearchState>][] = [
	['one word', { q: 'coffee' }],
	['two words', { q: 'interest rates' }],
	['a word being typed', { q: 'expo' }],
	['a word left out', { q: 'oil -honda' }],
	['a phrase', { q: '"oil prices"' }],
	['a chosen source', { q: 'bank', source: ['AP'] }],
	['two chosen bylines', { q: 'steel', byline: ['Ann Lee', 'Cy Diaz'] }],
	['a topic and a year', { topic: ['Asia'], year: ['1988'] }],
	['a language', { q: 'yen', lang: 'de' }],
	['a date range', { q: 'grain', from: '1987-06', to: '1988-03' }],
	['no words at all', {}],
];

describe('the portable index, searched as a copy opened from disk searches it', () => {
	test.each(SEARCHES)('%s: the total and the results are those of every story read in full', async (_, changes) => {
		const { engine } = openEngine();
		const search = state(changes);
		const { ids, total } = await searchAllPages(engine, search);
		const expected = findExpected(search);
		expect(total).toBe(expected.length);
		if (getEffectiveSort(search) === 'relevance') expect([...ids].sort((a, b) => a - b)).toEqual(expected);
		else expect(ids).toEqual(sortByDate(expected, true));
	});

	test.each(SEARCHES)('%s: newest and oldest first list the results by date, then by address', async (_, changes) => {
		for (const sort of ['newest', 'oldest'] as const) {
			const { engine } = openEngine();
			const search = state({ ...changes, sort });
			expect((await searchAllPages(engine, search)).ids).toEqual(sortByDate(findExpected(search), sort === 'newest'));
		}
	});

	test.each(SEARCHES)('%s: each facet counts what choosing one more of its values would give', async (_, changes) => {
		const { engine } = openEngine();
		const search = state(changes);
		const counts: Partial<Record<Facet, Record<string, number>>> = {};
		for (const facet of FACETS) {
			const values: Record<string, number> = {};
			for (const id of findExpected(search, search[facet].length > 0 ? facet : undefined)) {
				for (const value of stories[id]!.filters[facet]!) values[value] = (values[value] ?? 0) + 1;
			}
			counts[facet] = values;
		}
		expect(await (await engine.search(search)).facets()).toEqual(toFacetCounts(counts));
	});

	test('a result shows its story’s headline, date, source and bylines, and links to its page', async () => {
		const { engine } = openEngine();
		const outcome = await engine.search(state({ q: 'takeover bid', sort: 'oldest' }));
		const expected = sortByDate(findExpected(state({ q: 'takeover bid' })), false).slice(0, RESULTS_PER_PAGE);
		expect(outcome.hits.map((hit) => ({ ...hit, url: hit.url.split('#')[0], excerpt: undefined }))).toEqual(
			expected.map((id) => {
				const story = stories[id]!;
				return { url: new URL(story.url, ROOT).href, title: story.meta.title, date: story.meta.date, datetime: story.meta.datetime, source: story.filters.source![0], bylines: story.filters.byline, lang: story.lang, excerpt: undefined, missing: [] };
			}),
		);
	});

	test('a word reads the one terms part that holds it and the words it answers for', async () => {
		const { engine, read } = openEngine();
		await engine.search(state({ q: 'prices' }));
		const holding = data.terms.flatMap(([first, last], part) => (first <= 'prices' && 'price' <= last ? [`terms/${part}`] : []));
		expect(holding).toHaveLength(1);
		expect(read.filter((name) => name.startsWith('terms/'))).toEqual(holding);
	});

	test('a search by relevance reads no table, and of the stories only those of the results shown', async () => {
		const { engine, read } = openEngine();
		const outcome = await engine.search(state({ q: 'coffee' }));
		const shown = outcome.hits.map((hit) => idsByAddress.get(hit.url.split('#')[0]!)!);
		expect(read.filter((name) => !name.startsWith('terms/')).sort()).toEqual(partsOf('stories', shown, data.storiesPerPart));
	});

	test('counting the facets reads the table runs of the matching stories and the values, and no story', async () => {
		const { engine, read } = openEngine();
		const outcome = await engine.search(state({ q: 'coffee' }));
		read.length = 0;
		await outcome.facets();
		expect(read.sort()).toEqual([...partsOf('table', findExpected(state({ q: 'coffee' })), data.tableRows), 'values']);
	});

	test('ordering by date reads the table runs of the matching stories, and of the stories only those shown', async () => {
		const { engine, read } = openEngine();
		const search = state({ q: 'coffee', sort: 'oldest', source: ['AP'] });
		const outcome = await engine.search(search);
		const shown = outcome.hits.map((hit) => idsByAddress.get(hit.url.split('#')[0]!)!);
		const words = findExpected(state({ q: 'coffee' }));
		expect(read.filter((name) => !name.startsWith('terms/')).sort()).toEqual([...partsOf('stories', shown, data.storiesPerPart), ...partsOf('table', words, data.tableRows), 'values'].sort());
	});
});

describe('which terms parts a searched term reads', () => {
	const ranges: [string, string][] = [
		['a', 'hon'],
		['honda', 'hong'],
		['hongkong', 'i'],
		['ia', 'price'],
		['prices', 'pro'],
		['prop', 'z'],
	];
	test.each([
		['honda', [1]],
		['hond', [1]],
		['hong', [1, 2]],
		['h', [0, 1, 2]],
		['prices', [3, 4]],
		['pricey', [3, 4]],
		['priced', [3]],
		['pro', [4, 5]],
		['zzz', []],
	] as const)('%s reads parts %j', (term, parts) => {
		expect(findTermParts(ranges, term)).toEqual(parts);
	});
});

/** The names of the parts of a kind that hold some stories. */
function partsOf(kind: string, ids: readonly number[], perPart: number): string[] {
	return [...new Set(ids.map((id) => `${kind}/${Math.floor(id / perPart)}`))].sort();
}
