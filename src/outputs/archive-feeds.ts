/**
 * Feeds and sitemaps of this site: the pure writers in `feeds.ts` and `sitemaps.ts`, fed from the archive
 * `getArchive()` built once. The endpoints in `src/pages` only pick an entry and return its response.
 */
import { getStoryLanguage } from '../model/language.ts';
import { getArchive, type Archive, type Article } from '../derived/archive.ts';
import { getLeadPhoto, resolveFeedPhotos } from './article-photos.ts';
import { FEED_LENGTH, renderJsonFeed, renderRssFeed, toFeedItem, type Feed } from './feeds.ts';
import { getGroupIndexOf } from '../derived/archive-pages.ts';
import type { NamedGroup } from '../derived/groupings.ts';
import { namesPerPage, site, ui } from './site.ts';
import { chunk, renderNewsSitemap, renderSitemap, renderSitemapIndex, selectNewsStories, SITEMAP_SIZE, type SitemapEntry } from './sitemaps.ts';
import {
	getArchiveIndexPath,
	getBylineIndexPath,
	getDayPath,
	getFeedPath,
	getGroupLetterPath,
	getGroupPath,
	getHomePagePath,
	getMonthPath,
	getNewsSitemapPath,
	getSitemapPath,
	getSourceIndexPath,
	getTopicIndexPath,
	getYearPath,
	type FeedFormat,
	type GroupKind,
} from '../model/urls.ts';

/** How the pages and feeds of each kind of group describe it, in the site's words. */
export const GROUP_TEXT: Record<GroupKind, { plural: string; describe: (name: string) => string }> = {
	bylines: { plural: ui.t('group.bylines'), describe: (name) => ui.t('group.bylineStories', { name }) },
	sources: { plural: ui.t('group.sources'), describe: (name) => ui.t('group.sourceStories', { name }) },
	topics: { plural: ui.t('group.topics'), describe: (name) => ui.t('group.topicStories', { name }) },
};

/** The whole archive's feed: the newest stories with their full text. */
export async function getSiteFeed(): Promise<Feed> {
	const { articles, storyContext } = await getArchive();
	return {
		title: site.title,
		description: site.description,
		homeUrl: storyContext.absoluteUrl(getHomePagePath()),
		rssUrl: storyContext.absoluteUrl(getFeedPath('rss')),
		jsonUrl: storyContext.absoluteUrl(getFeedPath('json')),
		lang: site.lang,
		items: await Promise.all(
			articles.slice(0, FEED_LENGTH).map(async (article) =>
				toFeedItem(article, storyContext, true, {
					photo: await getLeadPhoto(article),
					contentHtml: article.rendered && (await resolveFeedPhotos(article, article.rendered.html)),
				}),
			),
		),
	};
}

/** One byline's, source's or topic's feed: its newest stories with their summaries. */
export async function getGroupFeed(kind: GroupKind, group: NamedGroup<Article>): Promise<Feed> {
	const { storyContext } = await getArchive();
	const description = GROUP_TEXT[kind].describe(group.name);
	return {
		title: ui.t('page.title', { page: description, site: site.title }),
		description,
		homeUrl: storyContext.absoluteUrl(getGroupPath(kind, group.slug)),
		rssUrl: storyContext.absoluteUrl(getFeedPath('rss', { kind, slug: group.slug })),
		jsonUrl: storyContext.absoluteUrl(getFeedPath('json', { kind, slug: group.slug })),
		lang: site.lang,
		items: await Promise.all(
			group.stories.slice(0, FEED_LENGTH).map(async (article) => toFeedItem(article, storyContext, false, { photo: await getLeadPhoto(article) })),
		),
	};
}

/** A feed as the endpoint's response, in the format its file name promises. */
export function createFeedResponse(format: FeedFormat, feed: Feed): Response {
	return format === 'rss'
		? new Response(renderRssFeed(feed), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } })
		: new Response(renderJsonFeed(feed), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
}

/** An XML document as an endpoint's response. */
export function createXmlResponse(xml: string): Response {
	return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}

let sitemaps: Promise<SitemapEntry[][]> | undefined;

/** Every indexable page (first pages of lists, letters of split name indexes, every story), split into numbered sitemaps. */
export function getSitemaps(): Promise<SitemapEntry[][]> {
	sitemaps ??= getArchive().then((archive) => chunk(listSitemapEntries(archive), SITEMAP_SIZE));
	return sitemaps;
}

function listSitemapEntries(archive: Archive): SitemapEntry[] {
	const { absoluteUrl } = archive.storyContext;
	const page = (path: string, lastModified?: Date): SitemapEntry => ({ url: absoluteUrl(path), lastModified });
	const newest = (stories: readonly Article[]) => stories[0] && (stories[0].data.modified ?? stories[0].data.published);
	const groups = (kind: GroupKind, grouping: Archive['bylines']) => [
		...getGroupIndexOf(grouping, namesPerPage, site.lang).letters.map(({ letter }) => page(getGroupLetterPath(kind, letter.key))),
		...grouping.groups.map((group) => page(getGroupPath(kind, group.slug), newest(group.stories))),
	];
	return [
		page(getHomePagePath(), newest(archive.articles)),
		page(getArchiveIndexPath(), newest(archive.articles)),
		page(getBylineIndexPath()),
		page(getSourceIndexPath()),
		page(getTopicIndexPath()),
		...archive.calendar.years.flatMap((year) => [
			page(getYearPath(year.year)),
			...year.months.flatMap((month) => [
				page(getMonthPath(month.year, month.month), newest(month.stories)),
				...month.days.map((day) => page(getDayPath(day.year, day.month, day.day), newest(day.stories))),
			]),
		]),
		...groups('bylines', archive.bylines),
		...groups('sources', archive.sources),
		...groups('topics', archive.topics),
		...archive.articles.map((article) => page(article.data.path, article.data.modified ?? article.data.published)),
	];
}

/** The sitemap index: the numbered sitemaps and the news sitemap. */
export async function getSitemapIndex(): Promise<string> {
	const { storyContext } = await getArchive();
	const numbered = (await getSitemaps()).map((_, index) => storyContext.absoluteUrl(getSitemapPath(index + 1)));
	return renderSitemapIndex([...numbered, storyContext.absoluteUrl(getNewsSitemapPath())]);
}

/** The Google News sitemap of the stories of the two days before the build. */
export async function getNewsSitemap(): Promise<string> {
	const { articles, buildTime, storyContext } = await getArchive();
	const entries = selectNewsStories(articles, buildTime).map((article) => ({
		url: storyContext.absoluteUrl(article.data.path),
		title: article.data.title,
		published: article.data.published,
		lang: getStoryLanguage(article.data, site.lang),
	}));
	return renderNewsSitemap(entries, site.title);
}
