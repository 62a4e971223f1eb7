/**
 * What the articles loader found, handed to the Clippings integration for the end-of-build ledger.
 *
 * Astro loads `src/content.config.ts` (and so the loader) and `astro.config.mjs` (and so the integration) in
 * two separate module graphs, so the two can't share a module variable. The loader reports through the
 * integration's own API instead: a custom integration hook, `clippings:articles-loaded`, declared here and
 * called on the integration the loader finds in the Astro config it is given.
 */
import type { AstroConfig } from 'astro';
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
	/** Valid files dated in another shard's years, which that shard's build publishes (a sharded archive only). */
	elsewhere?: { file: string; shard: string }[];
	/** Files left out on purpose, with the reason. */
	ignored: SkippedFile[];
	/** Stories published under a suffixed address because an earlier story that day had their headline. */
	repeats: RepeatedHeadline[];
	/**
	 * Published stories taken from the last sync unrendered (their files unchanged). None after `--force`,
	 * which empties the content store: the search index is then built again too, not reused.
	 */
	unchanged?: number;
	/** The published stories with their text (kept by `text-cache.ts`), read once, when the search index wants them (a second call throws). */
	stories: () => Iterable<IndexedStory>;
}

/** The custom integration hook the loader calls with its ledger after every sync. */
export const LEDGER_HOOK = 'clippings:articles-loaded';

declare global {
	// eslint-disable-next-line @typescript-eslint/no-namespace
	namespace Astro {
		interface IntegrationHooks {
			/** Called by the articles loader after each sync with what it found (`LoaderLedger`). */
			'clippings:articles-loaded': (ledger: LoaderLedger) => void;
		}
	}
}

/**
 * Hands the loader's findings of this sync to every integration that takes them (the Clippings integration).
 * Throws when there is none: without it, nothing would check that every article was published.
 */
export function reportLoaderLedger(config: Pick<AstroConfig, 'integrations'>, ledger: LoaderLedger): void {
	const receivers = config.integrations.flatMap((integration) => {
		const hook = integration.hooks[LEDGER_HOOK];
		return typeof hook === 'function' ? [hook] : [];
	});
	if (receivers.length === 0) {
		throw new Error("Clippings: the articles loader found no clippings() integration to report to; add clippings({ … }) to `integrations` in astro.config.mjs");
	}
	for (const receive of receivers) receive(ledger);
}
