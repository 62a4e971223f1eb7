/**
 * Every address the site emits is built here. Functions return paths relative to the site root
 * (`/2025/07/24/slug/`); `withBase` prefixes the configured base path.
 */

/** The parts of an article that decide its address. */
export interface ArticleAddress {
	year: string;
	month: string;
	day: string;
	slug: string;
}

/** `/YYYY/MM/DD/slug/` */
export function getArticlePath({ year, month, day, slug }: ArticleAddress): string {
	return `/${year}/${month}/${day}/${encodeSegment(slug)}/`;
}

/** `/YYYY/` */
export function getYearPath(year: string): string {
	return `/${year}/`;
}

/** `/YYYY/MM/`, and its numbered pages of stories `/YYYY/MM/page/1/` (the oldest), … (`paginateStories`). */
export function getMonthPath(year: string, month: string, page?: number): string {
	return `/${year}/${month}/${getStoryPageSuffix(page)}`;
}

/** `/YYYY/MM/DD/`, and on a day with more stories than its page holds `/YYYY/MM/DD/page/1/` (the oldest), …. */
export function getDayPath(year: string, month: string, day: string, page?: number): string {
	return `/${year}/${month}/${day}/${getStoryPageSuffix(page)}`;
}

/** The three ways of browsing the archive by name; each is also the first segment of its addresses. */
export type GroupKind = 'bylines' | 'sources' | 'topics';

/** `/bylines/slug/`, `/sources/slug/` or `/topics/slug/`, and numbered pages `/bylines/slug/page/1/` (the oldest), …. */
export function getGroupPath(kind: GroupKind, slug: string, page?: number): string {
	return `/${kind}/${encodeSegment(slug)}/${getStoryPageSuffix(page)}`;
}

/** `/bylines/`, `/sources/` or `/topics/`: the index of one kind of group. */
export function getGroupIndexPath(kind: GroupKind): string {
	return `/${kind}/`;
}

/**
 * One letter of a split index: `/bylines/letter/a/`, then `/bylines/letter/a/page/2/`. The fixed `letter/`
 * segment keeps these apart from every name's page: a byline slugged `a` stays at `/bylines/a/`, and no
 * letter is called `page` or ends in `.xml`/`.json`.
 * @example getGroupLetterPath('topics', '0-9', 2) // '/topics/letter/0-9/page/2/'
 */
export function getGroupLetterPath(kind: GroupKind, letter: string, page = 1): string {
	return `${getGroupLettersPath(kind)}${encodeSegment(letter)}/${getPageSuffix(page)}`;
}

/** `/bylines/letter/`: the folder of a split index's letters (no page of its own). */
export function getGroupLettersPath(kind: GroupKind): string {
	return `/${kind}/letter/`;
}

/** The three kinds of group, in the order the site names them. */
export const GROUP_KINDS: readonly GroupKind[] = ['bylines', 'sources', 'topics'];

/** `/bylines/slug/`, then `/bylines/slug/page/1/` (the oldest), … */
export function getBylinePath(slug: string, page?: number): string {
	return getGroupPath('bylines', slug, page);
}

/** `/sources/slug/`, then `/sources/slug/page/1/` (the oldest), … */
export function getSourcePath(slug: string, page?: number): string {
	return getGroupPath('sources', slug, page);
}

/** `/topics/slug/`, then `/topics/slug/page/1/` (the oldest), … */
export function getTopicPath(slug: string, page?: number): string {
	return getGroupPath('topics', slug, page);
}

/** The two feed formats the archive publishes. */
export type FeedFormat = 'rss' | 'json';

/**
 * The whole archive's feed (`/feed.xml`, `/feed.json`), or one byline's, source's or topic's
 * (`/bylines/slug/feed.xml`).
 * @example getFeedPath('json', { kind: 'topics', slug: 'shipping' }) // '/topics/shipping/feed.json'
 */
export function getFeedPath(format: FeedFormat, group?: { kind: GroupKind; slug: string }): string {
	const file = format === 'rss' ? 'feed.xml' : 'feed.json';
	return group ? `${getGroupPath(group.kind, group.slug)}${file}` : `/${file}`;
}

/** `/sitemap-index.xml`, the sitemap that lists the others. */
export function getSitemapIndexPath(): string {
	return '/sitemap-index.xml';
}

