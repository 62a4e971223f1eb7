import { z } from 'zod';
import { isTimeZone } from './dates.ts';
import { isLanguageTag } from './language.ts';
import { isMessageKey, isPluralKey, type MessageOverrides } from '../i18n/index.ts';
import { NavigationLinkSchema, ThemeSchema } from './theme.ts';
import { ShardsSchema, type ShardBuild } from './shards.ts';

const PluralMessageSchema = z
	.object({
		zero: z.string().optional(),
		one: z.string().optional(),
		two: z.string().optional(),
		few: z.string().optional(),
		many: z.string().optional(),
		other: z.string({ error: 'a plural message needs its "other" form' }),
	})
	.strict();

/**
 * A keeper's own wording for interface strings, by key (the keys are those of `src/i18n/en.ts`): text with
 * `{placeholders}`, or plural forms `{ one, other, … }` where the English message has them.
 */
export const StringsSchema = z
	.record(z.string(), z.union([z.string(), PluralMessageSchema]))
	.superRefine((strings, context) => {
		for (const [key, message] of Object.entries(strings)) {
			if (!isMessageKey(key)) {
				context.addIssue({ code: 'custom', path: [key], message: `there is no interface string "${key}"; the keys are listed in src/i18n/en.ts` });
			} else if (isPluralKey(key) !== (typeof message !== 'string')) {
				context.addIssue({
					code: 'custom',
					path: [key],
					message: isPluralKey(key) ? `"${key}" depends on a number: give its plural forms, e.g. { one: '…', other: '…' }` : `"${key}" is plain text, not plural forms`,
				});
			}
		}
	})
	.transform((strings) => strings as MessageOverrides);

/**
 * Names on one page of a byline, source or topic index unless `namesPerPage` says otherwise. A name costs about
 * 270 bytes of HTML, so a full page is about 80 KB (8 KB compressed), less than a long story's page; the demo
 * archive's 273 bylines keep their one page.
 */
export const DEFAULT_NAMES_PER_PAGE = 300;

