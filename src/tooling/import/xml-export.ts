import type { Element, Root as HastRoot } from 'hast';
import { toText } from 'hast-util-to-text';
import { XMLParser } from 'fast-xml-parser';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { getDatelineField, parseDateline } from './dateline.ts';
import type { InputShape, ReadResult } from './draft.ts';
import { htmlToMarkdown } from './html-markdown.ts';
import type { PhotoPlacer } from './images.ts';
import { cleanStory } from './web-page.ts';

/** One item of a WordPress export or a feed: read as far as a draft, or passed over with the reason. */
export type ExportItem =
	| { id: string; read: ReadResult & { leftOut?: string[] }; photos?: PhotoPlacer }
	| { id: string; shape: InputShape; skipped: string };

/** The items of one export or feed, in the file's order, or why the file cannot be read at all. */
export type ExportReadResult = { ok: true; shape: InputShape; items: ExportItem[] } | { ok: false; shape: InputShape; reason: string };

/** Elements that are lists in exports and feeds even when one is present, so every reader sees an array. */
const LIST_ELEMENTS = new Set(['item', 'entry', 'category', 'link', 'author', 'contributor', 'dc:creator', 'wp:author', 'wp:postmeta', 'wp:comment', 'wp:category', 'wp:tag', 'wp:term']);

/** The parser for exports and feeds; `rawElements` are kept as their unparsed inner text (Atom's mixed content). */
function createXmlParser(rawElements: string[]): XMLParser {
	return new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		textNodeName: '#text',
		parseTagValue: false,
		parseAttributeValue: false,
		trimValues: true,
		stopNodes: rawElements,
		isArray: (name) => LIST_ELEMENTS.has(name),
	});
}

const xmlParser = createXmlParser([]);

/** A node of parsed XML: text, or an element's children and `@_` attributes by name. */
export type XmlNode = string | { [name: string]: XmlValue };
type XmlValue = XmlNode | XmlNode[] | undefined;

/**
 * Parses an export or feed. Entity declarations are refused before parsing: exports and feeds never need
 * them, and they are how an XML file grows without bound ("billion laughs") or reaches for other files.
 */
export function parseXml(text: string, rawElements: string[] = []): { ok: true; document: Record<string, XmlValue> } | { ok: false; reason: string } {
	if (/<!ENTITY/i.test(text)) return { ok: false, reason: 'the XML declares entities (<!ENTITY …>), which exports and feeds never need; they are refused because they can expand without bound' };
	try {
		return { ok: true, document: (rawElements.length > 0 ? createXmlParser(rawElements) : xmlParser).parse(text, true) as Record<string, XmlValue> };
	} catch (error) {
		const message = (error as { err?: { msg?: string; line?: number } }).err;
		const detail = message?.msg ? `${message.msg}${message.line ? ` (line ${message.line})` : ''}` : (error as Error).message.split('\n')[0];
		return { ok: false, reason: `the XML cannot be read: ${detail}` };
	}
}

/**
 * The text of an element kept raw (see `parseXml`): CDATA sections as they are, entities elsewhere decoded.
 * @example decodeRawXml('&lt;p&gt;A &amp;amp; B&lt;/p&gt;') // '<p>A &amp; B</p>'
 */
export function decodeRawXml(raw: string): string {
	return raw
		.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
		.map((part) =>
			part.startsWith('<![CDATA[')
				? part.slice(9, -3)
				: part.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (entity, hex?: string, decimal?: string, name?: string) => {
						if (name) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name.toLowerCase()] ?? entity;
						const code = hex ? Number.parseInt(hex, 16) : Number(decimal);
						return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
					}),
		)
		.join('');
}

/** The text of an element (or its first one when repeated), trimmed; undefined when absent or empty. */
export function readXmlText(value: XmlValue): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (first === undefined) return undefined;
	const text = typeof first === 'string' ? first : typeof first['#text'] === 'string' ? first['#text'] : undefined;
	const trimmed = text?.trim();
	return trimmed ? trimmed : undefined;
}

/** An element's attribute. */
export function readXmlAttribute(value: XmlValue, name: string): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (!first || typeof first === 'string') return undefined;
	const attribute = first[`@_${name}`];
	return typeof attribute === 'string' ? attribute : undefined;
}

/** The elements of a repeated child, as a list of nodes. */
export function readXmlList(value: XmlValue): XmlNode[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** An element's children by name, or an empty record for a text-only element. */
export function readXmlChildren(node: XmlNode | undefined): Record<string, XmlValue> {
	return node && typeof node === 'object' ? node : {};
}

const htmlParser = unified().use(rehypeParse, { fragment: true });

/** Block elements: a chunk of WordPress text that starts with one is already HTML, not a paragraph to wrap. */
const BLOCK_START = /^<(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|figure|table|pre|hr|section|article|aside|header|footer|address|form|iframe|script|style|!--)[\s>/]/i;

/**
 * WordPress stores a classic post's text with blank lines between paragraphs and adds the `<p>` only when it
 * shows the post (`wpautop`); block-editor posts are HTML already. Wraps the bare paragraphs, so both read alike.
 */
export function addParagraphs(html: string): string {
	return html
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n+/)
		.map((chunk) => chunk.trim())
		.filter(Boolean)
		.map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
		.join('\n\n');
}

/**
 * Reads the HTML text of a post or feed item into Markdown through the same rehype → remark path as saved web
 * pages (scripts, frames, forms, ads and share buttons removed), with the dateline of its first paragraph.
 * With `photos`, each image points at its local copy or is left out (the placer notes it), as in saved pages;
 * an image whose copy is `lead` (the post's featured image, shown above the story) leaves the text, and its
 * figure's caption is returned as `leadCaption`.
 */
export function readHtmlStory(html: string, photos?: PhotoPlacer, lead?: string): { markdown: string; dateline?: string; leadCaption?: string } {
	const tree = htmlParser.parse(addParagraphs(html)) as HastRoot;
	const container: Element = { type: 'element', tagName: 'div', properties: {}, children: tree.children as Element['children'] };
	const story = cleanStory(container, undefined);
	let leadCaption: string | undefined;
	if (photos) {
		visit(story, 'element', (element: Element, index, parent) => {
			if (element.tagName !== 'img' || parent === undefined || index === undefined) return undefined;
			const src = typeof element.properties.src === 'string' ? element.properties.src : '';
			const alt = typeof element.properties.alt === 'string' ? element.properties.alt.trim() : '';
			const placed = src ? photos.place(src, alt) : { dropped: '' };
			const ref = 'ref' in placed ? placed.ref : 'remote' in placed ? placed.remote : undefined;
			if (ref === undefined || ref === lead) {
				if (ref !== undefined && parent.type === 'element' && parent.tagName === 'figure') {
					const caption = parent.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
					leadCaption ??= caption ? toText(caption).replace(/\s+/g, ' ').trim() || undefined : undefined;
					parent.children = [];
				} else parent.children.splice(index, 1);
				return index;
			}
			element.properties = { src: ref, alt };
			return undefined;
		});
	}
	let lede: string | undefined;
	visit(story, 'element', (element: Element) => {
		if (lede === undefined && element.tagName === 'p') lede = toText(element).trim();
	});
	const dateline = lede ? getDatelineField(parseDateline(lede)) : undefined;
	return { markdown: htmlToMarkdown(story).trim(), ...(dateline ? { dateline } : {}), ...(leadCaption ? { leadCaption } : {}) };
}
