import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { findMarkdownHazard, MAX_BLOCK_NESTING, MAX_HTML_NESTING, MAX_INLINE_MARKERS } from '../../src/model/markdown-limits.ts';
import { formatProblem, MAX_ARTICLE_LENGTH, parseArticle } from '../../src/model/parse-article.ts';
import { RenderPool, RENDER_TIME_BUDGET_MS } from '../../src/loader/render-pool.ts';

const FRONT_MATTER = "---\ntitle: Pathological\ndate: '2025-07-24'\nbylines: []\nsource: Wire\n---\n";

function problemsOf(body: string): string {
	const result = parseArticle(FRONT_MATTER + body, 'content/articles/pathological.md');
	if (result.ok) throw new Error('expected the article to be refused');
	return result.problems.map(formatProblem).join('\n');
}

/** Bodies that overflow remark's stack or take minutes to render without the limits (measured on 2 cores). */
const PATHOLOGICAL: [string, string, RegExp][] = [
	['10,000 nested block quotes', `${'> '.repeat(10_000)}deep`, /nests block quotes or lists 10000 levels deep/],
	['10,000 nested block quotes without spaces', `${'>'.repeat(10_000)} deep`, /nests block quotes or lists 10000 levels deep/],
	['10,000 nested list markers', `${'- '.repeat(10_000)}deep`, /nests block quotes or lists 10000 levels deep/],
	['10,000 nested ordered list markers', `${'1. '.repeat(10_000)}deep`, /nests block quotes or lists 10000 levels deep/],
	['a list indented 1,000 levels deep', Array.from({ length: 1_000 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n'), /levels deep/],
	['"*_" repeated 100,000 times', '*_'.repeat(100_000), /more than 5000 emphasis or link markers/],
	['100,000 open brackets', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /more than 5000 emphasis or link markers/],
	['50,000 unclosed links', '[a](b '.repeat(50_000), /more than 5000 emphasis or link markers/],
	['10,000 nested <div> elements', `${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}`, /nests elements 10000 levels deep/],
	['10,000 unclosed <em> elements', `${'<em>'.repeat(10_000)}x`, /nests elements 10000 levels deep/],
];

describe('pathological Markdown', () => {
	test.each(PATHOLOGICAL)('%s is refused by parseArticle, naming the file, in under 100 ms', (_name, body, message) => {
		const started = performance.now();
		const problems = problemsOf(body);
		expect(performance.now() - started).toBeLessThan(100);
		expect(problems).toMatch(message);
		expect(problems).toContain('content/articles/pathological.md');
	});

	test.each(PATHOLOGICAL)('%s makes renderMarkdown throw a clear error instead of overflowing or stalling', (_name, body, message) => {
		expect(() => renderMarkdown(body)).toThrow(message);
	});

	test('a 5 MB paragraph is refused by its size before anything parses it', () => {
		const started = performance.now();
		expect(problemsOf('word '.repeat(1_000_000))).toMatch(new RegExp(`the file has \\d+ characters; the limit for one article is ${MAX_ARTICLE_LENGTH}`));
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	test.each([
		['block quotes at the nesting limit', `${'> '.repeat(MAX_BLOCK_NESTING)}deep`],
		['lists at the nesting limit', `${'- '.repeat(MAX_BLOCK_NESTING)}deep`],
		['an indented list at the nesting limit', Array.from({ length: MAX_BLOCK_NESTING / 2 }, (_, level) => `${'    '.repeat(level)}- item`).join('\n')],
		['HTML at the nesting limit', `${'<div>'.repeat(MAX_HTML_NESTING)}deep${'</div>'.repeat(MAX_HTML_NESTING)}`],
		['a paragraph at the marker limit', '*_'.repeat(MAX_INLINE_MARKERS / 2)],
	])('%s still renders, well inside the time budget', (_name, body) => {
		expect(findMarkdownHazard(body)).toBeUndefined();
		const started = performance.now();
		const { html } = renderMarkdown(body);
		expect(html.length).toBeGreaterThan(0);
		expect(performance.now() - started).toBeLessThan(RENDER_TIME_BUDGET_MS / 4);
	});

	test('a paragraph of 1.9 MB of words renders within the time budget', () => {
		const started = performance.now();
		expect(renderMarkdown('word '.repeat(380_000)).wordCount).toBe(380_000);
		expect(performance.now() - started).toBeLessThan(RENDER_TIME_BUDGET_MS);
	});

	test.each([
		['markers in a fenced code block', `\`\`\`\n${'*_'.repeat(MAX_INLINE_MARKERS)}\n\`\`\``],
		['markers spread over many paragraphs', Array.from({ length: 10 }, () => '*_'.repeat(MAX_INLINE_MARKERS / 4)).join('\n\n')],
		['an unclosed "<a" repeated a million times', '<a'.repeat(1_000_000)],
		['a thousand sibling list items', Array.from({ length: 1_000 }, (_, index) => `- item ${index}`).join('\n')],
		['a thousand <p> tags without end tags', '<p>para'.repeat(1_000)],
	])('%s is not mistaken for a hazard', (_name, body) => {
		expect(findMarkdownHazard(body)).toBeUndefined();
	});
});

describe('the render pool', () => {
	test('a render error inside a worker comes back as an error, and the pool keeps working', async () => {
		const pool = new RenderPool(1);
		try {
			await expect(pool.render(`${'> '.repeat(10_000)}deep`)).rejects.toThrow(/10000 levels deep/);
			await expect(pool.render('Fine *text*.')).resolves.toMatchObject({ wordCount: 2 });
		} finally {
			await pool.close();
		}
	});

	test('an article over the time budget is stopped with a clear error, and the pool keeps working', async () => {
		const pool = new RenderPool(1, 50);
		try {
			await expect(pool.render('*_'.repeat(MAX_INLINE_MARKERS / 2).concat('\n\n').repeat(20))).rejects.toThrow(/rendering took longer than 0.05 s/);
		} finally {
			await pool.close();
		}
	});

	test('after an article over the time budget, the replaced worker renders the next one', async () => {
		const pool = new RenderPool(1, 2_000);
		try {
			const slow = pool.render('*_'.repeat(MAX_INLINE_MARKERS / 2).concat('\n\n').repeat(200));
			const next = pool.render('Fine.');
			await expect(slow).rejects.toThrow(/took longer than 2 s/);
			await expect(next).resolves.toMatchObject({ wordCount: 1 });
		} finally {
			await pool.close();
		}
	});

	test('many articles sent at once each get their own result, whichever worker renders them', async () => {
		const pool = new RenderPool(2);
		try {
			const bodies = Array.from({ length: 40 }, (_, index) => Array.from({ length: index + 1 }, () => 'word').join(' '));
			const results = await Promise.all(bodies.map((body) => pool.render(body)));
			expect(results.map((result) => result.wordCount)).toEqual(bodies.map((_, index) => index + 1));
		} finally {
			await pool.close();
		}
	});
});
