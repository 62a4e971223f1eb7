import type { AstroIntegration } from 'astro';
import { parseSiteConfig, type SiteConfig, type SiteConfigInput } from '../model/config.ts';
import { verifyBuildLedger } from './ledger.ts';
import type { LoaderLedger } from '../loader/loader-report.ts';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { getIndexPartsFolder, getIndexStampFile, getSearchBundleFolder, getSearchRecordsFile, startSearchIndex, type SearchIndexRun } from './search.ts';
import { getSecurityConfig } from './security.ts';
import { deleteFoldersInWorker, getPreviousOutputDir, getStagingDir, publishStagedBuild, recoverPublishedOutput } from './staged-output.ts';
import { renderThemeCss } from '../model/theme.ts';
import { getThemeStylesheetPath } from '../model/urls.ts';
import { selectShard } from '../model/shards.ts';
import { writeShardManifest } from './shard-manifest.ts';
import { readDataStoreFromDisk } from './data-store-module.ts';
import { removeUnproducedPages, startRestoringPages, type RestoredPages } from './restore-pages.ts';
import { getAstroManifestFile, getPreviousRevisionsFile, getRevisionsFile } from './revisions.ts';
import { collectGarbageAbove } from './memory.ts';

const VIRTUAL_CONFIG = 'virtual:clippings/config';

/**
 * The Clippings integration: validates the site settings, hands them to Astro (site, base) and to the
 * pages and loader (`virtual:clippings/config`).
 * @example clippings({ title: 'The Daily Clippings', url: 'https://news.example.org', timeZone: 'America/New_York' })
 */
