/**
 * Misspelt words: when the best results lack a word of the query, the stories found with the others usually
 * hold the word the reader meant, spelt one or two letters differently. Read from those stories' text, that
 * word both ranks the story that has it first and becomes the "Did you mean" suggestion. Pure functions.
 */
import { normalizeWord, splitWords } from '../../model/search-text.ts';

/**
 * The edit distance between two words (letters inserted, removed, changed, or two neighbours swapped, each
 * one edit), or `limit + 1` as soon as it is certain to exceed `limit`.
 * @example getEditDistance('budget', 'budegt', 2) // 1 (two letters swapped)
 */
export function getEditDistance(a: string, b: string, limit: number): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let smallest = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
			current.push(value);
			smallest = Math.min(smallest, value);
		}
		if (smallest > limit) return limit + 1;
		before = previous;
		previous = current;
	}
	return Math.min(previous[b.length]!, limit + 1);
}

/** How far a word may be from what was typed: one edit for words up to seven letters, two beyond. */
function getLimit(word: string): number {
	return word.length >= 8 ? 2 : 1;
}

/**
 * The word of a text closest to a typed word that the text lacks: at most one edit away (two for words of
 * eight letters or more), starting with the same letter; at equal distance the more frequent, then the
 * first in alphabetical order. `undefined` when none is close, or the word is shorter than four letters
 * (too many short words are one edit apart) or is a figure.
 * @example findCloseWord('goverment', 'The government said the government would act') // 'government'
 */
export function findCloseWord(typed: string, text: string, lang = 'und'): string | undefined {
	const word = normalizeWord(typed);
	if ([...word].length < 4 || /\p{N}/u.test(word)) return undefined;
	const limit = getLimit(word);
	const counts = new Map<string, number>();
	for (const span of splitWords(text, lang)) {
		const candidate = normalizeWord(span.word);
		if (candidate[0] !== word[0] || candidate === word || /\p{N}/u.test(candidate)) continue;
		counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
	}
	let best: { word: string; distance: number; count: number } | undefined;
	for (const [candidate, count] of counts) {
		const distance = getEditDistance(word, candidate, limit);
		if (distance > limit) continue;
		if (!best || distance < best.distance || (distance === best.distance && (count > best.count || (count === best.count && candidate < best.word)))) {
			best = { word: candidate, distance, count };
		}
	}
	return best?.word;
}

/**
 * The query with each misspelt word replaced by its correction, everything else as typed (quotes, `-word`,
 * other words). Words are compared without case or accents.
 * @example correctQuery('OPEC ceilling "fixed prices"', new Map([['ceilling', 'ceiling']])) // 'OPEC ceiling "fixed prices"'
 */
export function correctQuery(query: string, corrections: ReadonlyMap<string, string>): string {
	if (corrections.size === 0) return query;
	let corrected = '';
	let at = 0;
	for (const span of splitWords(query)) {
		const replacement = corrections.get(normalizeWord(span.word));
		if (replacement === undefined) continue;
		corrected += query.slice(at, span.start) + replacement;
		at = span.end;
	}
	return corrected + query.slice(at);
}

/**
 * The corrections most of the stories agree on: for each missing word, the close word found in the most
 * stories (at equal counts, the one found first, i.e. in the better-ranked story).
 * @example chooseCorrections([new Map([['budgte', 'budget']]), new Map([['budgte', 'budget']]), new Map([['budgte', 'budgets']])]) // Map { 'budgte' => 'budget' }
 */
export function chooseCorrections(perStory: readonly ReadonlyMap<string, string>[]): Map<string, string> {
	const votes = new Map<string, Map<string, number>>();
	for (const story of perStory) {
		for (const [typed, close] of story) {
			const forWord = votes.get(typed) ?? new Map<string, number>();
			forWord.set(close, (forWord.get(close) ?? 0) + 1);
			votes.set(typed, forWord);
		}
	}
	const chosen = new Map<string, string>();
	for (const [typed, forWord] of votes) {
		let best: [string, number] | undefined;
		for (const entry of forWord) if (!best || entry[1] > best[1]) best = entry;
		chosen.set(typed, best![0]);
	}
	return chosen;
}
