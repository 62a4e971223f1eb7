import { assignAddresses } from '../../model/article-address.ts';
import { ArticleSchema } from '../../model/article-schema.ts';
import { stringifyFrontMatter } from '../../model/front-matter.ts';
import { parseArticle, formatProblem } from '../../model/parse-article.ts';
import { slugify } from '../../model/slug.ts';
import { normaliseSourceName, sameSource } from './bylines.ts';
import type { ArticleDraft } from './draft.ts';

/** A draft turned into the exact text of an article file, with the address the site will give it. */
export interface ArticleFile {
	/** The file's full text: YAML front-matter written by `stringifyFrontMatter` (js-yaml, as the site reads it), then the Markdown body. */
	text: string;
	body: string;
	/** Collection id, `1987/03/26/slug`. */
	id: string;
	/** Root-relative address, `/1987/03/26/slug/`. */
	path: string;
	/** Where the file goes under `articles/`: `reuters/1987/1987-03-26-slug.md`. */
	name: string;
	/** Optional fields the input gave that the archive cannot accept, dropped with the reason. */
	dropped: string[];
}

/** Settings that shape every file of one import. */
export interface ArticleFileOptions {
	timeZone: string;
	/** `--source`: the source of inputs that name none, and the spelling used for the same source spelt otherwise. */
	source?: string | undefined;
	/** Sources already in the archive, so that `REUTERS` joins an existing `Reuters`. */
	knownSources?: readonly string[] | undefined;
}

/** Why an input without any date is rejected; the summary counts these and says what to pass. */
export const NO_DATE_REASON =
	'no publication date: none in the text or front-matter, and none in the path (2005-02-27-story.txt, 2005/02/27/story.txt, 19870302-story.txt); pass --date YYYY-MM-DD if the batch is one day\'s edition';

const OPTIONAL_FIELDS = ['updated', 'dateline', 'summary', 'section', 'lang', 'url'] as const;

/**
 * Turns a draft into an article file: fills in and checks the required fields (a missing headline, date or
 * source is a reason, never a guess), drops optional values the schema refuses (noting them), writes the
 * front-matter with the YAML library the site reads it with (dates as quoted strings) and checks the result with `parseArticle` — the
 * same code the site runs — so no file is written that the build would refuse.
 */
export function createArticleFile(draft: ArticleDraft, options: ArticleFileOptions): { ok: true; file: ArticleFile } | { ok: false; reason: string } {
	if (!draft.title) return { ok: false, reason: 'no headline: the input has no title and no text to write one from' };
	if (!draft.date) {
		return { ok: false, reason: NO_DATE_REASON };
	}
	const source = chooseSource(draft.source, options);
	if (!source) return { ok: false, reason: 'no source: the input names no publisher; pass --source NAME' };
	if (visibleText(draft.body).trim() === '') {
		return { ok: false, reason: 'no story text: the body is empty, or only HTML that the archive removes (scripts, frames, comments)' };
	}

	const dropped: string[] = [];
	const optional: Record<string, string> = {};
	for (const field of OPTIONAL_FIELDS) {
		const value = draft[field];
		if (value === undefined) continue;
		if (ArticleSchema.shape[field].safeParse(value).success) optional[field] = value;
		else dropped.push(`${field} "${value}" (not valid here)`);
	}
	const tags = draft.tags.filter((tag) => ArticleSchema.shape.tags.safeParse([tag]).success);
	const image = draft.image && ArticleSchema.shape.image.safeParse(draft.image).success ? draft.image : undefined;
	if (draft.image && !image) dropped.push(`image "${draft.image.src}" (not valid here)`);

	const data = {
		title: draft.title,
		date: draft.date,
		...(optional.updated ? { updated: optional.updated } : {}),
		bylines: draft.bylines,
		source,
		...(optional.dateline ? { dateline: optional.dateline } : {}),
		...(optional.summary ? { summary: optional.summary } : {}),
		...(optional.section ? { section: optional.section } : {}),
		...(tags.length > 0 ? { tags } : {}),
		...(optional.lang ? { lang: optional.lang } : {}),
		...(optional.url ? { url: optional.url } : {}),
		...(image ? { image: Object.fromEntries(Object.entries(image).filter(([, value]) => value !== undefined)) } : {}),
		...(draft.draft ? { draft: true } : {}),
	};
	const text = stringifyFrontMatter(data, draft.body);

	const checked = parseArticle(text, 'imported.md');
	if (!checked.ok) return { ok: false, reason: `the archive would refuse it: ${checked.problems.map((problem) => formatProblem(problem).replace(/^imported\.md: /, '')).join('; ')}` };
	const { address: entry } = assignAddresses([checked.article], options.timeZone).addressed[0]!;
	const folder = slugify(source) || 'unknown-source';
	return {
		ok: true,
		file: {
			text,
			body: checked.article.body,
			id: entry.id,
			path: entry.path,
			name: `${folder}/${entry.year}/${entry.year}-${entry.month}-${entry.day}-${entry.slug}.md`,
			dropped,
		},
	};
}

function chooseSource(source: string | undefined, options: ArticleFileOptions): string | undefined {
	if (!source) return options.source;
	if (options.source && sameSource(source, options.source)) return options.source;
	const known = options.knownSources?.find((name) => name.toLowerCase() === source.trim().toLowerCase());
	return known ?? normaliseSourceName(source);
}

/** The body without HTML comments, elements that never show, and tags: a cheap stand-in for rendering it. */
function visibleText(body: string): string {
	return body
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<(script|style|iframe|object|embed|template|noscript)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
		.replace(/<[^>]*>/g, '');
}
