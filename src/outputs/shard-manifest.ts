/**
 * What a shard's build says about itself, for `npm run combine`: which shard of which archive it is, the
 * stories it published (by year and language) and its ledger, including how many files it left to each other
 * shard, so the combined site can show that every file was built by exactly one shard.
 */
import type { SiteConfig } from '../model/config.ts';
import type { Shard, ShardBuild } from '../model/shards.ts';
import type { BuildLedger } from './ledger.ts';

/** Bump when the manifest's shape changes, so `combine` refuses shards built by another version. */
export const SHARD_MANIFEST_VERSION = 1;

/** The manifest of one shard's build, written to `<shard>/clippings-shard.json`. */
export interface ShardManifest {
	version: typeof SHARD_MANIFEST_VERSION;
	/** The shard, with its years and the combined site's base. */
	shard: ShardBuild;
	/** Every shard of the archive, as this build's settings list them. */
	shards: Shard[];
	/** The archive's settings the combined site's own pages use. */
	site: { title: string; description: string; url: string; lang: string };
	/** Published stories, per year of their address. */
	years: Record<string, number>;
	/** Published stories, per language of the search index. */
	languages: Record<string, number>;
	/** The build's ledger: files found, what became of them, and how many each other shard builds. */
	ledger: { found: number; articles: number; drafts: number; elsewhere: Record<string, number> };
}

/**
 * The manifest of a shard's build, from its settings, its balanced ledger and the addresses it published.
 * @example createShardManifest(site, ledger, ['/1987/02/03/x/'], { en: 1 }).years // { '1987': 1 }
 */
export function createShardManifest(site: SiteConfig & { shard: ShardBuild }, ledger: BuildLedger, paths: readonly string[], languages: Record<string, number>): ShardManifest {
	const years: Record<string, number> = {};
	for (const articlePath of paths) {
		const year = articlePath.split('/')[1]!;
		years[year] = (years[year] ?? 0) + 1;
	}
	const elsewhere: Record<string, number> = {};
	for (const { shard } of ledger.elsewhere ?? []) elsewhere[shard] = (elsewhere[shard] ?? 0) + 1;
	return {
		version: SHARD_MANIFEST_VERSION,
		shard: site.shard,
		shards: site.shards ?? [],
		site: { title: site.title, description: site.description, url: site.url, lang: site.lang },
		years: Object.fromEntries(Object.entries(years).sort(([a], [b]) => (a < b ? -1 : 1))),
		languages,
		ledger: { found: ledger.found, articles: ledger.articles, drafts: ledger.drafts.length, elsewhere },
	};
}