/** Settings a keeper passes to `clippings()` in `astro.config.mjs`. */
export const SiteConfigSchema = z
	.object({
		title: z
			.string({ error: 'give the archive a title, e.g. title: "The Daily Clippings"' })
			.trim()
			.min(1, 'give the archive a title, e.g. title: "The Daily Clippings"')
			.describe('The archive’s name: the masthead, page titles and feeds.'),
		description: z.string().trim().default('A searchable archive of news stories.').describe('One line under the masthead and in the footer, feeds and page descriptions: what the archive holds.'),
		url: z
			.url({ message: 'url must be the full address the archive is served from, e.g. "https://news.example.org"' })
			.refine((value) => /^https?:\/\//.test(value), 'url must start with http:// or https://')
			.describe('Where the archive is published, for canonical links, feeds, sitemaps and citations.'),
		base: z
			.string()
			.default('/')
			.refine((value) => value.startsWith('/'), 'base must start with "/", e.g. "/archive/"')
			.transform((value) => (value.endsWith('/') ? value : `${value}/`))
			.describe('The subfolder the archive is served from, e.g. "/archive/".'),
		timeZone: z
			.string()
			.default('UTC')
			.refine(isTimeZone, {
				error: (issue) => `timeZone "${String(issue.input)}" is not an IANA time zone; use a name like "America/New_York" or "UTC"`,
			})
			.describe('The archive’s IANA time zone: days, addresses and displayed times use it.'),
		lang: z
			.string()
			.default('en')
			.refine(isLanguageTag, 'lang must be a BCP 47 language tag such as "en", "de" or "ar"')
			.describe('The archive’s language: the default of its articles and the language of its interface (en, de, fr, es, ar and zh ship; others fall back to English).'),
		pageSize: z
			.number({ message: 'pageSize must be a number' })
			.int('pageSize must be a whole number')
			.min(1, 'pageSize must be at least 1')
			.max(500, 'pageSize must be at most 500')
			.default(20)
			.describe('Stories per list page.'),
		namesPerPage: z
			.number({ message: 'namesPerPage must be a number' })
			.int('namesPerPage must be a whole number')
			.min(1, 'namesPerPage must be at least 1')
			.max(5000, 'namesPerPage must be at most 5000')
			.optional()
			.describe(
				`Names per page of the byline, source and topic indexes (${DEFAULT_NAMES_PER_PAGE} when not set). An index with more names ` +
					'is split by first letter (/bylines/letter/a/), and a letter with more is paginated.',
			),
		content: z.string().default('content').describe('The folder holding articles/, relative to the project.'),
		remoteImages: z
			.boolean({ message: 'remoteImages must be true or false' })
			.default(false)
			.describe(
				'Publish photos that articles give as https:// addresses, loaded from their servers (hotlinked): they are not optimised, ' +
					'vanish when those servers drop them, do not work offline and tell those servers who reads what. Off by default: ' +
					'a remote photo then fails the build, naming the article, so it can be saved next to it.',
			),
		wires: z
			.array(z.string({ message: 'wires must be a list of names, e.g. ["Agência Brasil"]' }).trim().min(1, 'a name in wires must not be empty'), {
				message: 'wires must be a list of names, e.g. ["Agência Brasil"]',
			})
			.default([])
			.describe(
				'Wires and publishers, beyond the ones the importer knows (AFP, AP, Reuters, dpa, Xinhua, …), whose name alone as a credit ' +
					'("By NAME") is an imported story’s source and not a byline; `npm run import` adds the names given with --wire.',
			),

		strings: StringsSchema.optional().describe(
			'Your own wording for any interface string, by key (see src/i18n/en.ts), in place of the shipped catalogue of `lang`.',
		),
		intro: z
			.object({
				text: z.string().trim().min(1, 'intro.text must say something').max(2000).describe('A few sentences of plain text: what the archive holds, who keeps it.'),
				links: z.array(NavigationLinkSchema).max(8).optional().describe('Links under the text, e.g. to a story or a source page.'),
				lang: z.string().refine(isLanguageTag, 'intro.lang must be a BCP 47 language tag').optional().describe('The language of the note, when it is not the archive’s `lang`.'),
			})
			.strict()
			.optional()
			.describe('A note for readers at the top of the home page: what they are looking at.'),
		theme: ThemeSchema.optional().describe('Colours, fonts, widths, logo, favicon, navigation links, footer text and an extra stylesheet (docs/theming.md).'),
		shards: ShardsSchema.optional().describe(
			'An archive built in parts, e.g. [{ name: "1980s", from: 1980, to: 1989 }, …]: `CLIPPINGS_SHARD=1980s astro build` builds the stories of ' +
				'those years under `<base>1980s/`, and `npm run combine` puts the shards together (README, "Beyond one machine").',
		),
	})
	.strict();

/**
 * The validated site configuration, with defaults applied; `shard` is the shard this build makes, when
 * `CLIPPINGS_SHARD` names one (`selectShard`), and `base` is then the shard's folder.
 */
export type SiteConfig = z.infer<typeof SiteConfigSchema> & { shard?: ShardBuild };

/** Input accepted by `clippings()`; everything but `title` and `url` has a default. */
export type SiteConfigInput = z.input<typeof SiteConfigSchema>;

/**
 * Validates the site settings, throwing one error that lists every problem.
 * @example parseSiteConfig({ title: 'Archive', url: 'https://example.org', timeZone: 'Europe/Paris' })
 */
export function parseSiteConfig(input: unknown): SiteConfig {
	const result = SiteConfigSchema.safeParse(input ?? {});
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => {
		const field = issue.path.join('.') || '(options)';
		const message =
			issue.code === 'unrecognized_keys'
				? `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
				: issue.message;
		return `  - ${field}: ${message}`;
	});
	return failConfig(problems);
}

function failConfig(problems: string[]): never {
	throw new Error(`Clippings: the site settings in astro.config.mjs are not valid:\n${problems.join('\n')}`);
}
