/**
 * The byline, source and topic indexes by first letter, for archives with more names than one index page
 * holds: which letter each name is filed under, in the archive language's alphabetical order
 * (`Intl.Collator`), and the pages of each letter.
 */
import type { NamedGroup } from './groupings.ts';
import { paginate, type Page } from './published.ts';

/** What a name is filed under: a letter, a whole script, digits, or anything else. */
export type NameLetterKind = 'letter' | 'script' | 'digits' | 'other';

/** One entry of the letter bar. */
export interface NameLetter {
	/** The address segment: `a`, `ب`, `cyrl`, `0-9` or `other`; never `page`, never shared by two entries. */
	key: string;
	kind: NameLetterKind;
	/** For a letter, the letter as shown (`A`, `ب`); for a script, its ISO 15924 code (`Cyrl`); otherwise the key. */
	text: string;
}

/** The names filed under one letter, in alphabetical order. */
export interface LetterGroup<T> {
	letter: NameLetter;
	groups: NamedGroup<T>[];
}

/** Scripts a name may start with that get a bucket of their own when they are not the archive's own. */
const SCRIPTS = [
	'Grek', 'Cyrl', 'Armn', 'Hebr', 'Arab', 'Syrc', 'Thaa', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda',
	'Mlym', 'Sinh', 'Thai', 'Laoo', 'Tibt', 'Mymr', 'Geor', 'Hang', 'Ethi', 'Khmr', 'Mong', 'Hira', 'Kana', 'Hani',
].map((code) => ({ code, pattern: new RegExp(`^\\p{Script=${code}}$`, 'u') }));

/** Scripts with too many characters for a bucket each: a name in one is filed under the script. */
const LARGE_SCRIPTS = new Set(['Hani', 'Hang', 'Hira', 'Kana', 'Yiii']);

const LATIN_LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/**
 * The collation of the archive's language puts a boundary before each letter's Han characters when it sorts
 * them by pinyin (Chinese); ICU's alphabetic index uses the same boundaries.
 */
const PINYIN_BOUNDARY = '\uFDD0';

const KIND_ORDER: Record<NameLetterKind, number> = { letter: 0, script: 1, digits: 2, other: 3 };

/** How names are filed in one language: built once per language, then used for every name. */
export interface LetterFiler {
	/** The letter a name is filed under. */
	getLetter(name: string): NameLetter;
	/** Orders letters as the bar shows them: letters alphabetically, then scripts, digits, other. */
	compare(a: NameLetter, b: NameLetter): number;
}

/**
 * A filer for the archive's language. Latin letters fold to A–Z in its collation (`Élise` under E, `Øre`
 * under O, `ß` under S); the language's own alphabet, if it is not Latin, gets a letter each (Arabic
 * `أحمد` under ا); Chinese sorts Han names by pinyin into A–Z; a name in another script is filed under
 * that script (`Cyrl`), a name starting with a digit under `0-9`, and a name with no letter or digit under
 * `other`. Leading punctuation (`“`, `@`, `(`) and modifier letters (`ʻ`) are skipped.
 * @example createLetterFiler('en').getLetter('Élise Martin') // { key: 'e', kind: 'letter', text: 'E' }
 */
export function createLetterFiler(lang: string): LetterFiler {
	const collator = new Intl.Collator(lang, { sensitivity: 'base', usage: 'sort' });
	const ownScript = getLanguageScript(lang);
	const pinyin = collator.compare(`${PINYIN_BOUNDARY}A`, '阿') < 0 && collator.compare('阿', `${PINYIN_BOUNDARY}B`) < 0;
	const letter = (text: string): NameLetter => ({ key: text.toLocaleLowerCase('und'), kind: 'letter', text });
	const lastAtOrBefore = (character: string, boundary: (lower: string) => string) =>
		LATIN_LETTERS.findLast((lower) => collator.compare(boundary(lower), character) <= 0) ?? 'a';

	return {
		getLetter(name) {
			// Modifier letters (the ʻokina of ʻAkaka) mark how the next letter sounds: the name is filed by that one.
			const first = name.normalize('NFC').match(/(?!\p{Lm})[\p{L}\p{N}]/u)?.[0];
			if (first === undefined) return { key: 'other', kind: 'other', text: 'other' };
			if (/\p{N}/u.test(first)) return { key: '0-9', kind: 'digits', text: '0-9' };
			if (/\p{Script=Latin}/u.test(first)) return letter(lastAtOrBefore(first, (lower) => lower).toUpperCase());
			if (pinyin && /\p{Script=Han}/u.test(first)) return letter(lastAtOrBefore(first, (lower) => `${PINYIN_BOUNDARY}${lower.toUpperCase()}`).toUpperCase());
			const script = SCRIPTS.find(({ pattern }) => pattern.test(first))?.code;
			if (script === undefined) return { key: 'other', kind: 'other', text: 'other' };
			if (script === ownScript && !LARGE_SCRIPTS.has(script)) return letter(foldLetter(first));
			return { key: script.toLowerCase(), kind: 'script', text: script };
		},
		compare(a, b) {
			return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.text, b.text) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
		},
	};
}

