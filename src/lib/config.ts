import { z } from 'zod';

/** Settings a keeper passes to `clippings()` in `astro.config.mjs`. */
export const SiteConfigSchema = z
	.object({
		title: z
			.string({ error: 'give the archive a title, e.g. title: "The Daily Clippings"' })
			.trim()
			.min(1, 'give the archive a title, e.g. title: "The Daily Clippings"'),
		description: z.string().trim().default('A searchable archive of news stories.'),
		url: z
			.url({ message: 'url must be the full address the archive is served from, e.g. "https://news.example.org"' })
			.refine((value) => /^https?:\/\//.test(value), 'url must start with http:// or https://'),
		base: z
			.string()
			.default('/')
			.refine((value) => value.startsWith('/'), 'base must start with "/", e.g. "/archive/"')
			.transform((value) => (value.endsWith('/') ? value : `${value}/`)),
		timeZone: z
			.string()
			.default('UTC')
			.refine(isTimeZone, {
				error: (issue) => `timeZone "${String(issue.input)}" is not an IANA time zone; use a name like "America/New_York" or "UTC"`,
			}),
		lang: z
			.string()
			.default('en')
			.refine(isLanguageTag, 'lang must be a BCP 47 language tag such as "en", "de" or "ar"'),
		pageSize: z
			.number({ message: 'pageSize must be a number' })
			.int('pageSize must be a whole number')
			.min(1, 'pageSize must be at least 1')
			.max(500, 'pageSize must be at most 500')
			.default(20),
		content: z.string().default('content'),
		remoteImages: z
			.boolean({ message: 'remoteImages must be true or false' })
			.default(false)
			.describe(
				'Publish photos that articles give as https:// addresses, loaded from their servers (hotlinked): they are not optimised, ' +
					'vanish when those servers drop them, do not work offline and tell those servers who reads what. Off by default: ' +
					'a remote photo then fails the build, naming the article, so it can be saved next to it.',
			),
	})
	.strict();

/** The validated site configuration, with defaults applied. */
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

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

function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

function isLanguageTag(value: string): boolean {
	try {
		return Intl.getCanonicalLocales(value).length === 1;
	} catch {
		return false;
	}
}
