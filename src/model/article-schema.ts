import { z } from 'zod';
import { isArticleDate } from './dates.ts';
import { isLanguageTag } from './language.ts';
import { slugify } from './slug.ts';

const text = (what: string) =>
	z
		.string({ message: `expected ${what} as text` })
		.trim()
		.min(1, `${what} is empty`)
		.refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value), `${what} contains control characters`);

const date = (what: string) =>
	z
		.string({ message: `expected ${what} as a date like 2025-07-24 or 2025-07-24T14:30:00-04:00 (quote it in YAML)` })
		.trim()
		.refine(isArticleDate, { message: `${what} must look like 2025-07-24 or 2025-07-24T14:30:00-04:00` });

const httpUrl = z
	.string({ message: 'expected the original address as text' })
	.trim()
	.refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
		message: 'url must be an http:// or https:// address',
	});

/** Characters that may never start an image address: a scheme other than http(s) can run script or read files. */
const imageSource = z
	.string({ message: 'expected text: a file next to the article (photo.jpg) or an https:// address' })
	.trim()
	.min(1, 'is empty')
	.refine((value) => !/^[a-z][a-z0-9+.-]*:/i.test(value) || /^https?:\/\//i.test(value), {
		message: 'must be a file next to the article (photo.jpg, photos/lead.jpg) or an http(s):// address',
	})
	.refine((value) => !value.startsWith('/') && !value.startsWith('\\'), {
		message: 'must be relative to the article file (photo.jpg), not an absolute path',
	});

/** The lead photo of an article: a file next to it (or an allowed remote address), its alt text, caption and credit. */
export const ArticleImageSchema = z
	.object(
		{
			src: imageSource,
			alt: z
				.string({ message: 'a photo needs alt text: say what it shows for readers who cannot see it, e.g. alt: Ferries at the quay' })
				.pipe(text('the alt text')),
			caption: text('the caption').optional(),
			credit: text('the photo credit').optional(),
		},
		{ message: 'expected image as { src, alt, caption, credit }, e.g. image: { src: harbour.jpg, alt: Ferries at the quay }' },
	)
	.strict();

/** The front-matter of one article: the single authority used by the site, the import tool and the content check. */
export const ArticleSchema = z
	.object({
		title: text('the headline').pipe(z.string().max(400, 'the headline is longer than 400 characters')),
		date: date('the publication date'),
		bylines: z.array(text('a byline'), { message: 'expected a list of names, e.g. bylines: [Jane Doe, John Roe] (or [] for none)' }).max(100),
		source: text('the source'),
		updated: date('the update date').optional(),
		dateline: text('the dateline').optional(),
		summary: text('the summary').optional(),
		section: text('the section').optional(),
		tags: z.array(text('a tag'), { message: 'expected a list of topics, e.g. tags: [Gaza, Diplomacy]' }).max(100).default([]),
		lang: z
			.string({ message: 'expected a language tag such as "en" or "de"' })
			.trim()
			.refine(isLanguageTag, 'lang must be a BCP 47 language tag such as "en", "de" or "ar"')
			.optional(),
		url: httpUrl.optional(),
		corrections: z
			.array(z.object({ date: date('the correction date'), text: text('the correction') }).strict(), {
				message: 'expected a list of corrections, each with a date and a text',
			})
			.default([]),
		image: ArticleImageSchema.optional(),
		draft: z.boolean({ message: 'draft must be true or false' }).default(false),
		slug: z
			.string({ message: 'expected the last part of the address as text, e.g. slug: results-evening' })
			.trim()
			.refine((value) => value !== '' && slugify(value) === value, {
				message: 'slug must be lower-case letters, digits and single hyphens, e.g. results-evening',
			})
			.optional(),
	})
	.strict();

/** The lead photo as written in the front-matter. */
export type ArticleImage = z.infer<typeof ArticleImageSchema>;

/** Front-matter after validation, with defaults applied. */
export type ArticleFrontMatter = z.infer<typeof ArticleSchema>;

/** The field names an article may carry, in the order the docs list them. */
export const ARTICLE_FIELDS = Object.keys(ArticleSchema.shape);
