import { describe, expect, test } from 'vitest';
import { load } from 'cheerio';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root } from 'hast';
import { unified } from 'unified';
import { countWords, renderMarkdown } from '../../src/model/markdown.ts';

describe('renderMarkdown', () => {
	test('characters that look like Markdown inside words and quotes stay as written', () => {
		const { text } = renderMarkdown('(CNN) — Hamas’ response “clearly shows” a lack of desire, he said.');
		expect(text).toBe('(CNN) — Hamas’ response “clearly shows” a lack of desire, he said.');
	});

	test('the first paragraph and the word count come from the rendered text', () => {
		const result = renderMarkdown('## A subhead\n\nFirst paragraph here.\n\nSecond one.');
		expect(result.firstParagraph).toBe('First paragraph here.');
		expect(result.wordCount).toBe(7);
	});

	test('body headings start at h2, because the headline is the only h1', () => {
		const $ = load(renderMarkdown('# Big\n\n## Smaller\n\ntext').html);
		expect($('h1')).toHaveLength(0);
		expect($('h2').text()).toBe('Big');
		expect($('h3').text()).toBe('Smaller');
	});

	test('links to a heading and footnote references reach their targets through the id prefix', () => {
		const $ = load(renderMarkdown('See [methods](#methods) and a note[^1].\n\n## Methods\n\nText.\n\n[^1]: The note.').html);
		for (const link of $('a[href^="#"]').toArray()) {
			const target = decodeURIComponent($(link).attr('href')!.slice(1));
			expect($(`[id="${target}"]`), `target of ${$(link).attr('href')}`).toHaveLength(1);
		}
		expect($('a[href^="#"]').length).toBeGreaterThanOrEqual(3);
		expect($('[id]').toArray().every((node) => $(node).attr('id')!.startsWith('user-content-'))).toBe(true);
	});

	test('external links do not pass the archive address on', () => {
		const $ = load(renderMarkdown('[CNN](https://cnn.com/story)').html);
		expect($('a').attr('rel')).toBe('noopener noreferrer');
	});
});

describe('a story with no HTML of its own skips the HTML parser', () => {
	// What the skip relies on: for Markdown without HTML, the parse (rehype-raw) gives back the tree it was
	// given, but for empty attributes, which it spells as empty strings.
	const toTree = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true });
	const stringify = unified().use(rehypeStringify);
	const parse = rehypeRaw();

	test.each([
		['a table', '| Year | Tonnes |\n|---|--:|\n| 1986 | 1,200 |\n| 1987 | 1,450 |'],
		['footnotes', 'Grain exports rose[^1] again.\n\n[^1]: Ministry figures.'],
		['code, lists and quotes', '- one\n- two\n\n> quoted *text*\n\n```\n<b>not html</b>\n```\n\n1. first\n2. second'],
		['a task list, autolinks, images and breaks', '- [x] done\n- [ ] open\n\nSee www.example.org and ~~old~~ text.  \nA ![map](map.png "The port") & <3'],
	])('%s: the tree is what the parser would give back', (_, markdown) => {
		const tree = toTree.runSync(toTree.parse(markdown)) as Root;
		const direct = stringify.stringify(tree);
		const parsed = stringify.stringify(parse(structuredClone(tree), undefined as never));
		expect(direct.replaceAll('=""', '')).toBe(parsed.replaceAll('=""', ''));
		expect(renderMarkdown(markdown).html.length).toBeGreaterThan(0);
	});

	test('HTML inside the Markdown still goes through the parser and the sanitiser', () => {
		const $ = load(renderMarkdown('Before <em>kept</em> <script>alert(1)</script> <img src=x onerror=alert(1)> after').html);
		expect($('em').text()).toBe('kept');
		expect($('script')).toHaveLength(0);
		expect($('[onerror]')).toHaveLength(0);
	});
});

describe('countWords', () => {
	test.each([
		['The quick brown fox', 4],
		['Don’t stop — state-of-the-art', 3],
		['张文博说', 4],
		['محمد قال اليوم', 3],
		['', 0],
	])('"%s" has %i words', (text, words) => {
		expect(countWords(text)).toBe(words);
	});
});
