import type { ImageMetadata } from 'astro';
import { z } from 'zod';
import { ArticleImageSchema, ArticleSchema, type ArticleFrontMatter } from './article-schema.ts';
import type { ArticleAddress } from './article-address.ts';
import { isDayOnly, parseArticleDate } from './dates.ts';
import type { RenderedArticle } from './markdown.ts';

/** Words a reader gets through in a minute, for the "n min read" line. */
export const WORDS_PER_MINUTE = 230;

const EXCERPT_LENGTH = 280;

/** One article as the site sees it: its front-matter plus what the build derives from it. */
export const ArticleEntrySchema = z.object({
	...ArticleSchema.shape,
	/** The file it came from, relative to the project root. */
	file: z.string(),
	published: z.date(),
	modified: z.date().optional(),
	/** True when `date` named a day without a clock time. */
	dayOnly: z.boolean(),
	year: z.string(),
	month: z.string(),
	day: z.string(),
	/** The address's last part: the headline's slug, its suffixed form for a repeated headline, or `claimedSlug`. */
	slug: z.string(),
	/** The `slug` the front-matter asked for, if any. */
	claimedSlug: z.string().optional(),
	/** Root-relative address, `/YYYY/MM/DD/slug/`. */
	path: z.string(),
	excerpt: z.string(),
	wordCount: z.number(),
	readingMinutes: z.number(),
	/** The lead photo: a local file arrives as Astro's imported image, an allowed remote one as its address. */
	image: ArticleImageSchema.extend({ src: z.custom<ImageMetadata | string>() }).optional(),
	/** Local photos of the text, as written in the HTML (`./quay.jpg`) and imported, for feeds. */
	bodyImages: z.array(z.object({ path: z.string(), src: z.custom<ImageMetadata | string>() })).optional(),
});

/** The data of one article entry in the `articles` collection. */
export type ArticleEntryData = z.infer<typeof ArticleEntrySchema>;

/** One article at the end of its path through the loader: parsed, addressed and rendered, each once. */
export interface ArticleParts {
	/** The file it came from, relative to the project root. */
	file: string;
	data: ArticleFrontMatter;
	/** From `assignAddresses`, which saw the whole archive. */
	address: ArticleAddress;
	rendered: Pick<RenderedArticle, 'firstParagraph' | 'wordCount'>;
	timeZone: string;
}

/**
 * Puts together everything the pages need from an article's parts: its address, the excerpt and the
 * reading time. Called once per article, after rendering.
 */
export function createArticleEntry({ file, data, address, rendered, timeZone }: ArticleParts): ArticleEntryData {
	const { year, month, day, slug, path, published } = address;
	return {
		...data,
		file,
		published,
		modified: data.updated ? parseArticleDate(data.updated, timeZone) : undefined,
		dayOnly: isDayOnly(data.date),
		year,
		month,
		day,
		slug,
		claimedSlug: data.slug,
		path,
		excerpt: truncate(data.summary ?? rendered.firstParagraph, EXCERPT_LENGTH),
		wordCount: rendered.wordCount,
		readingMinutes: Math.max(1, Math.round(rendered.wordCount / WORDS_PER_MINUTE)),
	};
}

/**
 * A story's topics: its section (desk) first, then its tags, one topic space for both.
 * @example getStoryTopics({ section: 'World', tags: ['Gaza'] }) // ['World', 'Gaza']
 */
export function getStoryTopics(data: { section?: string | undefined; tags: readonly string[] }): string[] {
	return data.section ? [data.section, ...data.tags] : [...data.tags];
}

/** Shortens text at a word boundary, adding an ellipsis when it cut something. */
export function truncate(text: string, length: number): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= length) return clean;
	const cut = clean.slice(0, length);
	const lastSpace = cut.lastIndexOf(' ');
	return `${(lastSpace > length * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.—–-]+$/u, '')}…`;
}
