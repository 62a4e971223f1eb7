/**
 * RSS 2.0 and JSON Feed 1.1, written by hand: both are small formats, and one escaping function shared
 * with the sitemaps is easier to audit than a builder whose raw-XML escape hatch we would need for
 * `dc:creator` and `atom:link`.
 */
import { getStoryTopics } from '../model/article-entry.ts';
import type { SharedPhoto } from './article-photos.ts';
import type { Story, StoryContext } from '../derived/story-context.ts';

/** Stories per feed: the newest 50. */
export const FEED_LENGTH = 50;

/** A person credited in a feed. */
export interface FeedAuthor {
	name: string;
	url: string;
}

/** One story in a feed, with absolute addresses. */
export interface FeedItem {
	/** The story's page on this site: its id and its link. */
	url: string;
	title: string;
	published: Date;
	modified?: Date;
	authors: FeedAuthor[];
	summary: string;
	/** The full, sanitised body; left out when the feed carries summaries only. */
	contentHtml?: string;
	tags: string[];
	/** Where the story was first published, when it came from elsewhere. */
	externalUrl?: string;
	lang?: string;
	/** The lead photo: an RSS `<enclosure>` and the JSON Feed `image`. */
	image?: Pick<SharedPhoto, 'url' | 'type'>;
}

/** A whole feed: the channel and its items, newest first. */
export interface Feed {
	title: string;
	description: string;
	/** The page the feed follows (the home page, or a byline's page). */
	homeUrl: string;
	rssUrl: string;
	jsonUrl: string;
	lang: string;
	items: FeedItem[];
}

/**
 * A story as a feed item. `withContent` puts the full body in (the whole-archive feed); otherwise the item
 * carries the summary only, which keeps thousands of per-byline and per-topic feeds small. `media` gives the
 * lead photo and the body with its photos' absolute addresses (see `article-photos.ts`).
 */
export function toFeedItem(
	story: Story,
	context: StoryContext,
	withContent: boolean,
	media: { photo?: SharedPhoto; contentHtml?: string } = {},
): FeedItem {
	const { data } = story;
	return {
		url: context.absoluteUrl(data.path),
		title: data.title,
		published: data.published,
		modified: data.modified,
		authors: data.bylines.map((name) => ({ name, url: context.getBylineUrl(name) })),
		summary: data.excerpt,
		contentHtml: withContent ? (media.contentHtml ?? story.rendered?.html) : undefined,
		tags: getStoryTopics(data),
		externalUrl: data.url,
		lang: data.lang,
		image: media.photo && { url: media.photo.url, type: media.photo.type },
	};
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 does not allow at all. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** An RSS 2.0 document with the `content`, `dc` and `atom` extensions its items use. */
export function renderRssFeed(feed: Feed): string {
	const newest = feed.items[0];
	const channel = [
		element('title', feed.title),
		element('link', feed.homeUrl),
		element('description', feed.description),
		element('language', feed.lang),
		`<atom:link href="${escapeXml(feed.rssUrl)}" rel="self" type="application/rss+xml"/>`,
		newest ? element('lastBuildDate', (newest.modified ?? newest.published).toUTCString()) : '',
		element('generator', 'Clippings'),
		...feed.items.map(renderRssItem),
	];
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
		'<channel>',
		...channel.filter(Boolean),
		'</channel>',
		'</rss>',
		'',
	].join('\n');
}

function renderRssItem(item: FeedItem): string {
	const parts = [
		element('title', item.title),
		element('link', item.url),
		`<guid isPermaLink="true">${escapeXml(item.url)}</guid>`,
		element('pubDate', item.published.toUTCString()),
		element('description', item.summary),
		item.contentHtml === undefined ? '' : element('content:encoded', item.contentHtml),
		// RSS asks for the length in bytes; 0 is the agreed value when, as for a resized photo, it isn't known yet.
		item.image ? `<enclosure url="${escapeXml(item.image.url)}" length="0" type="${escapeXml(item.image.type ?? 'image/jpeg')}"/>` : '',
		...item.authors.map((author) => element('dc:creator', author.name)),
		...item.tags.map((tag) => element('category', tag)),
	];
	return `<item>${parts.filter(Boolean).join('')}</item>`;
}

function element(name: string, text: string): string {
	return `<${name}>${escapeXml(text)}</${name}>`;
}

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: Feed): string {
	const document = {
		version: 'https://jsonfeed.org/version/1.1',
		title: feed.title,
		home_page_url: feed.homeUrl,
		feed_url: feed.jsonUrl,
		description: feed.description,
		language: feed.lang,
		items: feed.items.map((item) => ({
			id: item.url,
			url: item.url,
			external_url: item.externalUrl,
			title: item.title,
			...(item.contentHtml === undefined ? { content_text: item.summary } : { content_html: item.contentHtml }),
			summary: item.summary,
			date_published: item.published.toISOString(),
			date_modified: item.modified?.toISOString(),
			authors: item.authors.length > 0 ? item.authors : undefined,
			tags: item.tags.length > 0 ? item.tags : undefined,
			language: item.lang,
			image: item.image?.url,
		})),
	};
	return `${JSON.stringify(document, null, '\t')}\n`;
}
