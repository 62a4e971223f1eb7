/**
 * The order of results by relevance, a pure function over candidates from any number of indexes (one
 * per language, or per part of a split index): a reader who types a run of words from a story, or its
 * headline, wants the story that has those words together first, not the one that mentions them most.
 *
 * Each candidate carries what the index says about it without fetching its record: its score in its own
 * index and the positions of the matched words in the story's text (Pagefind's `words`). Words typed
 * together in the story are consecutive positions, so the most positions within a stretch as long as the
 * query says how much of the query occurs there as a phrase (a misspelt word leaves a gap in it).
 */

import { normalizeWord } from '../../model/search-text.ts';

/** One result as the ranking sees it. */
export interface RankCandidate {
	/** Its score in its own index (not comparable between indexes). */
	score: number;
	/** Positions of the matched words in the story's text (headline first), in any order, repeats allowed. */
	locations: readonly number[];
	/** Query words the story lacks: found only when no story had them all. */
	missing: readonly string[];
	/**
	 * False when the index matched only part of a word (`auto` inside `Autohersteller`), which matters when
	 * lists from several languages are merged; unknown counts as true.
	 */
	wholeWords?: boolean;
	/**
	 * How many of the missing words the story holds spelt one or two letters differently (see `spelling.ts`):
	 * the reader's misspelling of a word the story has. Known only for the candidates whose text was read.
	 */
	closeWords?: number;
	/** True when the story's headline is the query, word for word: the reader typed the headline. Known only for the results read. */
	headline?: boolean;
	/** True when the index found every word of the query together and in the order typed (its exact-phrase search). */
	exact?: boolean;
	/**
	 * What orders candidates that are equal in everything else: an identity that stays the same however the
	 * indexes load and answer (the index's language and the story's id there). Candidates without one keep
	 * the order they came in.
	 */
	tiebreak?: string;
}

/**
 * The most positions that fall within any `width` consecutive positions: `width` when a run of that many
 * words is there, one less when the run has one gap (a misspelt word the story doesn't have), and so on.
 * @example countDensestWindow([3, 9, 4, 5, 12], 3) // 3 (positions 3, 4, 5)
 * @example countDensestWindow([3, 5, 6, 20], 4) // 3 (3 to 6, with 4 missing)
 */
export function countDensestWindow(locations: readonly number[], width: number): number {
	if (locations.length === 0) return 0;
	const sorted = [...new Set(locations)].sort((a, b) => a - b);
	let densest = 1;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end]! - sorted[start]! >= width) start++;
		densest = Math.max(densest, end - start + 1);
	}
	return densest;
}

/** What a candidate's place depends on, computed once per candidate. */
interface RankKey {
	headline: boolean;
	missing: number;
	/** Missing words the story has in no close spelling either. */
	unmatched: number;
	exact: boolean;
	/** Whether the words present occur together, within a stretch as long as the query. */
	phrase: boolean;
	/** How many of them do. */
	run: number;
	wholeWords: boolean;
	score: number;
}

function getRankKey(candidate: RankCandidate, wordCount: number): RankKey {
	const present = Math.max(1, wordCount - candidate.missing.length);
	const run = Math.min(countDensestWindow(candidate.locations, Math.max(1, wordCount)), present);
	const exact = candidate.exact === true && candidate.missing.length === 0;
	const unmatched = Math.max(0, candidate.missing.length - (candidate.closeWords ?? 0));
	return { headline: candidate.headline === true, missing: candidate.missing.length, unmatched, exact, phrase: exact || run >= present, run: exact ? present : run, wholeWords: candidate.wholeWords ?? true, score: candidate.score };
}

/**
 * Words found together count most; at equal counts, a story with every word (or each missing word in a
 * spelling close to the one typed) beats one lacking some.
 */
function getTogetherness(key: RankKey): number {
	return key.run * 2 + (key.unmatched === 0 ? 1 : 0);
}

function compareKeys(a: RankKey, b: RankKey): number {
	return (
		Number(b.headline) - Number(a.headline) ||
		getTogetherness(b) - getTogetherness(a) ||
		Number(b.exact) - Number(a.exact) ||
		a.missing - b.missing ||
		Number(b.phrase) - Number(a.phrase) ||
		Number(b.wholeWords) - Number(a.wholeWords) ||
		b.score - a.score
	);
}

/**
 * Whether the best of some candidates holding every word has them all together: if not, the reader may
 * have misspelt or misremembered a word, and stories with all the others together are worth looking for.
 */
export function hasPhraseMatch(candidates: readonly RankCandidate[], wordCount: number): boolean {
	return candidates.some((candidate) => candidate.missing.length === 0 && getRankKey(candidate, wordCount).phrase);
}

/**
 * Candidates best first: a story whose headline is the query, word for word; then the more of the query's words a story holds together (within a stretch as long as
 * the query), the better; at equal counts, every word present (or a missing word there in a close
 * spelling), then the words in the order typed (the index's exact-phrase search found them so), then
 * every word before some missing; then whole-word matches; then
 * the index's own score. A story with the words typed together but one misspelt word (which it lacks)
 * thus comes before stories that have every word scattered.
 * Equal candidates are ordered by their `tiebreak`, so the order never depends on which index answered first;
 * without one they keep the order they came in.
 * @example rankCandidates([{ score: 9, locations: [1, 7], missing: [] }, { score: 2, locations: [4, 5], missing: [] }], 2) // the second first
 */
export function rankCandidates<T extends RankCandidate>(candidates: readonly T[], wordCount: number): T[] {
	const keyed = candidates.map((candidate, index) => ({ candidate, index, key: getRankKey(candidate, wordCount) }));
	keyed.sort((a, b) => compareKeys(a.key, b.key) || compareTiebreaks(a.candidate.tiebreak, b.candidate.tiebreak) || a.index - b.index);
	return keyed.map(({ candidate }) => candidate);
}

function compareTiebreaks(a: string | undefined, b: string | undefined): number {
	if (a === undefined || b === undefined || a === b) return 0;
	return a < b ? -1 : 1;
}

/**
 * A text's words for comparing a headline with a query: lower case, accents and punctuation dropped.
 * @example toComparableWords('Honda’s U.S. <HMC> Exports') // 'honda s u s hmc exports'
 */
export function toComparableWords(text: string): string {
	return normalizeWord(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
