import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** What rendering one article body produces. */
export interface RenderedArticle {
	html: string;
	/** The body as plain text, paragraphs separated by blank lines. */
	text: string;
	/** The first paragraph as plain text, used when the article has no summary. */
	firstParagraph: string;
	wordCount: number;
}

const ALLOWED_PROTOCOLS = ['http', 'https', 'mailto'];

/**
 * The allowlist for HTML in articles: GitHub's defaults (no script, style, iframe, form, `on*`), links
 * and images limited to http, https, mailto and relative URLs.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
	...defaultSchema,
	tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'input'),
	protocols: { ...defaultSchema.protocols, href: ALLOWED_PROTOCOLS, src: ['http', 'https'], cite: ['http', 'https'] },
};

/** Body headings start at `<h2>`: the page's only `<h1>` is the headline. */
function demoteHeadings() {
	return (tree: Root) => {
		visit(tree, 'element', (node: Element) => {
			const level = /^h([1-6])$/.exec(node.tagName)?.[1];
			if (level) node.tagName = `h${Math.min(Number(level) + 1, 6)}`;
		});
	};
}

/** External links open as usual but don't pass the archive's address on. */
function markExternalLinks() {
	return (tree: Root) => {
		visit(tree, 'element', (node: Element) => {
			const href = node.properties?.href;
			if (node.tagName === 'a' && typeof href === 'string' && /^https?:/i.test(href)) {
				node.properties.rel = ['noopener', 'noreferrer'];
			}
		});
	};
}

const processor = unified()
	.use(remarkParse)
	.use(remarkGfm)
	.use(remarkRehype, { allowDangerousHtml: true })
	.use(rehypeRaw)
	.use(rehypeSanitize, SANITIZE_SCHEMA)
	.use(demoteHeadings)
	.use(markExternalLinks);

const stringifier = unified().use(rehypeStringify);

/**
 * Renders an article body: remark → rehype → sanitise → HTML, with its plain text and word count.
 * Raw HTML inside the Markdown survives only as far as the allowlist lets it.
 */
export function renderMarkdown(markdown: string): RenderedArticle {
	const tree = processor.runSync(processor.parse(markdown)) as Root;
	const html = stringifier.stringify(tree);
	let firstParagraph = '';
	visit(tree, 'element', (node: Element) => {
		if (firstParagraph) return false;
		if (node.tagName === 'p') firstParagraph = toText(node).trim();
		return undefined;
	});
	const text = toText(tree, { whitespace: 'normal' }).trim();
	const wordCount = countWords(text);
	return { html, text, firstParagraph, wordCount };
}

/** Counts words in any script: Latin-like words by spaces, CJK characters one by one. */
export function countWords(text: string): number {
	const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
	const spaced = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ').match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
	return cjk + spaced;
}
