/**
 * Known-item queries for the search benchmark: for a story a reader half remembers, what they would type
 * to find it again: a run of words from its middle (case, apostrophes and figures as printed), its
 * headline, the run with one word misspelt, and for stories in other languages phrases in that language
 * (runs of characters for Chinese and Japanese, which have no spaces).
 */
import { createSeededRandom } from '../../tests/support/seeded-random.ts';
import { readFileSync } from 'node:fs';
import type { SearchIndexRecord } from '../../src/outputs/search-record.ts';

/** The kinds of query, each reported apart. */
export type QueryKind = 'fragment' | 'headline' | 'misspelt' | 'language';

/** One query and the story that answers it. */
export interface KnownItemQuery {
	kind: QueryKind;
	query: string;
	/** The story's address path (`/1987/03/26/honda-exports/`). */
	target: string;
	/** Its address and those of its word-for-word copies (a wire re-issues a story the next day): finding any is finding it. */
	copies: string[];
	/** The index the story is in (its page's `lang`). */
	lang: string;
	/**
	 * How many other stories (not copies) hold the query's words as the same run: when some do, nothing in
	 * the query tells them from the story asked for, and no ranking can put it first every time.
	 */
	shared: number;
}

/** One story as indexed: its headline and the text of its paragraphs. */
export interface BuiltStory {
	path: string;
	lang: string;
	title: string;
	paragraphs: string[];
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;


/**
 * Every story of a built archive as the index received it: the search records the build keeps
 * (`getSearchRecordsFile`, one JSON record a line), whose text is the headline, then the paragraphs.
 */
export function readIndexedStories(recordsFile: string): BuiltStory[] {
	const stories: BuiltStory[] = [];
	for (const line of readFileSync(recordsFile, 'utf8').split('\n')) {
		if (!line) continue;
		const record = JSON.parse(line) as SearchIndexRecord;
		const [, ...paragraphs] = record.content.split(/\n\n+/);
		stories.push({ path: decodeURI(record.url), lang: record.language, title: record.meta.title, paragraphs: paragraphs.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean) });
	}
	return stories.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A word as a reader types it from print: surrounding quotes and punctuation gone; `£3.3`, `24%`, `Honda's`, `five-year` kept. */
function asTyped(word: string): string {
	return word
		.replace(/[‘’]/g, "'")
		.replace(/^[^\p{L}\p{N}$£€¥]+/u, '')
		.replace(/[^\p{L}\p{N}%]+$/u, '');
}

/** A run of 4–8 words from the middle of the story's text, as typed. */
export function pickFragment(story: BuiltStory, random: () => number): string | undefined {
	const words = story.paragraphs.join(' ').split(/\s+/).map(asTyped).filter(Boolean);
	if (words.length < 12) return undefined;
	const length = 4 + Math.floor(random() * 5);
	const middle = Math.floor(words.length / 4 + random() * (words.length / 2));
	const start = Math.max(0, Math.min(words.length - length, middle - Math.floor(length / 2)));
	return words.slice(start, start + length).join(' ');
}

/** How many runs are tried for one that no other story holds. */
const FRAGMENT_TRIES = 8;

/**
 * A fragment that identifies its story, as a known item must: the first of a few runs from its middle that
 * no other story (but its word-for-word copies) holds. Wire stories repeat boilerplate (`said in a
 * statement`, a company's standard paragraph), and a run shared word for word cannot tell its stories
 * apart, whatever the ranking. When every run tried is shared, the last is kept (and counted as shared).
 */
export function pickIdentifyingFragment(story: BuiltStory, random: () => number, countOthers: (run: string) => number): string | undefined {
	let fragment: string | undefined;
	for (let tries = 0; tries < FRAGMENT_TRIES; tries++) {
		fragment = pickFragment(story, random);
		if (fragment === undefined || countOthers(fragment) === 0) return fragment;
	}
	return fragment;
}

/** The query with one word of five letters or more misspelt: two letters swapped, one dropped, doubled or changed. */
export function misspell(query: string, random: () => number): string | undefined {
	const words = query.split(' ');
	const eligible = words.map((word, index) => ({ word, index })).filter(({ word }) => /^\p{L}{5,}$/u.test(word));
	if (eligible.length === 0) return undefined;
	const { word, index } = eligible[Math.floor(random() * eligible.length)]!;
	const at = 1 + Math.floor(random() * (word.length - 2));
	const edits = [
		() => word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
		() => word.slice(0, at) + word.slice(at + 1),
		() => word.slice(0, at) + word[at] + word.slice(at),
		() => word.slice(0, at) + (/[aeiou]/i.test(word[at]!) ? 'aeiou'.replace(word[at]!.toLowerCase(), '')[Math.floor(random() * 4)] : 'e') + word.slice(at + 1),
	];
	const misspelt = edits[Math.floor(random() * edits.length)]!();
	if (misspelt.toLowerCase() === word.toLowerCase()) return undefined;
	words[index] = misspelt;
	return words.join(' ');
}

/**
 * Phrases in a story's own language: every run of eight characters of Chinese or Japanese text (a step
 * apart), or runs of four to six words for languages written with spaces.
 */
export function pickLanguagePhrases(story: BuiltStory, random: () => number, count = 12): string[] {
	const text = story.paragraphs.join(' ');
	if (CJK.test(text)) {
		const runs: string[] = [];
		for (const stretch of text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{8,}/gu) ?? []) {
			for (let at = 0; at + 8 <= stretch.length; at += 3) runs.push(stretch.slice(at, at + 8));
		}
		return runs.slice(0, count);
	}
	const phrases = new Set<string>();
	for (let tries = 0; phrases.size < count && tries < count * 4; tries++) {
		const phrase = pickFragment(story, random);
		if (phrase) phrases.add(phrase);
	}
	return [...phrases];
}