/**
 * Files every name under its letter. Letters come in the bar's order and names in alphabetical order within
 * each, whatever order the names came in.
 * @example groupByLetter(bylines.groups, 'en').map(({ letter }) => letter.text) // ['A', 'B', 'E', …, 'Cyrl', '0-9']
 */
export function groupByLetter<T>(groups: readonly NamedGroup<T>[], lang: string): LetterGroup<T>[] {
	const filer = createLetterFiler(lang);
	const names = new Intl.Collator(lang);
	const byKey = new Map<string, LetterGroup<T>>();
	for (const group of groups) {
		const letter = filer.getLetter(group.name);
		const bucket = byKey.get(letter.key);
		if (bucket) bucket.groups.push(group);
		else byKey.set(letter.key, { letter, groups: [group] });
	}
	const buckets = [...byKey.values()].sort((a, b) => filer.compare(a.letter, b.letter));
	for (const bucket of buckets) bucket.groups.sort((a, b) => names.compare(a.name, b.name) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
	return buckets;
}

/** A letter of the bar with how many names it holds. */
export interface LetterCount {
	letter: NameLetter;
	count: number;
}

/** The index of one kind of group: whole on one page, or split by first letter. */
export interface GroupIndex<T> {
	/** Every name, alphabetical: the whole index when it fits on one page. */
	groups: readonly NamedGroup<T>[];
	/** Whether there are more names than one page holds, so that the index is split by letter. */
	split: boolean;
	/** The letters, in the bar's order (empty when the index is not split). */
	letters: LetterGroup<T>[];
	/** The bar: each letter with its number of names. */
	bar: LetterCount[];
	/** When split, the names with the most stories, which the index page shows under its bar. */
	mostStories: NamedGroup<T>[];
}

/** How many names a split index page shows with the most stories, at most (and never more than a page holds). */
export const MOST_STORIES_LIMIT = 20;

/**
 * The index of one kind of group. With at most `namesPerPage` names it is one page, as a small archive
 * has always had; with more, it is split by first letter, and each letter's names are paginated.
 */
export function getGroupIndex<T>(groups: readonly NamedGroup<T>[], namesPerPage: number, lang: string): GroupIndex<T> {
	const split = groups.length > namesPerPage;
	const letters = split ? groupByLetter(groups, lang) : [];
	return {
		groups,
		split,
		letters,
		bar: letters.map(({ letter, groups: names }) => ({ letter, count: names.length })),
		mostStories: split ? selectMostStories(groups, Math.min(namesPerPage, MOST_STORIES_LIMIT)) : [],
	};
}

/** One page of one letter of an index. */
export interface LetterPage<T> {
	letter: NameLetter;
	/** Names under this letter in all. */
	count: number;
	page: Page<NamedGroup<T>>;
}

/** Every page of every letter of a split index, in the bar's order; none when the index is one page. */
export function getLetterPages<T>(index: GroupIndex<T>, namesPerPage: number): LetterPage<T>[] {
	return index.letters.flatMap(({ letter, groups }) => paginate(groups, namesPerPage).map((page) => ({ letter, count: groups.length, page })));
}

/**
 * The names with the most stories, most first (then alphabetical): what a split index shows beside its bar.
 * @param groups alphabetical, as `groupByName` gives them
 */
export function selectMostStories<T>(groups: readonly NamedGroup<T>[], limit: number): NamedGroup<T>[] {
	return groups
		.map((group, order) => ({ group, order }))
		.sort((a, b) => b.group.stories.length - a.group.stories.length || a.order - b.order)
		.slice(0, limit)
		.map(({ group }) => group);
}

/** The script a language is usually written in (`ar` → `Arab`, `zh` → `Hani`, `en` → `Latn`). */
function getLanguageScript(lang: string): string | undefined {
	try {
		const script = new Intl.Locale(lang).maximize().script;
		return script === 'Hans' || script === 'Hant' || script === 'Jpan' ? 'Hani' : script === 'Kore' ? 'Hang' : script;
	} catch {
		return undefined;
	}
}

/** A letter without its accents and marks, in capitals: `أ` → `ا`, `Ё` → `Е`. */
function foldLetter(character: string): string {
	return character.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLocaleUpperCase('und') || character;
}
