/**
 * What a reader's words ask for, read the way people type them: `"quoted words"` must occur together and
 * in order, `-word` must not occur, and figures keep their meaning without their symbols (`£3.3` finds
 * 3.3, `24%` finds 24, `$21.6m` finds 21.6m), since the index holds the figures and not the signs.
 * Pure: the page, the benchmark and the tests share it.
 */

/** A reader's query, taken apart. */
export interface ParsedQuery {
	/** Every word that must be present (quoted ones included), as the index is asked for them. */
	words: string[];
	/** Quoted runs of two or more words, each to be found in that order. */
	phrases: string[];
	/** Words that must not occur. */
	excluded: string[];
}

/** Currency and other symbols a reader types around figures, which the index does not hold. */
const SYMBOLS = /[\p{Sc}\p{Sm}\p{So}%‰]/gu;

/** Quotation marks people type, straight and curly. */
const QUOTES = /["“”„«»]/g;

/**
 * Splits a query into required words, quoted phrases and excluded words.
 * @example parseQuery('opec "fixed prices" -saudi £3.3') // { words: ['opec', 'fixed', 'prices', '3.3'], phrases: ['fixed prices'], excluded: ['saudi'] }
 */
export function parseQuery(query: string): ParsedQuery {
	const words: string[] = [];
	const phrases: string[] = [];
	const excluded: string[] = [];
	const normalized = query.replace(QUOTES, '"');
	// Quoted runs first; an unpaired quote counts as no quote.
	const parts = normalized.split('"');
	parts.forEach((part, index) => {
		const quoted = index % 2 === 1 && index < parts.length - 1;
		const pieces = splitWords(part);
		if (quoted) {
			words.push(...pieces);
			if (pieces.length > 1) phrases.push(pieces.join(' '));
			return;
		}
		for (const raw of part.split(/\s+/)) {
			if (/^-[\p{L}\p{N}]/u.test(raw)) excluded.push(...splitWords(raw.slice(1)));
			else words.push(...splitWords(raw));
		}
	});
	return { words, phrases, excluded };
}

/** The words of a stretch of query: symbols dropped, punctuation at the edges dropped, inner punctuation (`3.3`, `five-year`, `U.S.`) kept for the index to read. */
function splitWords(text: string): string[] {
	return text
		.replace(SYMBOLS, ' ')
		.split(/\s+/)
		.map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
		.filter(Boolean);
}

/**
 * The query string for the index: the words, with the whole query in quotes when it was one quoted
 * phrase (the index then looks for the words together and in order itself).
 * @example formatIndexQuery(parseQuery('"fixed prices"')) // '"fixed prices"'
 */
export function formatIndexQuery(parsed: ParsedQuery): string {
	const words = parsed.words.join(' ');
	return parsed.phrases.length === 1 && parsed.phrases[0] === words ? `"${words}"` : words;
}

/** Scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * A typed word split into the words the index holds: a run of Chinese or Japanese (written without
 * spaces) into the words `Intl.Segmenter` finds in it, as Pagefind splits a query; any other word as it is.
 * @example splitIndexWords('东京股市开盘') // ['东京', '股市', '开盘']
 */
export function splitIndexWords(word: string): string[] {
	if (!UNSPACED.test(word)) return [word];
	const lang = /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word) ? 'ja' : 'zh';
	const pieces = [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(word)].filter((segment) => segment.isWordLike).map((segment) => segment.segment);
	return pieces.length > 0 ? pieces : [word];
}

/**
 * The runs of Chinese or Japanese among a query's words, two characters or more: matched as they are typed,
 * anywhere in a story's text, however the index split them into words.
 * @example getUnspacedRuns(parseQuery('Nomura 野村证券')) // ['野村证券']
 */
export function getUnspacedRuns(parsed: ParsedQuery): string[] {
	return parsed.words.filter((word) => UNSPACED.test(word) && [...word].length >= 2);
}

/**
 * Whether a story's text holds every run, ignoring spaces and line breaks (which the index may have put
 * between the characters of a run).
 * @example holdsRuns('东京 股市 开盘', ['股市开盘']) // true
 */
export function holdsRuns(text: string, runs: readonly string[]): boolean {
	const joined = text.replace(/[\s\u200B]+/g, '');
	return runs.every((run) => joined.includes(run));
}
