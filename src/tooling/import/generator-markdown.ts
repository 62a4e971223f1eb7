import { parse as parseToml } from 'smol-toml';
import { loadSafeYaml } from '../../model/front-matter.ts';
import { splitNames } from './bylines.ts';
import { findDateInPath, normaliseDate } from './dates.ts';
import type { ArticleDraft, ReadResult } from './draft.ts';
import { readPlainText } from './html-markdown.ts';
import type { RawTextContext } from './raw-text.ts';
import { linkMedia, type MediaLink } from './media-links.ts';
import { resolveSiteLinks } from './site-links.ts';
import { translateGoTemplate, translateLiquid, translateShortcodes, type LiquidSite, type TranslatedBody } from './template-calls.ts';

/** Front-matter keys this reader understands; any other key is listed in the report as left out. */
const KNOWN_KEYS = new Set(
	`title date pubDate published publishDate created updated lastmod last_modified_at modified dateModified author authors by
	tags categories keywords taxonomies excerpt summary description dek subtitle section category lang language
	canonical_url canonicalURL canonical original_url source publisher dateline draft path template locale`.split(/\s+/),
);

/** A Markdown file split into its front-matter and body, in whichever dialect it was written. */
interface SplitSource {
	data: Record<string, unknown>;
	body: string;
	syntax: 'yaml' | 'toml';
}

/**
 * Reads another generator's Markdown post (Jekyll, Hugo, Zola, Eleventy, the Go blog): YAML `---` or TOML
 * `+++` front-matter mapped onto the archive's fields, and the body kept as Markdown once the generator's
 * template calls have been turned into Markdown (or refused by name).
 * `author`/`authors`/`by` become bylines, `tags`/`categories` topics, `excerpt`/`summary`/`description` the
 * summary; the date comes from the front-matter, else from the path (`2014-03-19-title.md`, `2025/06/26/slug`).
 */
export function readGeneratorMarkdown(text: string, context: RawTextContext): ReadResult & { leftOut?: string[] } {
	let split: SplitSource;
	try {
		split = splitSource(text);
	} catch (error) {
		return { ok: false, shape: 'generator-markdown', reason: `the front-matter cannot be read: ${(error as Error).message.split('\n')[0]}` };
	}
	const { data, syntax } = split;
	let body = split.body;

	let title = readPlainText(readText(data.title));
	if (title === undefined) {
		const heading = /^#[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(body);
		if (heading && body.slice(0, heading.index).trim() === '') {
			title = heading[1];
			body = body.slice(heading.index + heading[0].length);
		}
	}

	const origin = context.permalink ? new URL(context.permalink.replace(/:\w+/g, 'x')).origin : undefined;
	const media: MediaLink[] | undefined = context.linkMedia && origin ? [] : undefined;
	const translated = translateBody(body, data, syntax, { origin, names: context.names, media });
	if (!translated.ok) return { ok: false, shape: 'generator-markdown', reason: translated.reason };

	const dateValue = data.date ?? data.pubDate ?? data.published ?? data.publishDate ?? data.created;
	// A CMS that keeps only a day writes it as midnight UTC (`2020-07-07T00:00:00.000Z`): that day, not the evening before.
	const dayOnly = typeof dateValue === 'string' ? /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?Z$/.exec(dateValue.trim())?.[1] : undefined;
	const date = dateValue === undefined ? undefined : normaliseDate(dayOnly ?? dateValue, context.timeZone);
	if (dateValue !== undefined && typeof dateValue !== 'boolean' && date === undefined) {
		return { ok: false, shape: 'generator-markdown', reason: `the front-matter date "${String(dateValue)}" is not a date the archive can read` };
	}
	const updatedValue = data.updated ?? data.lastmod ?? data.last_modified_at ?? data.modified ?? data.dateModified;

	const day = date ?? findDateInPath(readText(data.path) ?? '') ?? findDateInPath(context.file) ?? context.editionDate;
	const draft: ArticleDraft = {
		title,
		date: day,
		updated: updatedValue === undefined ? undefined : normaliseDate(updatedValue, context.timeZone),
		bylines: unique(readNames(data.authors ?? data.author ?? data.by, context.names)),
		source: readText(data.source) ?? readText(data.publisher) ?? context.source,
		dateline: readText(data.dateline),
		summary: readSummary(data.excerpt ?? data.summary ?? data.description ?? data.dek ?? data.subtitle),
		section: readText(data.section) ?? readText(data.category),
		tags: unique([...readList(data.tags), ...readList(data.categories), ...readList(data.keywords), ...readTaxonomies(data.taxonomies)]),
		lang: readText(data.lang) ?? readText(data.language) ?? readText(data.locale),
		url:
			readText(data.canonical_url) ??
			readText(data.canonicalURL) ??
			readText(data.canonical) ??
			readText(data.original_url) ??
			(context.permalink && day ? getPermalink(context.permalink, day, context.file, readText(data.permalink)) : undefined),
		draft: data.draft === true || data.published === false ? true : undefined,
		body: media && origin ? `${linkMedia(translated.body, media, origin).trim()}\n` : `${(origin ? resolveSiteLinks(translated.body, origin) : translated.body).replace(/^\s*\n/, '').trimEnd()}\n`,
	};
	const leftOut = Object.keys(data).filter((key) => !KNOWN_KEYS.has(key) && !(key === 'permalink' && context.permalink));
	return { ok: true, shape: 'generator-markdown', draft, leftOut };
}

