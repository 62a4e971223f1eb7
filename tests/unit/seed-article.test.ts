import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { parseArticle } from '../../src/model/parse-article.ts';
import { ROOT } from '../support/fixtures.ts';

const SEED = path.join(ROOT, '..', 'shared', 'seeds', '000_5519ea3ed3423e17.txt');
const ARTICLE_DIR = path.join(ROOT, 'content', 'articles', 'cnn', '2025');

describe("the user's CNN story in the demo archive", () => {
	const seed = readFileSync(SEED, 'utf8');
	const file = readdirSync(ARTICLE_DIR).find((name) => name.endsWith('.md'))!;
	const parsed = parseArticle(readFileSync(path.join(ARTICLE_DIR, file)), `content/articles/cnn/2025/${file}`);
	if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('\n'));
	const { data, body } = parsed.article;

	test('carries the header line as front-matter: the day, both bylines, the source and the dateline', () => {
		expect(seed.split('\n')[0]).toBe(' date 2025-07-24 By Jennifer Hansler, Kylie Atwood, CNN');
		expect(data).toMatchObject({ date: '2025-07-24', bylines: ['Jennifer Hansler', 'Kylie Atwood'], source: 'CNN', dateline: 'CNN' });
		expect(data.title.length).toBeGreaterThan(20);
		expect(data.title).not.toMatch(/…|\.\.\.$/);
	});

	test('renders every paragraph of the original text word for word, in order, quotes and dashes intact', () => {
		const original = seed
			.split('\n')
			.slice(1)
			.join('\n')
			.split(/\n\s*\n/)
			.map((paragraph) => paragraph.trim())
			.filter(Boolean);
		expect(original).toHaveLength(18);
		const rendered = renderMarkdown(body).text.split(/\n\n+/);
		expect(rendered).toEqual(original);
		expect(rendered.join('\n')).toContain('(CNN) — The United States');
		expect(rendered.join('\n')).toContain('“clearly shows a lack of desire to reach a ceasefire.”');
	});
});
