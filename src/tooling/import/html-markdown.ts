import type { Root as HastRoot } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { toMdast } from 'hast-util-to-mdast';
import type { Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import { stringifyMarkdown } from './markdown-text.ts';

/**
 * What becomes of one image of an imported story, given its address as the input wrote it: the address the
 * article keeps, or undefined to leave the image out. Today every image keeps its address as written; bringing
 * photos along as local files (issue 12, item 3) is decided here, and only here.
 * @example decideImageUrl('https://example.org/photo.jpg') // 'https://example.org/photo.jpg'
 */
export function decideImageUrl(url: string): string | undefined {
	return isSafeUrl(url) ? url : undefined;
}

/** Addresses that run code or read the reader's own files when followed; a link or image with one is not kept. */
const UNSAFE_SCHEME = /^\s*(?:javascript|vbscript|file):/i;

function isSafeUrl(url: string): boolean {
	// Browsers ignore tabs, line breaks and control characters inside a scheme ("java\tscript:").
	return !UNSAFE_SCHEME.test(url.replace(/[\u0000-\u001f\u007f]/g, ''));
}

/**
 * Turns a cleaned HTML story (a rehype tree, furniture already removed) into the Markdown an article stores:
 * rehype → remark (`hast-util-to-mdast`), each image passed through `decideImageUrl`, a link to a `javascript:`
 * address reduced to its text, then remark's writer.
 * Saved web pages, WordPress exports and feeds all go through here.
 */
export function htmlToMarkdown(story: HastRoot): string {
	const tree = toMdast(story) as MdastRoot;
	visit(tree, 'image', (image, index, parent) => {
		const url = decideImageUrl(image.url);
		if (url !== undefined) {
			image.url = url;
			return;
		}
		if (parent && index !== undefined) parent.children.splice(index, 1, ...(image.alt ? [{ type: 'text' as const, value: image.alt }] : []));
		return index;
	});
	visit(tree, 'link', (link, index, parent) => {
		if (isSafeUrl(link.url) || !parent || index === undefined) return;
		parent.children.splice(index, 1, ...link.children);
		return index;
	});
	return stringifyMarkdown(tree);
}

const fragmentParser = unified().use(rehypeParse, { fragment: true });

/** The plain text of an HTML snippet (a title or excerpt that holds `&amp;`, `<em>`), spaces collapsed. */
export function readPlainText(html: string | undefined): string | undefined {
	if (html === undefined) return undefined;
	// Most titles and category names hold no markup or entity: no need to parse them.
	if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim() || undefined;
	const text = toText(fragmentParser.parse(html) as HastRoot).replace(/\s+/g, ' ').trim();
	return text === '' ? undefined : text;
}
