import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readPlainText } from './html-markdown.ts';

/** An image or embedded player, replaced by a plain link to it: the archive loads nothing from the old site. */
export interface MediaLink {
	/** `Image: alt text`, `Video: title`, `Embedded content: title`. */
	label: string;
	/** The absolute address of the image, or of the page to watch the video on. */
	href: string;
}

/** Marks where a template call put an image or player, until the body around it is known to be Markdown or HTML. */
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** A placeholder for a media link a template call produced; `linkMedia()` replaces it. */
export function addMediaPlaceholder(media: MediaLink[], link: MediaLink): string {
	return `\uE000${media.push(link) - 1}\uE001`;
}

/**
 * Makes a link target from the old site absolute, so it works outside it; `//2015/…` (a typo some posts have)
 * is a path on the site, not a host.
 * @example toAbsoluteUrl('assets/a.png', 'https://18f.gsa.gov') // 'https://18f.gsa.gov/assets/a.png'
 */
export function toAbsoluteUrl(href: string, origin: string): string {
	const value = href.trim();
	if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('#') || value.startsWith('?')) return value;
	if (value.startsWith('//')) return /^\/\/[^/]*\./.test(value) ? `https:${value}` : origin + value.replace(/^\/+/, '/');
	return origin + (value.startsWith('/') ? value : `/${value}`);
}

/**
 * A media link: its label says what it stands for, with the description (alt text or title) or, failing that,
 * the file name.
 */
export function createMediaLink(kind: 'Image' | 'Video' | 'Embedded content', description: string, href: string): MediaLink {
	const text = description.replace(/\s+/g, ' ').trim() || decodeURIComponent(href.split('/').pop() ?? href);
	return { label: `${kind}: ${text}`, href };
}

/**
 * Where an embedded player should send a reader instead: the watch page for YouTube.
 * @example toWatchUrl('https://www.youtube-nocookie.com/embed/abc?start=5', 'https://x.example') // 'https://www.youtube.com/watch?v=abc&t=5'
 */
export function toWatchUrl(src: string, origin: string): string {
	const url = toAbsoluteUrl(src, origin);
	const match = /^https?:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)(?:\?start=(\d+))?/.exec(url);
	if (!match) return url;
	return `https://www.youtube.com/watch?v=${match[1]}${match[2] ? `&t=${match[2]}` : ''}`;
}