/** True when the text opens with YAML (`---`) or TOML (`+++`) front-matter. */
export function hasFrontMatter(text: string): boolean {
	return /^(?:---|\+\+\+)[ \t]*(?:yaml|yml|toml)?[ \t]*\n/i.test(text);
}

function splitSource(text: string): SplitSource {
	const toml = /^\+\+\+[ \t]*\n([\s\S]*?)\n\+\+\+[ \t]*(?:\n|$)/.exec(text);
	if (toml) return { data: parseToml(toml[1]!) as Record<string, unknown>, body: text.slice(toml[0].length), syntax: 'toml' };
	const yaml = /^---[ \t]*(?:ya?ml)?[ \t]*\n([\s\S]*?)\n?(?:---|\.\.\.)[ \t]*(?:\n|$)/i.exec(text);
	if (!yaml) throw new Error('the opening --- has no closing --- line');
	return { data: loadLenientYaml(yaml[1]!), body: text.slice(yaml[0].length), syntax: 'yaml' };
}

/**
 * The archive's safe YAML loader, with one repair that Jekyll's YAML parser makes for free: a quoted value
 * continued on lines that start in column 0 ("deficient indentation") is read with those lines indented.
 */
function loadLenientYaml(source: string): Record<string, unknown> {
	try {
		return loadSafeYaml(source);
	} catch (error) {
		if (!/indentation/i.test((error as Error).message)) throw error;
		const repaired = indentQuotedContinuations(source);
		try {
			return loadSafeYaml(repaired);
		} catch {
			throw error;
		}
	}
}

/** Indents the lines that continue a double-quoted value, so YAML reads them as part of it. */
function indentQuotedContinuations(source: string): string {
	let open = false;
	return source
		.split('\n')
		.map((line) => {
			const indented = open && /^\S/.test(line) ? `  ${line}` : line;
			const quotes = (open ? line : line.replace(/^[^"]*?:\s*(?=")/, '')).replace(/\\./g, '').match(/"/g)?.length ?? 0;
			if (quotes % 2 === 1) open = !open;
			return indented;
		})
		.join('\n');
}

function translateBody(body: string, data: Record<string, unknown>, syntax: 'yaml' | 'toml', site: LiquidSite): TranslatedBody {
	// The Go blog runs a post through Go's text/template only when it says `template: true`.
	if (typeof data.template === 'boolean') return data.template ? translateGoTemplate(body) : { ok: true, body };
	// `{% raw %}{{{% endraw %}` shows braces in a Liquid post; it is not a Hugo shortcode's `{{%`.
	const withoutRaw = body.replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, '');
	if (syntax === 'yaml' && /\{[{%]/.test(body) && !/\{\{[<%]/.test(withoutRaw)) return translateLiquid(body, data, site);
	return translateShortcodes(body);
}

function readText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.replace(/\s+/g, ' ').trim();
	return text === '' ? undefined : text;
}

function readList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap((item) => readText(item) ?? []);
	const text = readText(value);
	if (text === undefined) return [];
	return text.includes(',') ? text.split(/\s*,\s*/).filter(Boolean) : [text];
}

function readTaxonomies(value: unknown): string[] {
	if (!value || typeof value !== 'object') return [];
	const taxonomies = value as Record<string, unknown>;
	return [...readList(taxonomies.tags), ...readList(taxonomies.categories)];
}

/** Names from a string (`"A and B"`), a list, or objects with a `name`; an author id in the names table is its name. */
function readNames(value: unknown, names: Readonly<Record<string, string>> = {}): string[] {
	if (Array.isArray(value)) return value.flatMap((item) => readNames(item, names));
	if (value && typeof value === 'object') return readNames((value as Record<string, unknown>).name, names);
	const text = readText(value);
	if (text === undefined) return [];
	return Object.hasOwn(names, text) ? [names[text]!] : splitNames(text);
}

/**
 * The address a post had on its old site: its own `permalink` on that site, else the `--permalink` template
 * filled in with its day and its file name's slug (the name without a `YYYY-MM-DD-` prefix, as Jekyll and
 * Eleventy make it).
 * @example getPermalink('https://18f.gsa.gov/:year/:month/:day/:slug/', '2014-03-19', 'posts/2014-03-19-hello.md', undefined) // 'https://18f.gsa.gov/2014/03/19/hello/'
 */
export function getPermalink(template: string, day: string, file: string, own: string | undefined): string {
	const origin = new URL(template.replace(/:\w+/g, 'x')).origin;
	if (own) return new URL(own, `${origin}/`).href;
	const [year, month, date] = day.slice(0, 10).split('-') as [string, string, string];
	const slug = file.split(/[/\\]/).pop()!.replace(/\.[^.]+$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
	return template.replace(/:year/g, year).replace(/:month/g, month).replace(/:day/g, date).replace(/:slug/g, slug);
}

/** A summary as plain text: Markdown links become their text, HTML tags go, entities (`&rsquo;`) are decoded. */
function readSummary(value: unknown): string | undefined {
	return readPlainText(readText(value)?.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1'));
}

function unique(values: string[]): string[] {
	const seen = new Set<string>();
	return values.filter((value) => {
		const key = value.toLocaleLowerCase('und');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
