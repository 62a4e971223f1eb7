/**
 * The order of results by relevance, a pure function over candidates from any number of indexes (one
 * per language, or per part of a split index): a reader who types a run of words from a story, or its
 * headline, wants the story that has those words together first, not the one that mentions them most.
 *
 * Each candidate carries what the index says about it without fetching its record: its score in its own
 * index and the positions of the matched words in the story's text (Pagefind's `words`). Words typed
 * together in the story are consecutive positions, so the longest run of consecutive positions says how
 * much of the query occurs there as a phrase.
 */

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
}

/**
 * The length of the longest run of consecutive positions.
 * @example countLongestRun([3, 9, 4, 5, 12]) // 3 (positions 3, 4, 5)
 */
export function countLongestRun(locations: readonly number[]): number {
	if (locations.length === 0) return 0;
	const sorted = [...new Set(locations)].sort((a, b) => a - b);
	let longest = 1;
	let run = 1;
	for (let index = 1; index < sorted.length; index++) {
		run = sorted[index] === sorted[index - 1]! + 1 ? run + 1 : 1;
		if (run > longest) longest = run;
	}
	return longest;
}

/** What a candidate's place depends on, computed once per candidate. */
interface RankKey {
	missing: number;
	/** Whether the words present occur as one run. */
	phrase: boolean;
	run: number;
	wholeWords: boolean;
	score: number;
}

function getRankKey(candidate: RankCandidate, wordCount: number): RankKey {
	const present = Math.max(1, wordCount - candidate.missing.length);
	const run = Math.min(countLongestRun(candidate.locations), present);
	return { missing: candidate.missing.length, phrase: run >= present, run, wholeWords: candidate.wholeWords ?? true, score: candidate.score };
}

function compareKeys(a: RankKey, b: RankKey): number {
	return a.missing - b.missing || Number(b.phrase) - Number(a.phrase) || b.run - a.run || Number(b.wholeWords) - Number(a.wholeWords) || b.score - a.score;
}

/**
 * Candidates best first: those with every word before those missing some; then those holding the words
 * as one run (the phrase typed); then longer runs; then whole-word matches; then the index's own score.
 * Stable, so equal candidates keep the order they came in.
 * @example rankCandidates([{ score: 9, locations: [1, 7], missing: [] }, { score: 2, locations: [4, 5], missing: [] }], 2) // the second first
 */
export function rankCandidates<T extends RankCandidate>(candidates: readonly T[], wordCount: number): T[] {
	const keyed = candidates.map((candidate, index) => ({ candidate, index, key: getRankKey(candidate, wordCount) }));
	keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
	return keyed.map(({ candidate }) => candidate);
}
