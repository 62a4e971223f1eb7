import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

const stringifier = unified()
	.use(remarkGfm)
	.use(remarkStringify, {
		bullet: '-',
		emphasis: '_',
		rule: '-',
		fences: true,
		// remark escapes "<" only before a letter; "<jane@example.org>" would still become an e-mail link and lose its brackets.
		unsafe: [{ character: '<', inConstruct: 'phrasing' }],
	});

/**
 * Writes plain paragraphs as Markdown through remark, so that characters with a meaning in Markdown
 * (`*`, `_`, `<`, `[`, `#` at a line start, `1.`) are escaped and stay literal text on the page.
 * @example paragraphsToMarkdown(['Shares rose 5*3 <a>', 'Second.']) // 'Shares rose 5\\*3 \\<a>\n\nSecond.\n'
 */
export function paragraphsToMarkdown(paragraphs: readonly string[]): string {
	const tree: Root = {
		type: 'root',
		children: paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', value: text }] })),
	};
	return stringifyMarkdown(tree);
}

/** Serialises a Markdown syntax tree the way every imported body is written. */
export function stringifyMarkdown(tree: Root): string {
	return stringifier.stringify(tree);
}

/**
 * Splits raw text into paragraphs: blank lines separate them, and the line breaks of hard-wrapped text
 * inside a paragraph become spaces.
 */
export function splitParagraphs(text: string): string[] {
	return text
		.split(/\n[ \t]*\n+/)
		.map((block) => block.replace(/[ \t]*\n[ \t]*/g, ' ').replace(/[ \t]+/g, ' ').trim())
		.filter((block) => block !== '');
}
