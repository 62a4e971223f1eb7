/**
 * XML sitemaps (https://www.sitemaps.org/protocol.html) and the Google News sitemap of the latest stories.
 */
import { escapeXml } from './feeds.ts';

/** URLs per numbered sitemap: well under the protocol's 50,000 and 50 MB. */
export const SITEMAP_SIZE = 10_000;

/** The Google News sitemap covers stories of the last two days… */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/** …and at most 1,000 of them. */
export const NEWS_SITEMAP_LIMIT = 1000;

/** One page in a sitemap. */
export interface SitemapEntry {
	url: string;
	lastModified?: Date;
}

/** One story in the Google News sitemap. */
export interface NewsSitemapEntry {
	url: string;
	title: string;
	published: Date;
	/** The story's language (BCP 47); turned into the code Google News expects. */
	lang: string;
}

/** `<sitemapindex>` listing the sitemaps at these absolute URLs. */
export function renderSitemapIndex(sitemapUrls: readonly string[]): string {
	return xmlDocument(
		'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		sitemapUrls.map((url) => `<sitemap><loc>${escapeXml(url)}</loc></sitemap>`),
		'</sitemapindex>',
	);
}

/** `<urlset>` of pages, with `lastmod` where known. */
export function renderSitemap(entries: readonly SitemapEntry[]): string {
	return xmlDocument(
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		entries.map(
			(entry) =>
				`<url><loc>${escapeXml(entry.url)}</loc>${entry.lastModified ? `<lastmod>${entry.lastModified.toISOString()}</lastmod>` : ''}</url>`,
		),
		'</urlset>',
	);
}

/**
 * The stories the Google News sitemap lists: published in the two days up to the build, never after it.
 * @param newestFirst the published list
 */
export function selectNewsStories<T extends { data: { published: Date } }>(newestFirst: readonly T[], buildTime: Date): T[] {
	const end = buildTime.getTime();
	const start = end - NEWS_WINDOW_MS;
	return newestFirst
		.filter((story) => {
			const time = story.data.published.getTime();
			return time > start && time <= end;
		})
		.slice(0, NEWS_SITEMAP_LIMIT);
}

/** A Google News sitemap; with no stories it is an empty, valid `<urlset>`. */
export function renderNewsSitemap(entries: readonly NewsSitemapEntry[], publicationName: string): string {
	return xmlDocument(
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
		entries.map((entry) =>
			[
				`<url><loc>${escapeXml(entry.url)}</loc><news:news>`,
				`<news:publication><news:name>${escapeXml(publicationName)}</news:name>`,
				`<news:language>${escapeXml(getNewsLanguage(entry.lang))}</news:language></news:publication>`,
				`<news:publication_date>${entry.published.toISOString()}</news:publication_date>`,
				`<news:title>${escapeXml(entry.title)}</news:title>`,
				'</news:news></url>',
			].join(''),
		),
		'</urlset>',
	);
}

/**
 * The language code Google News wants: the ISO 639 language, except Chinese, which it names by script.
 * @example getNewsLanguage('pt-BR') // 'pt'
 * @example getNewsLanguage('zh-Hant') // 'zh-tw'
 */
export function getNewsLanguage(lang: string): string {
	const locale = new Intl.Locale(lang).maximize();
	if (locale.language !== 'zh') return locale.language;
	return locale.script === 'Hant' ? 'zh-tw' : 'zh-cn';
}

/** Splits a list into consecutive chunks of `size` (at least one chunk, possibly empty). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
	return chunks.length > 0 ? chunks : [[]];
}

function xmlDocument(open: string, lines: string[], close: string): string {
	return ['<?xml version="1.0" encoding="UTF-8"?>', open, ...lines, close, ''].join('\n');
}

/**
 * `robots.txt`: crawlers may read everything, and find every page through the sitemap index. Crawlers
 * only read it at a host's root: an archive under a base path (`/archive/`) needs its `Sitemap:` line
 * copied into the host's own robots.txt.
 * @example renderRobotsTxt('https://news.example.org/sitemap-index.xml')
 */
export function renderRobotsTxt(sitemapIndexUrl: string): string {
	return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapIndexUrl}\n`;
}
