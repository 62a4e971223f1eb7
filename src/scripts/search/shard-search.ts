/**
 * A sharded archive's search (README, "Beyond one machine"): each shard has its own Pagefind index under its
 * own folder, and the search page of any shard searches them all. For each language, the shards' instances
 * are put behind one instance that asks every shard and answers with all their results, so the engine ranks
 * them together (`rankCandidates`) as it ranks one index's; their filters are read the same way.
 */
import type { IndexFilters } from './index-filters.ts';
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
 * so results of two shards never share an id (ties in the ranking are broken by it, the same way every time).
 */
export function combineShardInstances(parts: readonly { name: string; instance: PagefindInstance }[]): PagefindInstance {
	return {
		async init() {
			await Promise.all(parts.map(({ instance }) => instance.init()));
		},
		async search(term): Promise<PagefindResponse> {
			const responses = await Promise.all(parts.map(({ instance }) => instance.search(term)));
			return {
				results: responses.flatMap((response, index) =>
					response.results.map((result) => ({ id: `${parts[index]!.name}/${result.id}`, score: result.score, words: result.words, data: () => result.data() })),
				),
			};
		},
	};
}

/**
 * The filters of several shards' indexes of a language, for the ids `combineShardInstances` gives: a result's
 * values are read from its own shard's filters. `parts` may still be settling which shards hold the language.
 */
export function combineShardFilters(parts: Promise<readonly { name: string; filters: IndexFilters }[]>): IndexFilters {
	let byName: Map<string, IndexFilters> | undefined;
	return {
		async load(names) {
			const wanted = [...names];
			const settled = await parts;
			await Promise.all(settled.map(({ filters }) => filters.load(wanted)));
			byName ??= new Map(settled.map(({ name, filters }) => [name, filters]));
		},
		getValues(id, name) {
			if (!byName) throw new Error(`Clippings: the filter "${name}" was read before it was loaded`);
			const slash = id.indexOf('/');
			return byName.get(id.slice(0, slash))?.getValues(id.slice(slash + 1), name) ?? [];
		},
	};
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
