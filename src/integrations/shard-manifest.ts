/** Writes a shard's manifest (`createShardManifest`) into its build, where `npm run combine` reads it. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../model/config.ts';
import type { ShardBuild } from '../model/shards.ts';
import { getShardManifestPath } from '../model/urls.ts';
import type { BuildLedger } from '../outputs/ledger.ts';
import { createShardManifest } from '../outputs/shard-manifest.ts';

/** Writes `clippings-shard.json` into a shard's output folder. */
export function writeShardManifest(outDir: URL | string, site: SiteConfig & { shard: ShardBuild }, ledger: BuildLedger, paths: readonly string[], languages: Record<string, number>): void {
	const folder = typeof outDir === 'string' ? outDir : fileURLToPath(outDir);
	const manifest = createShardManifest(site, ledger, paths, languages);
	writeFileSync(path.join(folder, ...getShardManifestPath().split('/').filter(Boolean)), `${JSON.stringify(manifest, null, '\t')}\n`);
}
