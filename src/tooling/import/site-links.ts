import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const markdownParser = unified().use(remarkParse).use(remarkGfm);

/**
 * Makes a post's root-relative links and images (`[us](/about/)`, `<img src="/assets/a.png">`) point at the site
 * it was published on, so they still lead somewhere once the post lives in another archive. Only the addresses
 * change, byte for byte; code is left as written.
 * @example resolveSiteLinks('See [us](/about/).', 'https://18f.gsa.gov') // 'See [us](https://18f.gsa.gov/about/).'
 */
export function resolveSiteLinks(markdown: string, origin: string): string {
	const tree = markdownParser.parse(markdown) as Root;
	const edits: { start: number; end: number; text: string }[] = [];
	visit(tree, (node) => {
		const start = node.position?.start.offset;
		const end = node.position?.end.offset;
		if (start === undefined || end === undefined) return;
		if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && /^\/(?!\/)/.test(node.url)) {
			const source = markdown.slice(start, end);
			const at = node.type === 'definition' ? source.indexOf(']:') + 2 : source.lastIndexOf('](') + 2;
			const offset = source.indexOf(node.url, at);
			if (at >= 2 && offset >= 0) edits.push({ start: start + offset, end: start + offset + node.url.length, text: `${origin}${node.url}` });
		}
		if (node.type === 'html') {
			for (const match of node.value.matchAll(/(\s(?:href|src)\s*=\s*["'])(\/(?!\/)[^"']*)/gi)) {
				const offset = start + match.index + match[1]!.length;
				edits.push({ start: offset, end: offset, text: origin });
			}
		}
	});
	let result = markdown;
	for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
	return result;
}
