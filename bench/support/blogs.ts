import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { splitFrontMatter } from '../../src/model/front-matter.ts';

/** The Markdown blogs among the shared corpora beside the project. */
const BLOGS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpora/markdown-blogs');

/**
 * Writes the 18F and Go blog posts that carry a title, a date and authors (and no template calls) as
 * archive articles under `articles/blogs/`: long, linked, code-bearing text beside the short wire stories.
 * Returns how many it wrote.
 */
export function writeBlogArticles(articles: string): number {
	const folder = path.join(articles, 'blogs');
	mkdirSync(folder, { recursive: true });
	let written = 0;
	for (const [blog, source] of [['18f-blog', '18F'], ['go-blog', 'The Go Blog']] as const) {
		for (const name of readdirSync(path.join(BLOGS_DIR, blog)).filter((file) => file.endsWith('.md')).sort()) {
			const text = readFileSync(path.join(BLOGS_DIR, blog, name), 'utf8');
			if (text.includes('{{') || text.includes('{%')) continue;
			let split;
			try {
				split = splitFrontMatter(text);
			} catch {
				continue; // a few posts have YAML that strict parsers refuse: the importer's business, not this benchmark's
			}
			const { data, body } = split;
			const people = (data.by ?? data.authors) as unknown;
			// Dates the archive would refuse (`2024-4-09`, `16:52:00 -4`) are the importer's to mend, not this benchmark's.
			if (typeof data.date !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?$/.test(data.date) || typeof data.title !== 'string' || !Array.isArray(people) || body.trim().length < 400) continue;
			const target = path.join(folder, `${blog}-${name}`);
			if (!existsSync(target)) {
				const front = [`title: ${JSON.stringify(data.title.trim())}`, `date: ${JSON.stringify(data.date.replace(' ', 'T'))}`, `bylines: ${JSON.stringify(people.map(String))}`, `source: ${JSON.stringify(source)}`];
				// The posts' photos are not in the corpus: a photo the archive cannot find fails the build, so each becomes its description.
				const text = body.trim().replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<img\b[^>]*>/gi, '');
				writeFileSync(target, `---\n${front.join('\n')}\n---\n\n${text}\n`);
			}
			written++;
		}
	}
	return written;
}
