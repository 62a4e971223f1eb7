/**
 * Related stories: for every story, up to five others that share its bylines, source and topics, each
 * shared name weighted by its rarity (inverse document frequency: a topic on three stories says more than
 * the source of every story) and each candidate by its nearness in time. Computed once per build, in time
 * linear in the archive: an inverted index from name to stories, and at most `candidatesPerName` of the
 * stories nearest in time looked at per name, however common the name.
 */
import { normalizeName } from './groupings.ts';

/** What the ranking reads about a story. */
export interface RelatedFacts {
	/** A stable, unique id (ties between equal scores are broken by it). */
	id: string;
	/** Publication time in milliseconds. */
	time: number;
	bylines: readonly string[];
	source: string;
	/** Section and tags. */
	topics: readonly string[];
}

/** How the ranking is tuned. */
export interface RelatedOptions {
	/** Stories kept per story. */
	limit?: number;
	/** Stories nearest in time looked at per shared name; bounds the work for names on thousands of stories. */
	candidatesPerName?: number;
	/** Days after which a shared name counts half as much as on the same day. */
	halfWeightDays?: number;
}

/** Stories shown under an article. */
export const RELATED_LIMIT = 5;

const DAY = 86_400_000;

/**
 * For each story, its related stories, best first (by score, then nearer in time, then id), never the
 * story itself, at most `limit`, and none that shares nothing rare enough to count.
 * @param stories every published story, in any order (the result does not depend on it)
 * @example computeRelated(articles, (article) => ({ id: article.id, time: …, bylines, source, topics }))
 */
export function computeRelated<T>(stories: readonly T[], describe: (story: T) => RelatedFacts, options: RelatedOptions = {}): Map<string, T[]> {
	const { limit = RELATED_LIMIT, candidatesPerName = 40, halfWeightDays = 180 } = options;
	const facts = stories.map(describe);
	// Oldest first, ids breaking ties, so the result does not depend on the order stories came in.
	const order = facts.map((_, index) => index).sort((a, b) => facts[a]!.time - facts[b]!.time || compare(facts[a]!.id, facts[b]!.id));

	// Inverted index: each name's stories in time order, and where each story sits in each of its lists.
	const postings = new Map<string, number[]>();
	const places: { list: number[]; at: number }[][] = facts.map(() => []);
	for (const index of order) {
		for (const key of getNameKeys(facts[index]!)) {
			let list = postings.get(key);
			if (!list) postings.set(key, (list = []));
			places[index]!.push({ list, at: list.length });
			list.push(index);
		}
	}
	const weights = new Map<number[], number>();
	for (const list of postings.values()) weights.set(list, Math.log(facts.length / list.length));

	const related = new Map<string, T[]>();
	// Shared weight per candidate, in a flat array reset after each story: no allocation per candidate.
	const shared = new Float64Array(facts.length);
	const touched: number[] = [];
	for (const index of order) {
		const self = facts[index]!;
		touched.length = 0;
		for (const { list, at } of places[index]!) {
			const weight = weights.get(list)!;
			if (list.length < 2 || weight <= 0) continue;
			// The window of the stories nearest in time around this one, `candidatesPerName` wide.
			const start = Math.max(0, Math.min(at - (candidatesPerName >> 1), list.length - candidatesPerName - 1));
			const end = Math.min(list.length, start + candidatesPerName + 1);
			for (let position = start; position < end; position++) {
				const other = list[position]!;
				if (other === index) continue;
				if (shared[other] === 0) touched.push(other);
				shared[other] += weight;
			}
		}
		// The best `limit` candidates, kept in order as they are found: a few comparisons each, no full sort.
		const best: { other: number; score: number; distance: number }[] = [];
		for (const other of touched) {
			const distance = Math.abs(facts[other]!.time - self.time);
			const candidate = { other, distance, score: shared[other]! / (1 + distance / (halfWeightDays * DAY)) };
			shared[other] = 0;
			if (best.length === limit && !isBetter(candidate, best[limit - 1]!)) continue;
			let place = best.length;
			while (place > 0 && isBetter(candidate, best[place - 1]!)) place--;
			best.splice(place, 0, candidate);
			if (best.length > limit) best.pop();
		}
		related.set(self.id, best.map(({ other }) => stories[other]!));
	}

	function isBetter(a: { other: number; score: number; distance: number }, b: { other: number; score: number; distance: number }): boolean {
		return a.score !== b.score ? a.score > b.score : a.distance !== b.distance ? a.distance < b.distance : compare(facts[a.other]!.id, facts[b.other]!.id) < 0;
	}
	return related;
}

/** A story's names, each kind apart (a byline and a topic can be spelled alike), written one way. */
function getNameKeys(story: RelatedFacts): Set<string> {
	return new Set([
		...story.bylines.map((name) => `byline\u0000${normalizeName(name)}`),
		`source\u0000${normalizeName(story.source)}`,
		...story.topics.map((name) => `topic\u0000${normalizeName(name)}`),
	]);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The facts of a collection entry: its id, publication time, bylines, source, section and tags. */
export function getRelatedFacts(story: { id: string; data: { published: Date; bylines: readonly string[]; source: string; section?: string | undefined; tags: readonly string[] } }): RelatedFacts {
	const { published, bylines, source, section, tags } = story.data;
	return { id: story.id, time: published.getTime(), bylines, source, topics: section === undefined ? tags : [section, ...tags] };
}
