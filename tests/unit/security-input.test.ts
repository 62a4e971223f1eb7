import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findArticleFiles, indexArticles } from '../../src/model/article-index.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { formatProblem, parseArticle } from '../../src/model/parse-article.ts';

const ARTICLE = "---\ntitle: Harbour reopens\ndate: '2025-07-24'\nbylines: [Ana Ruiz]\nsource: Wire\n---\nThe harbour reopened on Thursday.\n";
const encode = (text: string) => new TextEncoder().encode(text);

function problemsOf(source: string | Uint8Array): string {
	const result = parseArticle(source, 'content/articles/odd.md');
	if (result.ok) throw new Error('expected the article to be refused');
	return result.problems.map(formatProblem).join('\n');
}

describe('odd bytes in article files', () => {
	test.each([
		['a UTF-8 byte order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...encode(ARTICLE)])],
		['a byte order mark in text', `\uFEFF${ARTICLE}`],
		['Windows line endings', encode(ARTICLE.replace(/\n/g, '\r\n'))],
		['old Mac line endings', ARTICLE.replace(/\n/g, '\r')],
	])('a file with %s reads like any other', (_name, source) => {
		const result = parseArticle(source, 'content/articles/odd.md');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.article.data.title).toBe('Harbour reopens');
		expect(result.article.data.bylines).toEqual(['Ana Ruiz']);
		expect(result.article.body).toBe('The harbour reopened on Thursday.\n');
	});

	test.each([
		['Latin-1 bytes', new Uint8Array([...encode(ARTICLE.replace('Thursday', '')), 0x63, 0x61, 0x66, 0xe9, 0x0a])],
		['UTF-16 with a byte order mark', new Uint8Array([0xff, 0xfe, ...[...ARTICLE].flatMap((character) => [character.charCodeAt(0), 0])])],
		['a truncated UTF-8 sequence', new Uint8Array([...encode(ARTICLE), 0xe2, 0x82])],
	])('a file in %s is refused as undecodable, naming the file', (_name, bytes) => {
		expect(problemsOf(bytes)).toMatch(/^content\/articles\/odd\.md: the file is not valid UTF-8 text/);
	});

	test.each([
		['the body', `${ARTICLE}more\u0000text\n`],
		['the front-matter', ARTICLE.replace('Wire', 'Wi\u0000re')],
	])('NUL characters in %s are refused', (_name, source) => {
		expect(problemsOf(source)).toMatch(/contains NUL characters/);
	});

	test('control characters in a headline are refused', () => {
		expect(problemsOf(ARTICLE.replace('Harbour reopens', '"Harbour\\u0007 reopens"'))).toMatch(/title: the headline contains control characters/);
	});

	test('a body that is only unsafe HTML renders to no text, which the loader refuses as empty', () => {
		const { text, html } = renderMarkdown('<script>alert(1)</script>\n\n<iframe src="https://evil.example/"></iframe>\n\n<style>p{}</style>');
		expect(text).toBe('');
		expect(html.trim()).toBe('');
	});

	test('two files with the same headline on the same day both publish: the earlier keeps the address, the later gets -2', () => {
		const index = indexArticles(
			[
				{ file: 'content/articles/b.md', source: ARTICLE.replace("'2025-07-24'", "'2025-07-24T18:00:00Z'") },
				{ file: 'content/articles/a.md', source: ARTICLE.replace("'2025-07-24'", "'2025-07-24T09:00:00Z'").replace('Ana Ruiz', 'Bo Lee') },
			],
			'UTC',
		);
		expect(index.problems).toEqual([]);
		expect(Object.fromEntries(index.articles.map((entry) => [entry.file, entry.path]))).toEqual({
			'content/articles/a.md': '/2025/07/24/harbour-reopens/',
			'content/articles/b.md': '/2025/07/24/harbour-reopens-2/',
		});
		expect(index.repeats).toEqual([
			{ wanted: '/2025/07/24/harbour-reopens/', kept: 'content/articles/a.md', file: 'content/articles/b.md', path: '/2025/07/24/harbour-reopens-2/' },
		]);
	});

	test('two files claiming the same slug on the same day are both named, and only the first is kept', () => {
		const index = indexArticles(
			[
				{ file: 'content/articles/a.md', source: ARTICLE.replace('source: Wire', 'source: Wire\nslug: harbour') },
				{ file: 'content/articles/b.md', source: ARTICLE.replace('Harbour reopens', 'Port open').replace('source: Wire', 'source: Wire\nslug: harbour') },
			],
			'UTC',
		);
		expect(index.articles.map((entry) => entry.file)).toEqual(['content/articles/a.md']);
		expect(index.problems.map(formatProblem)).toEqual([
			'content/articles/b.md: slug: claims the address /2025/07/24/harbour/ that content/articles/a.md also claims; give one of them another slug',
		]);
	});
});

describe('files the build leaves out', () => {
	const root = mkdtempSync(path.join(tmpdir(), 'clippings-files-'));
	const articles = path.join(root, 'content', 'articles');
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	test('.mdx, _-prefixed, dot and non-Markdown files and symbolic links are listed by name with a reason, never loaded', async () => {
		mkdirSync(path.join(articles, '2025', '_drafts'), { recursive: true });
		writeFileSync(path.join(articles, '2025', 'kept.md'), ARTICLE);
		writeFileSync(path.join(articles, '2025', 'UPPER.MD'), ARTICLE);
		writeFileSync(path.join(articles, 'component.mdx'), `${ARTICLE}\nexport const x = globalThis.pwned = 1;\n`);
		writeFileSync(path.join(articles, '_notes.md'), ARTICLE);
		writeFileSync(path.join(articles, '2025', '_drafts', 'later.md'), ARTICLE);
		writeFileSync(path.join(articles, '.hidden.md'), ARTICLE);
		writeFileSync(path.join(articles, 'photo.jpg'), 'not an article');
		symlinkSync('/etc/hostname', path.join(articles, 'linked.md'));

		const { files, ignored } = await findArticleFiles(articles, root);
		expect(files).toEqual(['content/articles/2025/UPPER.MD', 'content/articles/2025/kept.md']);
		expect(Object.fromEntries(ignored.map(({ file, reason }) => [file, reason]))).toEqual({
			'content/articles/.hidden.md': 'name starts with _ or .',
			'content/articles/2025/_drafts/later.md': 'name starts with _ or .',
			'content/articles/_notes.md': 'name starts with _ or .',
			'content/articles/component.mdx': '.mdx is never loaded: it can run code',
			'content/articles/linked.md': 'symbolic links are not followed',
			'content/articles/photo.jpg': 'not a Markdown file',
		});
	});
});
