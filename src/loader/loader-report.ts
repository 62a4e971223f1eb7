/**
 * What the articles loader found, handed to the Clippings integration for the end-of-build ledger.
 *
 * Astro loads `src/content.config.ts` (and so the loader) and `astro.config.mjs` (and so the integration) in
 * two separate module graphs of the same process, so a module-level variable would exist twice. The report
 * therefore lives on one process-wide key, written here and read here: this file is the only place that knows it.
 */
import type { RepeatedHeadline } from '../model/article-address.ts';
import type { SkippedFile } from '../model/article-index.ts';
import type { IndexedStory } from '../outputs/search-record.ts';

/** What the loader records for the ledger. */
export interface LoaderLedger {
	/** Markdown files found under `articles/`. */
	found: number;
	/** Valid, published articles. */
	articles: number;
	/** Root-relative addresses of the published articles, so the build can check each page was written. */
	paths: string[];
	/** Drafts, by file. */
	drafts: string[];
	/** Files left out on purpose, with the reason. */
	ignored: SkippedFile[];
	/** Stories published under a suffixed address because an earlier story that day had their headline. */
	repeats: RepeatedHeadline[];
	/** The published stories with their text, read from the content store when the search index wants them. */
	stories: () => Iterable<IndexedStory>;
}

const KEY = Symbol.for('clippings.loader-ledger');

/** Records the loader's findings for this build (the last sync wins); `undefined` forgets them. */
export function reportLoaderLedger(ledger: LoaderLedger | undefined): void {
	(globalThis as { [KEY]?: LoaderLedger })[KEY] = ledger;
}

/** The loader's findings of this build, or `undefined` when no sync ran in this process. */
export function readLoaderLedger(): LoaderLedger | undefined {
	return (globalThis as { [KEY]?: LoaderLedger })[KEY];
}
