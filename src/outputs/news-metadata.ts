/**
 * What search engines and link previews read about a story: schema.org `NewsArticle` JSON-LD, OpenGraph
 * and Twitter card tags. The JSON-LD is the one place besides the sanitised body that a page writes as
 * raw HTML, so it is serialised here with every `<` escaped.
 */
import { getStoryLanguage } from '../model/language.ts';
import { getStoryTopics } from '../model/article-entry.ts';
import type { SharedPhoto } from './article-photos.ts';
import { formatIsoDate, parseArticleDate } from '../model/dates.ts';
import { getSocialImage } from './social-image.ts';
import type { Story, StoryContext } from '../derived/story-context.ts';

/** A schema.org object: plain JSON. */
export type JsonLd = { [key: string]: JsonLdValue };
type JsonLdValue = string | number | boolean | JsonLd | JsonLdValue[] | undefined;

/**
 * The `NewsArticle` of a story: every byline a `Person` with the address of their page, the source as
 * publisher, the dateline, corrections as `CorrectionComment`s, the original address as `isBasedOn`, and the
 * lead photo (from `getLeadPhoto`) as an `ImageObject`.
 */
export function buildNewsArticle(story: Story, context: StoryContext, photo?: SharedPhoto): JsonLd {
	const { data } = story;
	const url = context.absoluteUrl(data.path);
	const keywords = getStoryTopics(data);
	return {
		'@context': 'https://schema.org',
		'@type': 'NewsArticle',
		'@id': url,
		url,
		mainEntityOfPage: url,
		headline: data.title,
		description: data.excerpt,
		inLanguage: getStoryLanguage(data, context.lang),
		datePublished: formatIsoDate(data.published, context.timeZone),
		dateModified: formatIsoDate(data.modified ?? data.published, context.timeZone),
		author: data.bylines.map((name) => ({ '@type': 'Person', name, url: context.getBylineUrl(name) })),
		publisher: { '@type': 'Organization', name: data.source, url: context.getSourceUrl(data.source) },
		dateline: data.dateline,
		locationCreated: data.dateline ? { '@type': 'Place', name: data.dateline } : undefined,
		articleSection: data.section,
		keywords: keywords.length > 0 ? keywords.join(', ') : undefined,
		wordCount: data.wordCount,
		correction:
			data.corrections.length > 0
				? data.corrections.map((correction) => ({
						'@type': 'CorrectionComment',
						text: correction.text,
						datePublished: formatIsoDate(parseArticleDate(correction.date, context.timeZone), context.timeZone),
					}))
				: undefined,
		isBasedOn: data.url,
		image: photo
			? {
					'@type': 'ImageObject',
					url: photo.url,
					contentUrl: photo.url,
					width: photo.width,
					height: photo.height,
					caption: photo.caption ?? photo.alt,
					creditText: photo.credit,
				}
			: getSocialImage(undefined, context).url,
		isPartOf: { '@type': 'WebSite', name: context.siteTitle, url: context.absoluteUrl('/') },
	};
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`
 * (and the JavaScript line separators U+2028/9 are escaped), so no headline can close the script element
 * or open a comment, and `JSON.parse` still reads the same data.
 * @example serializeJsonLd({ headline: '</script>' }) // '{"headline":"\u003c/script\u003e"}'
 */
export function serializeJsonLd(data: JsonLd): string {
	return JSON.stringify(data)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** One `<meta>` tag: OpenGraph uses `property`, Twitter uses `name`. */
export interface MetaTag {
	attribute: 'property' | 'name';
	key: string;
	content: string;
}

/**
 * OpenGraph (`og:`, `article:`) and Twitter card tags for a story's link previews: its photo (a large card)
 * when it has one, otherwise the site's image (a small one).
 */
export function getSocialMetaTags(story: Story, context: StoryContext, photo?: SharedPhoto): MetaTag[] {
	const { data } = story;
	const siteImage = getSocialImage(undefined, context);
	const og = (key: string, content: string): MetaTag => ({ attribute: 'property', key, content });
	const twitter = (key: string, content: string): MetaTag => ({ attribute: 'name', key, content });
	return [
		og('og:type', 'article'),
		og('og:site_name', context.siteTitle),
		og('og:title', data.title),
		og('og:description', data.excerpt),
		og('og:url', context.absoluteUrl(data.path)),
		og('og:locale', getStoryLanguage(data, context.lang).replace('-', '_')),
		og('article:published_time', formatIsoDate(data.published, context.timeZone)),
		...(data.modified ? [og('article:modified_time', formatIsoDate(data.modified, context.timeZone))] : []),
		...data.bylines.map((name) => og('article:author', context.getBylineUrl(name))),
		...(data.section ? [og('article:section', data.section)] : []),
		...data.tags.map((tag) => og('article:tag', tag)),
		...(photo
			? getPhotoTags(photo).map(([key, content]) => og(key, content))
			: [og('og:image', siteImage.url), og('og:image:alt', siteImage.alt)]),
		twitter('twitter:card', photo ? 'summary_large_image' : 'summary'),
		twitter('twitter:title', data.title),
		twitter('twitter:description', data.excerpt),
		twitter('twitter:image', photo ? photo.url : siteImage.url),
		twitter('twitter:image:alt', photo ? photo.alt : siteImage.alt),
	];
}

function getPhotoTags(photo: SharedPhoto): [string, string][] {
	const tags: [string, string | number | undefined][] = [
		['og:image', photo.url],
		['og:image:type', photo.type],
		['og:image:width', photo.width],
		['og:image:height', photo.height],
		['og:image:alt', photo.alt],
	];
	return tags.flatMap(([key, content]) => (content === undefined ? [] : [[key, String(content)]]));
}
