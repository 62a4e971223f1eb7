/**
 * Text handling shared by the search page, the portable fallback index and the article-page highlighter:
 * splitting words in any script, comparing them without case or accents, finding matched words, and
 * turning an excerpt into plain text pieces so nothing from the index is ever parsed as HTML.
 */

/** A piece of an excerpt or a highlighted text: plain text, marked when it matched a searched word. */
export interface TextPart {
	text: string;
	mark: boolean;
}

/** One word of a text and where it sits (UTF-16 offsets). */
export interface WordSpan {
	word: string;
	start: number;
	end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/**
 * A word in the form searches compare: lower case, accents and other combining marks removed.
 * @example normalizeWord('Überseeische') // 'uberseeische'
 */
export function normalizeWord(word: string): string {
	return word.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und');
}

/**
 * The words of a text, with their positions, split the way the language splits them (Chinese and Japanese
 * have no spaces, so `Intl.Segmenter` finds the words).
 * @example splitWords('Honda’s U.S. cars', 'en').map((span) => span.word) // ['Honda’s', 'U.S', 'cars']
 */
export function splitWords(text: string, lang = 'und'): WordSpan[] {
	const spans: WordSpan[] = [];
	for (const segment of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) {
		if (!segment.isWordLike) continue;
		spans.push({ word: segment.segment, start: segment.index, end: segment.index + segment.segment.length });
	}
	return spans;
}

/**
 * The searchable words of a query or a text, normalised, in order, repeats kept.
 * @example tokenize('Honda exports, Honda cars') // ['honda', 'exports', 'honda', 'cars']
 */
export function tokenize(text: string, lang = 'und'): string[] {
	return splitWords(text, lang).map((span) => normalizeWord(span.word));
}

/** A last word shorter than this is searched only once typing pauses (see `isReadyToSearch`). */
export const SHORT_WORD = 4;

/**
 * Whether a query can be searched while it is being typed. The word being typed (the last, unless the
 * query ends with a space) must be at least four letters: a shorter start of a word matches a large part
 * of the index (`pri` spans every word from `pri` to `prizes`), so it is searched only when typing pauses.
 * A word in a script written without spaces (Chinese, Japanese) counts at one character.
 * @example isReadyToSearch('oil pr') // false: "pr" is likely the start of "prices"
 */
export function isReadyToSearch(query: string): boolean {
	if (query.trim() === '' || /\s$/.test(query)) return true;
	const word = query.trim().split(/\s+/).at(-1)!;
	return CJK.test(word) || [...word].length >= SHORT_WORD;
}

/**
 * Whether a word of the text answers a searched term: the word starts with the term (typing `hond` finds
 * Honda), or differs from it only by a short ending (`export` for `exports`), the way a stemming index
 * would have matched it. Both are normalised already.
 */
export function matchesTerm(word: string, term: string): boolean {
	if (!term) return false;
	if (word.startsWith(term)) return true;
	return word.length >= 4 && term.startsWith(word) && term.length - word.length <= 2;
}

/**
 * Where the searched terms occur in a text, as ranges to mark. Terms in scripts without spaces match
 * anywhere; others match whole words from their start.
 * @example findTermRanges('Honda shipped Accords', ['accord']) // [{ start: 14, end: 21 }]
 */
export function findTermRanges(text: string, terms: readonly string[], lang = 'und'): { start: number; end: number }[] {
	const normalized = [...new Set(terms.map(normalizeWord).filter(Boolean))];
	if (normalized.length === 0) return [];
	const ranges: { start: number; end: number }[] = [];
	const wordTerms = normalized.filter((term) => !CJK.test(term));
	if (wordTerms.length > 0) {
		for (const span of splitWords(text, lang)) {
			const word = normalizeWord(span.word);
			if (wordTerms.some((term) => matchesTerm(word, term))) ranges.push({ start: span.start, end: span.end });
		}
	}
	const lower = text.toLocaleLowerCase('und');
	for (const term of normalized.filter((candidate) => CJK.test(candidate))) {
		for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
			ranges.push({ start: at, end: at + term.length });
		}
	}
	return mergeRanges(ranges);
}

