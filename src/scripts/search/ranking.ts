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
	missing: number;
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
	return { missing: candidate.missing.length, phrase: run >= present, run, wholeWords: candidate.wholeWords ?? true, score: candidate.score };
}

/** Words found together count most; at equal counts, a story with every word beats one lacking some. */
function getTogetherness(key: RankKey): number {
	return key.run * 2 + (key.missing === 0 ? 1 : 0);
}

function compareKeys(a: RankKey, b: RankKey): number {
	return (
		getTogetherness(b) - getTogetherness(a) ||
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
 * Candidates best first: the more of the query's words a story holds together (within a stretch as long as
 * the query), the better; at equal counts, every word before some missing; then whole-word matches; then
 * the index's own score. A story with the words typed together but one misspelt word (which it lacks)
 * thus comes before stories that have every word scattered.
 * Stable, so equal candidates keep the order they came in.
 * @example rankCandidates([{ score: 9, locations: [1, 7], missing: [] }, { score: 2, locations: [4, 5], missing: [] }], 2) // the second first
 */
export function rankCandidates<T extends RankCandidate>(candidates: readonly T[], wordCount: number): T[] {
	const keyed = candidates.map((candidate, index) => ({ candidate, index, key: getRankKey(candidate, wordCount) }));
	keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
	return keyed.map(({ candidate }) => candidate);
}