/** The text a reader sees for an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function toPlainText(html: string): string {
	return readPlainText(html) ?? '';
}

/** Escapes text so that Markdown shows it literally (alt text and captions that were plain HTML text). */
export function escapeMarkdownText(text: string): string {
	return text.replace(/[\\`*_[\]<>|~]|&(?=#?\w+;)/g, (character) => `\\${character}`);
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A link target for a Markdown destination: spaces and parentheses would end it early. */
export function toMarkdownDestination(url: string): string {
	return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

const markdownParser = unified().use(remarkParse).use(remarkGfm);
const parseMarkdown = (source: string) => markdownParser.parse(source) as Root;

type AnyNode = Nodes & { children?: AnyNode[]; url?: string; identifier?: string; alt?: string | null; value?: string };

function walk(node: AnyNode, visit: (node: AnyNode, ancestors: AnyNode[]) => void, ancestors: AnyNode[] = []): void {
	visit(node, ancestors);
	for (const child of node.children ?? []) walk(child, visit, [...ancestors, node]);
}

function readAttributes(tag: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const match of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
		attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
	}
	return attributes;
}

/** The link that replaces an `<img>` or `<iframe>` start tag, or null for other tags. */
function getTagMedia(tag: string, origin: string): MediaLink | null {
	const name = /^<([\w:-]+)/.exec(tag)?.[1]!.toLowerCase();
	if (name !== 'img' && name !== 'iframe') return null;
	const attributes = readAttributes(tag.replace(/^<[\w:-]+/, '').replace(/\/?>$/, ''));
	if (name === 'img') return createMediaLink('Image', toPlainText(attributes.alt ?? ''), toAbsoluteUrl(attributes.src ?? '', origin));
	const href = toWatchUrl(attributes.src ?? '', origin);
	return createMediaLink(href.includes('youtube.com') ? 'Video' : 'Embedded content', toPlainText(attributes.title ?? ''), href);
}

/**
 * Rewrites an HTML fragment of a post for an offline archive: scripts and styles go, `<img>` and `<iframe>`
 * become links (or just their label inside another link), root-relative `href`/`src` become absolute.
 */
function rewriteHtml(html: string, media: MediaLink[], state: { anchorDepth: number }, origin: string): string {
	const asHtml = (link: MediaLink) => (state.anchorDepth > 0 ? escapeHtml(link.label) : `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`);
	return html
		.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<\/iframe\s*>/gi, '')
		.replace(PLACEHOLDER, (_, index: string) => asHtml(media[Number(index)]!))
		.replace(/<\/?[a-zA-Z][\w:-]*\b[^>]*>/g, (tag) => {
			if (/^<\/?a\b/i.test(tag)) state.anchorDepth = Math.max(0, state.anchorDepth + (tag.startsWith('</') ? -1 : 1));
			if (tag.startsWith('</')) return tag;
			const link = getTagMedia(tag, origin);
			if (link) return asHtml(link);
			return tag.replace(/(\s(?:href|src|xlink:href|poster)\s*=\s*)(["'])(\/[^"']*)\2/gi, (_, before: string, quote: string, url: string) => `${before}${quote}${toAbsoluteUrl(url, origin)}${quote}`);
		});
}

/**
 * Makes a post's Markdown body work in an offline archive without touching its prose: images and embedded
 * players become links to them (`[Image: alt](https://site/assets/a.png)`), the placeholders template calls left
 * become links, root-relative link targets become absolute on `origin`, scripts and styles in HTML go, and
 * template syntax shown in the text (kept by `{% raw %}`) is marked as code. Code is left exactly as written;
 * runs of blank lines that removed markup leaves are squeezed.
 */
export function linkMedia(source: string, media: MediaLink[], origin: string): string {
	return collapseBlankLines(rewriteMarkdown(source, media, origin));
}

function rewriteMarkdown(source: string, media: MediaLink[], origin: string): string {
	const tree = parseMarkdown(source) as AnyNode;
	const edits: { start: number; end: number; text: string }[] = [];
	const codeRanges: [number, number][] = [];
	const htmlRanges: [number, number][] = [];
	const linkRanges: [number, number][] = [];
	const definitions = new Map<string, string>();
	walk(tree, (node) => {
		if (node.type === 'definition') definitions.set(node.identifier!, node.url!);
	});
	const asMarkdown = (link: MediaLink, insideLink: boolean) => (insideLink ? escapeMarkdownText(link.label) : `[${escapeMarkdownText(link.label)}](${toMarkdownDestination(link.href)})`);
	// Per paragraph: an inline <a> … </a> spans several HTML nodes.
	const anchorState = new Map<AnyNode, { anchorDepth: number }>();

	walk(tree, (node, ancestors) => {
		const start = node.position?.start.offset;
		const end = node.position?.end.offset;
		if (start === undefined || end === undefined) return;
		const insideLink = ancestors.some((ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference');
		switch (node.type) {
			case 'code':
			case 'inlineCode':
				codeRanges.push([start, end]);
				break;
			case 'image':
			case 'imageReference': {
				const url = node.type === 'image' ? node.url! : (definitions.get(node.identifier!) ?? '');
				edits.push({ start, end, text: asMarkdown(createMediaLink('Image', node.alt ?? '', toAbsoluteUrl(url, origin)), insideLink) });
				break;
			}
			case 'link':
			case 'definition': {
				if (node.type === 'link') linkRanges.push([start, end]);
				if (!node.url!.startsWith('/')) break;
				const raw = source.slice(start, end);
				const marker = node.type === 'link' ? raw.lastIndexOf('](') + 2 : raw.indexOf(']:') + 2;
				let at = start + marker;
				while (/[\s<]/.test(source[at]!)) at += 1;
				const urlEnd = at + /^[^\s)>]*/.exec(source.slice(at))![0].length;
				edits.push({ start: at, end: urlEnd, text: toMarkdownDestination(toAbsoluteUrl(source.slice(at, urlEnd), origin)) });
				break;
			}
			case 'html': {
				htmlRanges.push([start, end]);
				const parent = ancestors.at(-1)!;
				const inline = parent.type !== 'root' && parent.type !== 'blockquote' && parent.type !== 'listItem';
				const state = inline ? (anchorState.get(parent) ?? { anchorDepth: insideLink ? 1 : 0 }) : { anchorDepth: 0 };
				if (inline) anchorState.set(parent, state);
				const value = source.slice(start, end);
				const lone = /^\s*(<(?:img|iframe)\b[^>]*>)\s*(<\/iframe\s*>\s*)?$/i.exec(value);
				if (lone && state.anchorDepth === 0) {
					// A lone image or player reads better as a Markdown link than as an HTML anchor.
					edits.push({ start, end, text: asMarkdown(getTagMedia(lone[1]!, origin)!, insideLink) });
				} else {
					const html = rewriteHtml(value, media, state, origin);
					if (html !== value) edits.push({ start, end, text: html });
				}
				break;
			}
			case 'text': {
				// Template syntax written literally in prose (it came through {% raw %}): shown as code.
				for (const match of source.slice(start, end).matchAll(/\{\{[^}\n]*\}\}|\{%[^%\n]*%\}/g)) {
					edits.push({ start: start + match.index, end: start + match.index + match[0].length, text: `\`${match[0]}\`` });
				}
				break;
			}
			default:
				break;
		}
	});

	const within = (ranges: [number, number][], offset: number) => ranges.some(([from, to]) => offset >= from && offset < to);
	for (const match of source.matchAll(PLACEHOLDER)) {
		if (within(htmlRanges, match.index) || within(codeRanges, match.index)) continue;
		edits.push({ start: match.index, end: match.index + match[0].length, text: asMarkdown(media[Number(match[1])]!, within(linkRanges, match.index)) });
	}

	// An <img> that CommonMark does not take as HTML (quotes inside its alt) stays text; its alt runs to the last quote.
	for (const match of source.matchAll(/<img\b[^>]*>/gi)) {
		if (within(htmlRanges, match.index) || within(codeRanges, match.index)) continue;
		const alt = /\salt\s*=\s*"([\s\S]*)"/i.exec(match[0])?.[1] ?? '';
		const href = toAbsoluteUrl(/\ssrc\s*=\s*"([^"]*)"/i.exec(match[0])?.[1] ?? '', origin);
		edits.push({ start: match.index, end: match.index + match[0].length, text: asMarkdown(createMediaLink('Image', toPlainText(alt), href), within(linkRanges, match.index)) });
	}

	edits.sort((a, b) => b.start - a.start);
	let result = source;
	let lastStart = Infinity;
	for (const edit of edits) {
		if (edit.end > lastStart) throw new Error(`overlapping edits at offset ${edit.start}`);
		result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
		lastStart = edit.start;
	}
	return result;
}

/** Squeezes runs of blank lines that removed scripts and headshots leave, except inside code and HTML. */
function collapseBlankLines(source: string): string {
	const keep: [number, number][] = [];
	walk(parseMarkdown(source) as AnyNode, (node) => {
		if ((node.type === 'code' || node.type === 'html') && node.position) keep.push([node.position.start.offset!, node.position.end.offset!]);
	});
	return source.replace(/\n(?:[ \t]*\n){2,}/g, (run, offset: number) => (keep.some(([from, to]) => offset < to && offset + run.length > from) ? run : '\n\n'));
}
