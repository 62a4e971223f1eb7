import type { ImageMetadata } from 'astro';
import { z } from 'zod';
import { ArticleImageSchema, ArticleSchema, type ArticleFrontMatter } from './article-schema.ts';
import { getCalendarDay, isDayOnly, parseArticleDate } from './dates.ts';
import type { RenderedArticle } from './markdown.ts';
import { slugify } from './slug.ts';
import { getArticlePath } from './urls.ts';

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
	slug: z.string(),
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

/** The slug for a headline, falling back to a stable one when the headline has no letters or digits. */
export function getArticleSlug(title: string): string {
	return slugify(title) || 'story';
}

/**
 * Derives everything the pages need from a validated article and its rendered body: the instant in the
 * archive's time zone, the address, the excerpt and the reading time.
 */
export function createArticleEntry(
	file: string,
	data: ArticleFrontMatter,
	rendered: Pick<RenderedArticle, 'firstParagraph' | 'wordCount'>,
	timeZone: string,
): ArticleEntryData {
	const published = parseArticleDate(data.date, timeZone);
	const { year, month, day } = getCalendarDay(published, timeZone);
	const slug = getArticleSlug(data.title);
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
		path: getArticlePath({ year, month, day, slug }),
		excerpt: truncate(data.summary ?? rendered.firstParagraph, EXCERPT_LENGTH),
		wordCount: rendered.wordCount,
		readingMinutes: Math.max(1, Math.round(rendered.wordCount / WORDS_PER_MINUTE)),
	};
}

/** The collection id of an article: its address without slashes at the ends, `2025/07/24/slug`. */
export function getArticleId(entry: Pick<ArticleEntryData, 'year' | 'month' | 'day' | 'slug'>): string {
	return `${entry.year}/${entry.month}/${entry.day}/${entry.slug}`;
}

/** Shortens text at a word boundary, adding an ellipsis when it cut something. */
export function truncate(text: string, length: number): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= length) return clean;
	const cut = clean.slice(0, length);
	const lastSpace = cut.lastIndexOf(' ');
	return `${(lastSpace > length * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.—–-]+$/u, '')}…`;
}
