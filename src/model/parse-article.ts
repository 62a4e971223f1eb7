import { ArticleSchema, ARTICLE_FIELDS, type ArticleFrontMatter } from './article-schema.ts';
import { splitFrontMatter } from './front-matter.ts';
import { findMarkdownHazard } from './markdown-limits.ts';

/** Largest article accepted, in characters (front-matter and body together). */
export const MAX_ARTICLE_LENGTH = 2 * 1024 * 1024;

/** One thing wrong with one file, phrased for the person who has to fix it. */
export interface ArticleProblem {
	file: string;
	/** The front-matter field at fault, when there is one (`bylines.1`, `date`). */
	field?: string;
	message: string;
}

/** A parsed, validated article: its front-matter and its Markdown body. */
export interface ParsedArticle {
	file: string;
	data: ArticleFrontMatter;
	body: string;
}

/** The outcome of reading one file: the article, or every problem found in it. */
export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; problems: ArticleProblem[] };

/**
 * Reads one article file: decodes the text, splits the front-matter with gray-matter (YAML only, never
 * code) and validates it against `ArticleSchema`. The site, the import tool and `npm run check` all call this.
 * @example parseArticle('---\ntitle: Hi\ndate: 2025-07-24\nbylines: []\nsource: CNN\n---\nText.', 'a.md')
 */
export function parseArticle(input: string | Uint8Array, file: string): ParseResult {
	const fail = (message: string, field?: string): ParseResult => ({ ok: false, problems: [{ file, field, message }] });

	let source: string;
	if (typeof input === 'string') {
		source = input;
	} else {
		try {
			source = new TextDecoder('utf-8', { fatal: true }).decode(input);
		} catch {
			return fail('the file is not valid UTF-8 text; convert it (or import it with `npm run import`, which detects the encoding)');
		}
	}
	source = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	if (source.includes('\u0000')) return fail('the file contains NUL characters; it looks like binary data, not an article');
	if (source.length > MAX_ARTICLE_LENGTH) {
		return fail(`the file has ${source.length} characters; the limit for one article is ${MAX_ARTICLE_LENGTH}`);
	}

	let split;
	try {
		split = splitFrontMatter(source);
	} catch (error) {
		return fail(`front-matter: ${(error as Error).message}`);
	}

	const result = ArticleSchema.safeParse(split.data);
	const problems: ArticleProblem[] = [];
	if (!result.success) {
		for (const issue of result.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				const parent = issue.path.join('.');
				const known = parent ? `known fields of ${parent} are ${Object.keys(getNestedShape(issue.path)).join(', ')}` : `known fields are ${ARTICLE_FIELDS.join(', ')}`;
				for (const key of issue.keys) {
					problems.push({ file, field: parent ? `${parent}.${key}` : key, message: `unknown field "${key}"; ${known}` });
				}
			} else if (issue.code === 'invalid_type' && issue.path.length === 1 && !Object.hasOwn(split.data, issue.path[0] as string)) {
				problems.push({ file, field: issue.path.join('.'), message: `is missing (${issue.message})` });
			} else {
				problems.push({ file, field: issue.path.join('.') || undefined, message: issue.message });
			}
		}
	}
	if (split.body.trim() === '') problems.push({ file, message: 'the article has no text after its front-matter' });
	const hazard = findMarkdownHazard(split.body);
	if (hazard) problems.push({ file, message: hazard });
	if (problems.length > 0 || !result.success) return { ok: false, problems };
	return { ok: true, article: { file, data: result.data, body: split.body } };
}

/** The fields of a nested object in the schema (`image`, `corrections.0`), for naming what is allowed there. */
function getNestedShape(path: readonly PropertyKey[]): Record<string, unknown> {
	const top = ArticleSchema.shape[path[0] as keyof typeof ArticleSchema.shape] as unknown as { unwrap?: () => unknown; element?: unknown; shape?: Record<string, unknown> };
	let schema: { unwrap?: () => unknown; element?: unknown; shape?: Record<string, unknown> } | undefined = top;
	for (let guard = 0; schema && !schema.shape && guard < 5; guard++) {
		schema = (schema.unwrap?.() ?? schema.element) as typeof schema;
	}
	return schema?.shape ?? {};
}

/** One line per problem: `content/articles/a.md: bylines: expected a list of names…` */
export function formatProblem({ file, field, message }: ArticleProblem): string {
	return field ? `${file}: ${field}: ${message}` : `${file}: ${message}`;
}