/**
 * Cuts a text into plain and marked parts at the given ranges.
 * @example splitAtRanges('oil prices', [{ start: 0, end: 3 }]) // [{ text: 'oil', mark: true }, { text: ' prices', mark: false }]
 */
export function splitAtRanges(text: string, ranges: readonly { start: number; end: number }[]): TextPart[] {
	const parts: TextPart[] = [];
	let at = 0;
	for (const { start, end } of ranges) {
		if (start > at) parts.push({ text: text.slice(at, start), mark: false });
		parts.push({ text: text.slice(start, end), mark: true });
		at = end;
	}
	if (at < text.length) parts.push({ text: text.slice(at), mark: false });
	return parts;
}

/**
 * Reads a Pagefind excerpt as text. Pagefind builds it from the page's plain text with `<` and `>`
 * escaped and wraps matches in `<mark>`; so the only markup it can hold is those two tags, and everything
 * else is text. Nothing here is ever handed to an HTML parser.
 * @example parseExcerptMarkup('a &lt;b&gt; <mark>oil</mark>') // [{ text: 'a <b> ', mark: false }, { text: 'oil', mark: true }]
 */
export function parseExcerptMarkup(excerpt: string): TextPart[] {
	const parts: TextPart[] = [];
	let mark = false;
	for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
		if (piece === '<mark>') mark = true;
		else if (piece === '</mark>') mark = false;
		else if (piece) parts.push({ text: piece.replace(/&lt;/g, '<').replace(/&gt;/g, '>'), mark });
	}
	return parts;
}

/**
 * An excerpt of about `length` words around the first matched word (or the start, when nothing matched),
 * with the matches marked and ellipses where the text was cut.
 */
export function buildExcerpt(text: string, terms: readonly string[], lang = 'und', length = 30): TextPart[] {
	const words = splitWords(text, lang);
	if (words.length === 0) return [];
	const ranges = findTermRanges(text, terms, lang);
	const firstMatch = ranges.length > 0 ? words.findIndex((word) => word.end > ranges[0]!.start) : 0;
	const first = Math.max(0, Math.min(firstMatch - Math.floor(length / 3), words.length - length));
	const last = Math.min(words.length, first + length) - 1;
	const start = first === 0 ? 0 : words[first]!.start;
	const end = last === words.length - 1 ? text.length : words[last]!.end;
	const snippet = text.slice(start, end).replace(/\s+/g, ' ');
	const parts = splitAtRanges(snippet, findTermRanges(snippet, terms, lang));
	if (start > 0) parts.unshift({ text: '… ', mark: false });
	if (end < text.length) parts.push({ text: ' …', mark: false });
	return parts;
}

/**
 * The text fragment (`#:~:text=…`) that makes the browser mark each matched word of an excerpt on the
 * page a result links to, and scroll to the first: highlighting that needs no script on the article page.
 * @example getTextFragment([{ text: 'crude', mark: true }, { text: ' oil-rich ', mark: false }, { text: 'Lagos', mark: true }])
 * // '#:~:text=crude&text=Lagos'
 */
export function getTextFragment(parts: readonly TextPart[], limit = 5): string {
	// Marks can hold the punctuation around a word (`(OPEC)`, `cars.`); the fragment looks for the word.
	const words = parts.filter((part) => part.mark).map((part) => part.text.trim().replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''));
	const unique = [...new Set(words)].filter(Boolean).slice(0, limit);
	// `-`, `&` and `,` mean something inside a text directive, so they must arrive percent-encoded.
	const directives = unique.map((word) => `text=${encodeURIComponent(word).replace(/-/g, '%2D')}`);
	return directives.length > 0 ? `#:~:${directives.join('&')}` : '';
}

function mergeRanges(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
	const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
	const merged: { start: number; end: number }[] = [];
	for (const range of sorted) {
		const previous = merged.at(-1);
		if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
		else merged.push({ ...range });
	}
	return merged;
}
