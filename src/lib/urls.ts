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

/** `/YYYY/MM/` */
export function getMonthPath(year: string, month: string): string {
	return `/${year}/${month}/`;
}

/** `/YYYY/MM/DD/` */
export function getDayPath(year: string, month: string, day: string): string {
	return `/${year}/${month}/${day}/`;
}

/** `/bylines/slug/` */
export function getBylinePath(slug: string): string {
	return `/bylines/${encodeSegment(slug)}/`;
}

/** `/sources/slug/` */
export function getSourcePath(slug: string): string {
	return `/sources/${encodeSegment(slug)}/`;
}

/** `/topics/slug/` */
export function getTopicPath(slug: string): string {
	return `/topics/${encodeSegment(slug)}/`;
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

/** The home page's page `n` (1-based): `/` then `/page/2/`. */
export function getHomePagePath(page: number): string {
	return page <= 1 ? '/' : `/page/${page}/`;
}

/** `/search/`, with the query when there is one. */
export function getSearchPath(query?: string): string {
	return query ? `/search/?q=${encodeURIComponent(query)}` : '/search/';
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

function encodeSegment(segment: string): string {
	return encodeURIComponent(segment);
}