/**
 * The evaluation's queries: `count` stories of the site language drawn at random (seeded), each with a
 * fragment, its headline and a misspelt fragment; and phrases from every story in another language.
 */
export function buildKnownItemQueries(stories: readonly BuiltStory[], count: number, siteLang: string, seed = 13): KnownItemQuery[] {
	const random = createSeededRandom(seed);
	const copies = findCopies(stories);
	const chosen = shuffle(stories.filter((story) => story.lang === siteLang), random);
	const queries: KnownItemQuery[] = [];
	const countHolders = createRunCounter(stories);
	for (const story of chosen.slice(0, count)) {
		const ask = (kind: QueryKind, query: string | undefined) => {
			if (!query) return;
			const storyCopies = copies.get(textOf(story))!;
			const shared = kind === 'fragment' || kind === 'headline' ? countHolders(query, storyCopies.length) : 0;
			queries.push({ kind, query, target: story.path, copies: storyCopies, lang: story.lang, shared });
		};
		const fragment = pickIdentifyingFragment(story, random, (run) => countHolders(run, copies.get(textOf(story))!.length));
		ask('fragment', fragment);
		ask('headline', story.title);
		ask('misspelt', fragment && misspell(fragment, random));
	}
	for (const story of stories.filter((candidate) => candidate.lang !== siteLang)) {
		for (const phrase of pickLanguagePhrases(story, random)) queries.push({ kind: 'language', query: phrase, target: story.path, copies: copies.get(textOf(story))!, lang: story.lang, shared: 0 });
	}
	return queries;
}

/**
 * Queries for an archive in Chinese or Japanese: for `count` stories drawn at random (seeded), an
 * 8-character run of their text that identifies them (the first run no other story holds), as a reader
 * types a phrase they remember.
 */
export function buildCjkRunQueries(stories: readonly BuiltStory[], count: number, seed = 17): KnownItemQuery[] {
	const random = createSeededRandom(seed);
	const copies = findCopies(stories);
	const countHolders = createRunCounter(stories);
	const queries: KnownItemQuery[] = [];
	for (const story of shuffle(stories, random)) {
		if (queries.length === count) break;
		const storyCopies = copies.get(textOf(story))!;
		const runs = pickLanguagePhrases(story, random, 40);
		const run = runs.find((candidate) => countHolders(candidate, storyCopies.length) === 0);
		if (run) queries.push({ kind: 'language', query: run, target: story.path, copies: storyCopies, lang: story.lang, shared: 0 });
	}
	return queries;
}

/** A story's headline and text, as copies are compared and runs counted. */
function textOf(story: BuiltStory): string {
	return `${story.title}\n${story.paragraphs.join('\n')}`;
}

/** Each story's text → the addresses of the stories with that very text (a wire re-issues a story the next day). */
function findCopies(stories: readonly BuiltStory[]): Map<string, string[]> {
	const copies = new Map<string, string[]>();
	for (const story of stories) copies.set(textOf(story), [...(copies.get(textOf(story)) ?? []), story.path]);
	return copies;
}

/** A shuffled copy of a list (Fisher–Yates, with the seeded `random`). */
function shuffle<T>(list: readonly T[], random: () => number): T[] {
	const shuffled = [...list];
	for (let index = shuffled.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
	}
	return shuffled;
}

/** Letters and digits only, lower case, one space between words: how a run is compared across stories. */
function flatten(text: string): string {
	return ` ${text.toLocaleLowerCase('und').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/**
 * Counts, for a query, the stories holding its words as a run, less `copies` (the story asked for and its
 * word-for-word copies): every story's text flattened into one string, searched once per query.
 */
function createRunCounter(stories: readonly BuiltStory[]): (query: string, copies: number) => number {
	const texts = stories.map((story) => flatten(textOf(story)));
	const all = texts.join('\u0000');
	const starts: number[] = [];
	let at = 0;
	for (const text of texts) {
		starts.push(at);
		at += text.length + 1;
	}
	return (query, copies) => {
		// Chinese and Japanese runs sit inside longer unspaced runs: only words written with spaces are matched whole.
		const run = CJK.test(query) ? flatten(query).trim() : flatten(query);
		const holders = new Set<number>();
		for (let found = all.indexOf(run); found !== -1; found = all.indexOf(run, found + 1)) {
			let low = 0;
			let high = starts.length - 1;
			while (low < high) {
				const middle = (low + high + 1) >> 1;
				if (starts[middle]! <= found) low = middle;
				else high = middle - 1;
			}
			holders.add(low);
		}
		return Math.max(0, holders.size - copies);
	};
}
