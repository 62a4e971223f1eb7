import { createHash } from 'node:crypto';
import type { ArticleEntryData } from '../model/article-entry.ts';
import { getStoryLinks, listLinkedPaths, type StoryLinkGroupings } from '../derived/story-links.ts';

/**
 * A short, exact cache key for a page built from several facts (digests, linked slugs, settings): equal only
 * when every part is equal, in order.
 * @example createCacheKey([article.digest, newer?.digest, 'jane-doe']) // '3f2a…' (40 hex digits)
 */
export function createCacheKey(parts: readonly (string | undefined)[]): string {
	const hash = createHash('sha1');
	for (const part of parts) hash.update(part === undefined ? '\u0000' : `\u0001${part.length}:${part}`);
	return hash.digest('hex');
}

/** A story as a list or feed shows it: its file's digest (text, photos, settings it was read with) and its data. */
export interface ListedStory {
	digest?: string | number | undefined;
	data: Pick<ArticleEntryData, 'path' | 'bylines' | 'source' | 'section' | 'tags'>;
}

const listedKeys = new WeakMap<ListedStory, string>();

/**
 * What one story brings to the key of a page that lists it: its digest, its address (which changes when
 * another story claims its slug) and the pages its names link to (which change when a same-named person
 * appears). Computed once per story and build, however many lists and feeds show it.
 */
export function getListedStoryKey(story: ListedStory, groupings: StoryLinkGroupings): string {
	let key = listedKeys.get(story);
	if (key === undefined) {
		key = createCacheKey([story.digest === undefined ? undefined : String(story.digest), story.data.path, ...listLinkedPaths(getStoryLinks(story.data, groupings))]);
		listedKeys.set(story, key);
	}
	return key;
}

/**
 * `getStaticPaths()` entries with a cache key each: the site's settings (`JSON.stringify(site)`), then the
 * facts `describe` lists for the entry, which must be everything the page shows beyond the settings and
 * its code (Astro hashes the code itself). With Astro's incremental builds, a page whose key is the same as
 * in the last build is copied from it instead of rendered.
 * @example withCacheKeys(entries, JSON.stringify(site), ({ props }) => [props.page.number, ...]) // entries, each with `cacheKey`
 */
export function withCacheKeys<E extends object>(entries: readonly E[], settings: string, describe: (entry: E) => readonly (string | number | undefined)[]): (E & { cacheKey: string })[] {
	return entries.map((entry) => ({ ...entry, cacheKey: createCacheKey([settings, ...describe(entry).map((part) => (typeof part === 'number' ? String(part) : part))]) }));
}
