/**
 * The content store read from disk by the built pages, instead of written into their bundle.
 *
 * Astro 7.3 bundles the whole content store for the pages it prerenders: `astro:data-layer-content` becomes
 * `export default JSON.parse("…")` with every story's entry and rendered HTML in one string literal
 * (`vite-plugin-content-virtual-mod.js`). At 100,000 stories that literal is 172 MB, and bundling it was the
 * build's largest memory peak (the main process went from 1.9 to 4.3 GB in "Building static entrypoints").
 * The module made here holds the store's path and reads it when the pages first ask for their collection,
 * after the content sync wrote it, and is marked as content data like Astro's, so that Astro's incremental
 * build keeps leaving it out of the code it fingerprints.
 *
 * It relies on Astro's internals (the module's id and what it exports: the store's JSON, devalue-flattened),
 * which is why `astro` is pinned to an exact version; `tests/site` builds every fixture through it.
 */
import type { Plugin } from 'vite';

/** Astro's virtual module of the content store, as resolved. */
export const DATA_STORE_MODULE_ID = '\0astro:data-layer-content';

/**
 * A Vite plugin that answers Astro's content-store module with code that reads `storeFile` at run time
 * (an empty store when there is none, as Astro's own module gives). It must come before Astro's plugins.
 * @example vite.plugins = [readDataStoreFromDisk('/site/.cache/data-store.json'), ...vite.plugins]
 */
export function readDataStoreFromDisk(storeFile: string): Plugin {
	return {
		name: 'clippings:data-store-from-disk',
		enforce: 'pre',
		load: {
			filter: { id: new RegExp(`^${DATA_STORE_MODULE_ID}$`) },
			handler: () => ({
				code: [
					`import { existsSync, readFileSync } from 'node:fs';`,
					`const file = ${JSON.stringify(storeFile)};`,
					`export default existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : new Map();`,
				].join('\n'),
				map: { mappings: '' },
				// Astro's `createContentDataIncrementalMetadata()`: content data, not code.
				meta: { astroIncremental: { kind: 'content-data' } },
			}),
		},
	};
}
