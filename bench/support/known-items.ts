/**
 * Known-item queries for the search benchmark: for a story a reader half remembers, what they would type
 * to find it again: a run of words from its middle (case, apostrophes and figures as printed), its
 * headline, the run with one word misspelt, and for stories in other languages phrases in that language
 * (runs of characters for Chinese and Japanese, which have no spaces).
 */
import { createSeededRandom } from '../../tests/support/seeded-random.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';

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
}

/** One built story page, as indexed: its headline and the text of its paragraphs. */
export interface BuiltStory {
	path: string;
	lang: string;
	title: string;
	paragraphs: string[];
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;


/** Every story page of a built archive (`YYYY/MM/DD/slug/index.html`), read as the index reads it. */
export function readBuiltStories(dist: string): BuiltStory[] {
	const stories: BuiltStory[] = [];
	const walk = (folder: string, depth: number) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			if (!entry.isDirectory()) continue;
			const child = path.join(folder, entry.name);
			if (depth < 3 && /^\d+$/.test(entry.name)) walk(child, depth + 1);
			else if (depth === 3) {
				const $ = load(readFileSync(path.join(child, 'index.html'), 'utf8'));
				const title = $('h1[data-pagefind-body]').text().trim();
				if (!title) continue;
				const paragraphs = $('.story__body[data-pagefind-body] p')
					.map((_, p) => $(p).text().replace(/\s+/g, ' ').trim())
					.get()
					.filter(Boolean);
				stories.push({ path: `/${path.relative(dist, child).split(path.sep).join('/')}/`, lang: $('html').attr('lang') ?? 'en', title, paragraphs });
			}
		}
	};
	walk(dist, 0);
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
	const copies = new Map<string, string[]>();
	const textOf = (story: BuiltStory) => `${story.title}\n${story.paragraphs.join('\n')}`;
	for (const story of stories) copies.set(textOf(story), [...(copies.get(textOf(story)) ?? []), story.path]);
	const local = stories.filter((story) => story.lang === siteLang);
	const chosen = [...local];
	for (let index = chosen.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[chosen[index], chosen[other]] = [chosen[other]!, chosen[index]!];
	}
	const queries: KnownItemQuery[] = [];
	for (const story of chosen.slice(0, count)) {
		const ask = (kind: QueryKind, query: string | undefined) => {
			if (query) queries.push({ kind, query, target: story.path, copies: copies.get(textOf(story))!, lang: story.lang });
		};
		const fragment = pickFragment(story, random);
		ask('fragment', fragment);
		ask('headline', story.title);
		ask('misspelt', fragment && misspell(fragment, random));
	}
	for (const story of stories.filter((candidate) => candidate.lang !== siteLang)) {
		for (const phrase of pickLanguagePhrases(story, random)) queries.push({ kind: 'language', query: phrase, target: story.path, copies: copies.get(textOf(story))!, lang: story.lang });
	}
	return queries;
}
