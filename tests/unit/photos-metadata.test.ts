import { load } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import type { SharedPhoto } from '../../src/outputs/article-photos.ts';
import { ArticleSchema } from '../../src/model/article-schema.ts';
import { renderJsonFeed, renderRssFeed, toFeedItem, type Feed } from '../../src/outputs/feeds.ts';
import { groupByName } from '../../src/derived/groupings.ts';
import { buildNewsArticle, getSocialMetaTags } from '../../src/outputs/news-metadata.ts';
import { createStoryContext, type Story } from '../../src/derived/story-context.ts';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';

const SITE = { title: 'Gazette', description: 'd', url: 'https://news.example.org', base: '/', lang: 'en', timeZone: 'Europe/Lisbon' };

function makeStory(frontMatter: Record<string, unknown>): Story {
	const data = ArticleSchema.parse({ bylines: ['Ana Ruiz'], source: 'Wire', date: '2025-07-24', ...frontMatter });
	const entry = createArticleEntry('x.md', data, { firstParagraph: 'First paragraph.', wordCount: 120 }, SITE.timeZone);
	return { id: entry.path, data: entry, rendered: { html: '<p>Body</p>' } };
}

const withPhoto = makeStory({ title: 'Ferries return', image: { src: 'quay.jpg', alt: 'Ferries at the quay', caption: 'The first sailing.', credit: 'Ana Ruiz' } });
const withoutPhoto = makeStory({ title: 'Timetable out' });
const context = createStoryContext(SITE, {
	bylines: groupByName([withPhoto, withoutPhoto], (story) => story.data.bylines, 'byline', 'en'),
	sources: groupByName([withPhoto, withoutPhoto], (story) => [story.data.source], 'source', 'en'),
});
const photo: SharedPhoto = {
	url: 'https://news.example.org/_astro/quay.abc_123.jpeg',
	type: 'image/jpeg',
	width: 1200,
	height: 750,
	alt: 'Ferries at the quay',
	caption: 'The first sailing.',
	credit: 'Ana Ruiz',
};

const tagsOf = (story: Story, shared?: SharedPhoto) => Object.fromEntries(getSocialMetaTags(story, context, shared).map((tag) => [tag.key, tag.content]));

describe('the lead photo in link previews and JSON-LD', () => {
	test('a story with a photo has og:image with its size, type and alt, and a large Twitter card', () => {
		expect(tagsOf(withPhoto, photo)).toMatchObject({
			'og:image': photo.url,
			'og:image:type': 'image/jpeg',
			'og:image:width': '1200',
			'og:image:height': '750',
			'og:image:alt': 'Ferries at the quay',
			'twitter:card': 'summary_large_image',
			'twitter:image': photo.url,
			'twitter:image:alt': 'Ferries at the quay',
		});
	});

	test('a story without a photo shows the site\'s picture on a summary card', () => {
		const tags = tagsOf(withoutPhoto);
		expect(Object.keys(tags).filter((key) => key.includes('image'))).toEqual(['og:image', 'og:image:alt', 'twitter:image', 'twitter:image:alt']);
		expect(tags['og:image']).toBe('https://news.example.org/og-image.png');
		expect(tags['twitter:card']).toBe('summary');
	});

	test('a remote photo of unknown size gives its address and alt text only', () => {
		const tags = tagsOf(withPhoto, { url: 'https://cdn.example.org/a.jpg', alt: 'A' });
		expect(Object.keys(tags).filter((key) => key.startsWith('og:image'))).toEqual(['og:image', 'og:image:alt']);
	});

	test('the NewsArticle names the photo as an ImageObject with its caption and credit', () => {
		expect(buildNewsArticle(withPhoto, context, photo).image).toEqual({
			'@type': 'ImageObject',
			url: photo.url,
			contentUrl: photo.url,
			width: 1200,
			height: 750,
			caption: 'The first sailing.',
			creditText: 'Ana Ruiz',
		});
		// Without a photo, the site's own picture stands in (issue 14's og:image fallback).
		expect(buildNewsArticle(withoutPhoto, context).image).toBe('https://news.example.org/og-image.png');
	});
});

describe('the lead photo in feeds', () => {
	const feed: Feed = {
		title: 'Gazette',
		description: 'd',
		homeUrl: 'https://news.example.org/',
		rssUrl: 'https://news.example.org/feed.xml',
		jsonUrl: 'https://news.example.org/feed.json',
		lang: 'en',
		items: [
			toFeedItem(withPhoto, context, true, { photo, contentHtml: '<figure><img src="https://news.example.org/_astro/b.jpeg" alt="B"><figcaption>C</figcaption></figure>' }),
			toFeedItem(withoutPhoto, context, true),
		],
	};

	test('an RSS item with a photo carries it as an enclosure; one without carries none', () => {
		const xml = renderRssFeed(feed);
		expect(XMLValidator.validate(xml)).toBe(true);
		const items = new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel.item as Record<string, unknown>[];
		expect(items[0]!.enclosure).toEqual({ '@_url': photo.url, '@_length': '0', '@_type': 'image/jpeg' });
		expect(items[1]!.enclosure).toBeUndefined();
	});

	test('a JSON Feed item with a photo names it as its image, and its body keeps the photos the caller resolved', () => {
		const items = (JSON.parse(renderJsonFeed(feed)) as { items: { image?: string; content_html: string }[] }).items;
		expect(items[0]!.image).toBe(photo.url);
		expect(load(items[0]!.content_html)('figure img').attr('src')).toBe('https://news.example.org/_astro/b.jpeg');
		expect(items[1]!.image).toBeUndefined();
		expect(items[1]!.content_html).toBe('<p>Body</p>');
	});
});
