/**
 * A sharded archive's search (README, "Beyond one machine"): each shard has its own Pagefind index under its
 * own folder, and the search page of any shard searches them all. For each language, the shards' instances
 * are put behind one instance that asks every shard and answers with all their results, so the engine ranks
 * them together (`rankCandidates`) as it ranks one index's.
 */
import { addCounts } from './engine.ts';
import type { PagefindInstance, PagefindResponse } from './pagefind-engine.ts';

/** One shard's index, as the search page names it. */
export interface ShardIndex {
	/** The shard's name, its folder in the combined site. */
	name: string;
	/** The address of its Pagefind bundle, `/archive/1980s/pagefind/`. */
	bundle: string;
	/** Its base address, which its results' paths are relative to: `/archive/1980s/`. */
	base: string;
}

/**
 * One instance over several shards' instances of a language. A result's id is prefixed with its shard's name,
 * so results of two shards never share an id (ties in the ranking are broken by it, the same way every time);
 * filter counts are added up.
 */
export function combineShardInstances(parts: readonly { name: string; instance: PagefindInstance }[]): PagefindInstance {
	return {
		async init() {
			await Promise.all(parts.map(({ instance }) => instance.init()));
		},
		async filters() {
			const all = await Promise.all(parts.map(({ instance }) => instance.filters()));
			return addFilterCounts(all);
		},
		async search(term, options): Promise<PagefindResponse> {
			const responses = await Promise.all(parts.map(({ instance }) => instance.search(term, options)));
			return {
				results: responses.flatMap((response, index) =>
					response.results.map((result) => ({ id: `${parts[index]!.name}/${result.id}`, score: result.score, words: result.words, data: () => result.data() })),
				),
				filters: addFilterCounts(responses.map((response) => response.filters)),
			};
		},
	};
}

/** Filter counts of several indexes, added up filter by filter. */
function addFilterCounts(all: readonly Record<string, Record<string, number>>[]): Record<string, Record<string, number>> {
	const names = new Set(all.flatMap((filters) => Object.keys(filters ?? {})));
	return Object.fromEntries([...names].map((name) => [name, addCounts(all.map((filters) => filters?.[name]))]));
}

/**
 * The languages of a shard's index, read from its `pagefind-entry.json`. A shard that is not there (not
 * deployed yet, or a shard's build served alone) has none, with a warning; any other failure throws.
 */
export async function readShardLanguages(shard: ShardIndex): Promise<string[]> {
	const response = await fetch(`${shard.bundle}pagefind-entry.json`);
	if (response.status === 404) {
		console.warn(`Clippings: the search index of shard "${shard.name}" is not at ${shard.bundle}; its stories are left out of the search`);
		return [];
	}
	if (!response.ok) throw new Error(`the search index of shard "${shard.name}" could not be read (${response.status})`);
	const entry = (await response.json()) as { languages?: Record<string, unknown> };
	return Object.keys(entry.languages ?? {});
}