/** `/sitemap-1.xml`, … : the numbered sitemaps of every page. */
export function getSitemapPath(number: number): string {
	return `/sitemap-${number}.xml`;
}

/** `/news-sitemap.xml`, the Google News sitemap of the latest stories. */
export function getNewsSitemapPath(): string {
	return '/news-sitemap.xml';
}

/** `/archive/`: the index of every year. */
export function getArchiveIndexPath(): string {
	return '/archive/';
}

/** `/bylines/`: every byline with its story count. */
export function getBylineIndexPath(): string {
	return '/bylines/';
}

/** `/sources/`: every source with its story count. */
export function getSourceIndexPath(): string {
	return '/sources/';
}

/** `/topics/`: every topic with its story count. */
export function getTopicIndexPath(): string {
	return '/topics/';
}

/** `/favicon.svg`, the site's icon in `public/`. */
export function getFaviconPath(): string {
	return '/favicon.svg';
}

/** `/theme.css`: the design tokens set in the settings' `theme`, written only when it sets any. */
export function getThemeStylesheetPath(): string {
	return '/theme.css';
}

/** `/robots.txt`, which points crawlers at the sitemap index. */
export function getRobotsPath(): string {
	return '/robots.txt';
}

/** `/og-image.png`: the site's image for link previews of stories without a photo of their own. */
export function getDefaultImagePath(): string {
	return '/og-image.png';
}

/** `/404.html`, the page static hosts serve for a missing address. */
export function getNotFoundPath(): string {
	return '/404.html';
}

/** The home page `/`, with the newest stories, and the numbered pages of every story `/page/1/` (the oldest), …. */
export function getHomePagePath(page?: number): string {
	return `/${getStoryPageSuffix(page)}`;
}

/** `/search/`, with the query when there is one. */
export function getSearchPath(query?: string): string {
	return query ? `/search/?q=${encodeURIComponent(query)}` : '/search/';
}

/** `/search/published.json`: how many published stories the search index must hold, per language. */
export function getSearchCountsPath(): string {
	return '/search/published.json';
}

/** `/pagefind/`: the search index and Pagefind's scripts, written by the build. */
export function getSearchBundlePath(): string {
	return '/pagefind/';
}

/** `/clippings-shard.json`: in a shard's build, what the shard is and holds, for `npm run combine`. */
export function getShardManifestPath(): string {
	return '/clippings-shard.json';
}

/** `/sw.js`: the service worker that keeps read pages and the search index for offline use. */
export function getServiceWorkerPath(): string {
	return '/sw.js';
}

/** `/offline.json`: what "Save the archive for offline reading" downloads, in totals and a list of parts. */
export function getOfflineManifestPath(): string {
	return '/offline.json';
}

/** `/offline/`: the parts of the offline manifest, each a run of files with their revisions. */
export function getOfflinePartsPath(): string {
	return '/offline/';
}

/** `/offline/3f2a….json`: one part of the offline manifest, named by a hash of its contents. */
export function getOfflinePartPath(name: string): string {
	return `${getOfflinePartsPath()}${name}.json`;
}

/** Prefixes a root-relative path with the site's base path (`/archive/` + `/2025/` → `/archive/2025/`). */
export function withBase(path: string, base: string): string {
	const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
	return `${trimmedBase}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The absolute URL of a path on the published site. */
export function getAbsoluteUrl(path: string, site: string, base: string): string {
	return new URL(withBase(path, base), site).href;
}

/**
 * The rest parameter (`[...page]`) of a paginated list's page `n`: none for the first page, `page/2` after.
 * @example getPageParam(2) // 'page/2'
 */
export function getPageParam(page: number): string | undefined {
	return page <= 1 ? undefined : `page/${page}`;
}

function getPageSuffix(page: number): string {
	const param = getPageParam(page);
	return param ? `${param}/` : '';
}

/**
 * The rest parameter (`[...page]`) of a numbered page of stories (`paginateStories`): none for the list's own
 * address, `page/1` for the oldest stories.
 * @example getStoryPageParam(1) // 'page/1'
 */
export function getStoryPageParam(page: number | undefined): string | undefined {
	return page === undefined ? undefined : `page/${page}`;
}

function getStoryPageSuffix(page: number | undefined): string {
	return page === undefined ? '' : `page/${page}/`;
}

function encodeSegment(segment: string): string {
	return encodeURIComponent(segment);
}