export default function clippings(options: SiteConfigInput): AstroIntegration & { config: SiteConfig } {
	// A CI job builds one shard of a sharded archive by naming it (README, "Beyond one machine").
	const site: SiteConfig = selectShard(parseSiteConfig(options), process.env.CLIPPINGS_SHARD);
	/** `astro build --force`: Astro renders every page and clears its content cache; no cache of ours is trusted either. */
	const force = process.argv.includes('--force');
	/** Where `astro build` publishes, once the staged build passed its checks. */
	let outDir: URL | undefined;
	let search: SearchIndexRun | undefined;
	let cacheDir: URL | undefined;
	/** What the articles loader found in the last sync, reported through `clippings:articles-loaded`. */
	let loaded: LoaderLedger | undefined;
	/** The deletion of the output the last build replaced, running while this build works. */
	let clearing: Promise<void> | undefined;
	/** The last build's pages being placed (moved or copied) into the staging folder, which resolves with their paths. */
	let restoring: Promise<RestoredPages> | undefined;
	return {
		name: 'clippings',
		/** The validated settings, for the command-line tools that read `astro.config.mjs` without Astro. */
		config: site,
		hooks: {
			'astro:config:setup': ({ config, command, updateConfig, injectRoute }) => {
				if (command === 'build') outDir = config.outDir;
				if (renderThemeCss(site.theme) !== undefined) {
					injectRoute({ pattern: getThemeStylesheetPath(), entrypoint: new URL('./theme-css.ts', import.meta.url), prerender: true });
				}
				updateConfig({
					...(outDir ? { outDir: getStagingDir(outDir) } : {}),
					site: site.url,
					base: site.base,
					// Rendering a page mostly waits on the file system; a few at a time keeps the CPU busy
					// (10,000 stories: 40 s → 28 s of page generation on 2 cores).
					build: { format: 'directory', concurrency: 4 },
					security: getSecurityConfig({ remoteImages: site.remoteImages }),
					// Article pages carry an exact cacheKey, so an unchanged story's page is copied from the last build.
					experimental: { incrementalBuild: true },
					vite: {
						// The staging folder is emptied, and filled with the last build's pages, by `startRestoringPages`.
						...(outDir ? { build: { emptyOutDir: false } } : {}),
						plugins: [
							{
								name: 'clippings:config',
								resolveId: (id) => (id === VIRTUAL_CONFIG ? `\0${VIRTUAL_CONFIG}` : undefined),
								load: (id) => (id === `\0${VIRTUAL_CONFIG}` ? `export default ${JSON.stringify(site)};` : undefined),
							},
						],
					},
				});
			},
			'astro:config:done': ({ config }) => {
				cacheDir = config.cacheDir;
				if (outDir) {
					recoverPublishedOutput(outDir);
					const previous = getPreviousOutputDir(outDir);
					// Beside the content sync, which on a rebuild mostly reads files on one thread. `--force` renders
					// every page: Astro ignores its cache, so there is nothing to place.
					const restore = startRestoringPages(config.outDir, force ? undefined : cacheDir, force ? undefined : { dir: previous, revisions: getPreviousRevisionsFile(getRevisionsFile(cacheDir)) });
					restoring = restore.restored;
					// Once its pages are taken, the output before last goes, while the pages are generated.
					clearing = restoring.then(() => deleteFoldersInWorker([previous, ...restore.leftovers]));
					// A failure surfaces when the build generates or publishes; a build that fails earlier has its own error.
					restoring.catch(() => {});
					clearing.catch(() => {});
				}
			},
			// The pages read the content store from disk rather than from their bundle (`data-store-module.ts`).
			'astro:build:setup': ({ vite }) => {
				if (!cacheDir) throw new Error('Clippings: Astro set up the build before its configuration was done');
				vite.plugins = [
					readDataStoreFromDisk(fileURLToPath(new URL('data-store.json', cacheDir))),
					// After the bundles, before Astro's own `buildApp` step generates the pages (`enforce: 'post'`).
					{ name: 'clippings:restore-pages', buildApp: { order: 'post', handler: async () => void (await restoring) } },
					...(vite.plugins ?? []),
				];
			},
			'clippings:articles-loaded': (ledger) => {
				loaded = ledger;
			},
			// The content is synced before this hook, so indexing starts now and runs beside page generation.
			'astro:build:start': ({ logger }) => {
				if (!loaded) throw new Error('Clippings: the articles loader left no ledger, so the build cannot index the published stories');
				const cache = cacheDir ? fileURLToPath(cacheDir) : undefined;
				search = startSearchIndex(loaded.stories(), site, {
					logger,
					recordsFile: cache ? getSearchRecordsFile(cache) : undefined,
					scratchDir: cache ? path.join(cache, 'clippings-search-index') : undefined,
					partsDir: cache ? getIndexPartsFolder(cache) : undefined,
					// An unchanged archive keeps its index; a cold content cache (a first build, `--force`) builds it anew.
					reuse:
						cache && outDir
							? {
									published: getSearchBundleFolder(fileURLToPath(outDir)),
									stampFile: getIndexStampFile(cache),
									allowed: (loaded.unchanged ?? 0) > 0,
								}
							: undefined,
				});
				// Before the bundler starts: the sync's and the records' garbage goes first (`memory.ts`).
				const collected = collectGarbageAbove();
				if (collected) logger.debug(`heap ${(collected.before / 1e9).toFixed(2)} GB → ${(collected.after / 1e9).toFixed(2)} GB before bundling`);
			},
			'astro:build:done': async ({ dir, assets, logger }) => {
				if (!search) throw new Error('Clippings: the search index was never started');
				if (restoring) {
					const { placed, moved } = await restoring;
					const produced = new Set([...assets.values()].flat().map((file) => fileURLToPath(file)));
					const removed = removeUnproducedPages(fileURLToPath(dir).replace(/[\\/]+$/, ''), placed, produced);
					logger.info(`${placed.length} page(s) of the last build placed before generation: ${moved} moved from the output before last, ${placed.length - moved} copied from Astro's cache`);
					if (removed > 0) logger.info(`${removed} page(s) of the last build are no longer built: removed`);
				}
				const counts = await search.finish({
					outDir: dir,
					base: site.base,
					logger,
					// `--force` trusts no cache: every file is hashed again.
					revisions: cacheDir && {
						file: getRevisionsFile(cacheDir),
						astroManifest: getAstroManifestFile(cacheDir),
						fresh: force,
					},
				});
				const ledger = verifyBuildLedger({ outDir: dir, loaded, searchRecords: counts.indexed.articles, logger });
				if (site.shard) writeShardManifest(dir, { ...site, shard: site.shard }, ledger, loaded!.paths, counts.indexed.languages);
				if (outDir) {
					await clearing;
					publishStagedBuild(dir, outDir);
				}
			},
		},
	};
}
