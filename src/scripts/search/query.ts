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
