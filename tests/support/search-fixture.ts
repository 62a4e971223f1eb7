/**
 * The search fixture's corpus articles: real text from `../shared/corpora/` (Reuters stories in the seed
 * format, 18F and Go blog posts) turned into Clippings articles under `tests/fixtures/search/content/articles/corpus/`.
 * The corpora are never copied into the repository, so this runs when the fixture's config is loaded.
 * The German, Arabic, Chinese and hostile-headline articles beside them are committed fixture files.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitFrontMatter } from '../../src/model/front-matter.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPORA = path.resolve(ROOT, '..', 'shared', 'corpora');

/** Where the generated articles go (ignored by git). */
export const SEARCH_CORPUS_DIR = path.join(ROOT, 'tests', 'fixtures', 'search', 'content', 'articles', 'corpus');

/** How many stories each corpus gives the fixture. */
const REUTERS_STEP = 14;
const BLOG_POSTS = 12;

/** The front-matter of one generated article, as the tests read it back. */
export interface FixtureArticle {
	file: string;
	title: string;
	date: string;
	bylines: string[];
	source: string;
	tags: string[];
	body: string;
}

/**
 * Picks the fixture's stories from the corpora, in a fixed order: every 14th Reuters story of the seed
 * set (plus the Honda story the known-answer tests look for), and 12 posts spread over the years of each of
 * the 18F and Go blogs (those with a date and no template calls).
 */
export function selectSearchFixtureArticles(): FixtureArticle[] {
	return [...selectReuters(), ...selectBlog('18f-blog', '18F'), ...selectBlog('go-blog', 'The Go Blog')];
}

/** Writes the corpus articles afresh, so the fixture always matches this file. */
export function writeSearchFixture(): FixtureArticle[] {
	const articles = selectSearchFixtureArticles();
	rmSync(SEARCH_CORPUS_DIR, { recursive: true, force: true });
	mkdirSync(SEARCH_CORPUS_DIR, { recursive: true });
	for (const article of articles) {
		const frontMatter = [
			'---',
			`title: ${JSON.stringify(article.title)}`,
			`date: ${JSON.stringify(article.date)}`,
			`bylines: ${JSON.stringify(article.bylines)}`,
			`source: ${JSON.stringify(article.source)}`,
			`tags: ${JSON.stringify(article.tags)}`,
			'---',
		];
		writeFileSync(path.join(SEARCH_CORPUS_DIR, article.file), `${frontMatter.join('\n')}\n\n${article.body.trim()}\n`);
	}
	return articles;
}

function selectReuters(): FixtureArticle[] {
	const folder = path.join(CORPORA, 'reuters-seed-format');
	const rows = readFileSync(path.join(folder, 'index.tsv'), 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split('\t'));
	const chosen = rows.filter((row, index) => index % REUTERS_STEP === 0 || row[0] === '10131');
	return chosen.map(([id, , , title, , topics, file]) => {
		const text = readFileSync(path.join(folder, file!), 'utf8');
		const [header, ...paragraphs] = text.split(/\n\s*\n/);
		// ` date 1987-03-26 By Scott Williams, Reuters`; a few headers leave the wire service out.
		const match = /date (\d{4}-\d{2}-\d{2}) By (.+?)(?:,\s*Reuters)?$/i.exec(header!.trim());
		if (!match) throw new Error(`${file}: unexpected seed header "${header}"`);
		return {
			file: `reuters-${id}.md`,
			title: toTitleCase(title!),
			date: match[1]!,
			bylines: match[2]!.split(/,\s*|\s+and\s+/).filter(Boolean),
			source: 'Reuters',
			tags: topics ? topics.split(/\s+/).filter(Boolean) : [],
			body: paragraphs.map(escapeMarkdown).join('\n\n'),
		};
	});
}

function selectBlog(folderName: string, source: string): FixtureArticle[] {
	const folder = path.join(CORPORA, 'markdown-blogs', folderName);
	const candidates: FixtureArticle[] = [];
	for (const name of readdirSync(folder).filter((file) => file.endsWith('.md')).sort()) {
		const text = readFileSync(path.join(folder, name), 'utf8');
		if (text.includes('{{') || text.includes('{%')) continue;
		let split;
		try {
			split = splitFrontMatter(text);
		} catch {
			continue; // a few posts have YAML that strict parsers refuse; the importer's job, not this fixture's
		}
		const { data, body } = split;
		const date = typeof data.date === 'string' ? data.date : undefined;
		const people = (data.by ?? data.authors) as unknown;
		if (!date || typeof data.title !== 'string' || !Array.isArray(people) || body.trim().length < 400) continue;
		candidates.push({
			file: `${folderName}-${name}`,
			title: data.title.trim(),
			date,
			bylines: people.map(String),
			source,
			tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
			body: withoutLocalImages(body),
		});
	}
	// Spread over the blog's whole history, so the year facet and date range have years to work with.
	candidates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	const step = candidates.length / BLOG_POSTS;
	return Array.from({ length: Math.min(BLOG_POSTS, candidates.length) }, (_, index) => candidates[Math.floor(index * step)]!);
}

/**
 * The corpora hold the blogs' text but not their image files, and the build refuses a photo that is missing
 * next to its article: images with a relative address leave the fixture's copy (they add no searchable text).
 */
function withoutLocalImages(body: string): string {
	return body
		.replace(/!\[[^\]\n]*\]\((?!https?:|\/)[^)\s]+(?:\s+"[^"\n]*")?\)/g, '')
		.replace(/<img\b[^>]*\bsrc=["']?(?!https?:|\/)[^"'\s>]+[^>]*>/gi, '');
}

function toTitleCase(text: string): string {
	return text.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function escapeMarkdown(paragraph: string): string {
	return paragraph.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}
