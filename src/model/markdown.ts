import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { EXIT, visit } from 'unist-util-visit';
import { findMarkdownHazard } from './markdown-limits.ts';

/** What rendering one article body produces. */
export interface RenderedArticle {
	html: string;
	/** The body as plain text, paragraphs separated by blank lines. */
	text: string;
	/** The first paragraph as plain text, used when the article has no summary. */
	firstParagraph: string;
	wordCount: number;
	/** Photos in the text, by the address they were written with (see `BodyImages`). */
	images: BodyImages;
}

/** The images of an article's text, sorted by where they point. */
export interface BodyImages {
	/** Files next to the article (`photos/quay.jpg`), decoded; they go through Astro's image pipeline. */
	local: string[];
	/** http(s) addresses: published only when the site allows remote images. */
	remote: string[];
	/** Addresses that are neither (`/logo.png`, `x`): left as written, and named in the build log. */
	other: string[];
}

/** Photo file extensions Astro's image pipeline imports (SVG is left out: a file can carry script). */
export const LOCAL_IMAGE_EXTENSIONS = ['avif', 'gif', 'jpeg', 'jpg', 'png', 'tiff', 'webp'];

/** The attribute Astro's content runtime replaces with an optimised image's `src`, `srcset`, `width` and `height`. */
export const ASTRO_IMAGE_ATTRIBUTE = '__ASTRO_IMAGE_';

/** URL schemes a link may use; anything else (javascript:, vbscript:, data:, file:) loses its URL. */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto'];

/** Harmless inline and block HTML that newsroom copy uses and GitHub's defaults leave out. */
const EXTRA_TAG_NAMES = ['abbr', 'bdi', 'bdo', 'caption', 'cite', 'dfn', 'figcaption', 'figure', 'mark', 'small', 'time', 'u', 'wbr'];

/** Removed with everything inside them, so their content never shows up as stray text either. */
const STRIPPED_TAG_NAMES = [
	'applet', 'embed', 'frameset', 'iframe', 'math', 'noembed', 'noframes', 'noscript', 'object',
	'script', 'select', 'style', 'svg', 'template', 'textarea', 'title', 'xmp',
];

/** Tags GitHub allows that an archive doesn't need: form controls, and `<source srcset>`, whose URLs aren't checked. */
const DROPPED_TAG_NAMES = new Set(['input', 'picture', 'source']);

/** URL-valued attributes GitHub allows on any element without checking them. */
const DROPPED_GLOBAL_ATTRIBUTES = new Set(['action']);

function withoutDroppedTags<T>(byTag: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(byTag).filter(([tag]) => !DROPPED_TAG_NAMES.has(tag)));
}

const allowedAttributes = withoutDroppedTags(defaultSchema.attributes ?? {});

/**
 * The allowlist for HTML in articles, built on GitHub's (no script, style, iframe, object, embed, form, base,
 * meta, link, svg, no `on*` or `style` attribute, ids prefixed against DOM clobbering): adds harmless inline
 * tags (`abbr`, `mark`, `cite`…), drops form controls, removes dangerous elements with their content, and
 * limits every URL to http, https, mailto (links only) and relative addresses.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
	...defaultSchema,
	tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => !DROPPED_TAG_NAMES.has(name)), ...EXTRA_TAG_NAMES],
	attributes: {
		...allowedAttributes,
		'*': (allowedAttributes['*'] ?? []).filter((name) => typeof name !== 'string' || !DROPPED_GLOBAL_ATTRIBUTES.has(name)),
	},
	required: withoutDroppedTags(defaultSchema.required ?? {}),
	strip: STRIPPED_TAG_NAMES,
	protocols: {
		href: ALLOWED_LINK_PROTOCOLS,
		cite: ['http', 'https'],
		longDesc: ['http', 'https'],
		src: ['http', 'https'],
		itemType: ['http', 'https'],
	},
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

/** The prefix the sanitiser puts on every `id`, so article ids can't clobber the page's globals. */
const ID_PREFIX = 'user-content-';

/**
 * In-page links (`#methods`, footnote references) follow their target's id through the sanitiser's prefix,
 * so they keep working; a fragment with no target in the article is left alone.
 */
function resolveFragmentLinks() {
	return (tree: Root) => {
		const ids = new Set<string>();
		visit(tree, 'element', (node: Element) => {
			if (typeof node.properties?.id === 'string') ids.add(node.properties.id);
		});
		visit(tree, 'element', (node: Element) => {
			const href = node.properties?.href;
			if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
			let fragment = href.slice(1);
			try {
				fragment = decodeURIComponent(fragment);
			} catch {
				return;
			}
			if (!ids.has(fragment) && ids.has(ID_PREFIX + fragment)) node.properties.href = `#${ID_PREFIX}${fragment}`;
		});
	};
}

/**
 * A paragraph that holds one image with a title and nothing else, `![alt](src "caption")`, becomes a
 * `<figure>` with the title as its `<figcaption>`. Runs before the sanitiser, which then checks the result.
 */
function captionImages() {
	return (tree: Root) => {
		visit(tree, 'element', (node: Element, index, parent) => {
			if (node.tagName !== 'p' || parent === undefined || index === undefined) return;
			const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
			const image = content[0];
			if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return;
			const title = image.properties.title;
			if (typeof title !== 'string' || title.trim() === '') return;
			delete image.properties.title;
			const caption: Element = { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: title.trim() }] };
			parent.children[index] = { type: 'element', tagName: 'figure', properties: {}, children: [image, caption] };
		});
	};
}

/** The path of a file next to the article that an image address names, or `undefined` when it names none. */
export function getLocalImagePath(src: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.startsWith('\\') || src.startsWith('#') || src.startsWith('?')) return undefined;
	let path: string;
	try {
		path = decodeURIComponent(src.replace(/[?#].*$/s, ''));
	} catch {
		return undefined;
	}
	const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
	return extension && LOCAL_IMAGE_EXTENSIONS.includes(extension) ? path : undefined;
}

/**
 * Sorts the sanitised text's images by where they point, and hands each local photo to Astro's content
 * runtime: its `src` becomes the attribute that `render(entry)` replaces with the optimised image, lazily loaded.
 * The loader adds the width once it has read the file (`setBodyImageWidths`).
 */
function collectImages(tree: Root): BodyImages {
	const images: BodyImages = { local: [], remote: [], other: [] };
	visit(tree, 'element', (node: Element) => {
		if (node.tagName !== 'img') return;
		const src = node.properties.src;
		if (typeof src !== 'string' || src === '') return;
		if (/^(?:https?:)?\/\//i.test(src)) {
			images.remote.push(src);
			return;
		}
		const path = getLocalImagePath(src);
		if (path === undefined) {
			images.other.push(src);
			return;
		}
		const local = path.startsWith('./') || path.startsWith('../') ? path : `./${path}`;
		images.local.push(local);
		const { alt, id, title } = node.properties;
		node.properties = {
			[ASTRO_IMAGE_ATTRIBUTE]: JSON.stringify({
				src: local,
				alt: typeof alt === 'string' ? alt : '',
				...(typeof title === 'string' ? { title } : {}),
				...(typeof id === 'string' ? { id } : {}),
				index: images.local.length - 1,
				layout: 'constrained',
				loading: 'lazy',
				decoding: 'async',
			}),
		};
	});
	return images;
}

/**
 * `rehype-raw` where the text has HTML of its own (`raw` nodes), and only there: it parses the whole tree again
 * with an HTML parser (parse5), which was a tenth of rendering a story that has none (most of them). Without raw
 * nodes the tree is what that parse gives back, but for empty attributes that the parse makes strings
 * (`data-footnote-ref` for `data-footnote-ref=""`), which mean the same.
 */
function parseRawHtml() {
	const parse = rehypeRaw();
	return (tree: Root, file: Parameters<typeof parse>[1]): Root => {
		let hasRaw = false;
		visit(tree, 'raw', () => {
			hasRaw = true;
			return EXIT;
		});
		return hasRaw ? parse(tree, file) : tree;
	};
}

const processor = unified()
	.use(remarkParse)
	.use(remarkGfm)
	// The sanitiser prefixes ids once; remark-rehype's own prefix on footnotes would double it.
	.use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
	.use(parseRawHtml)
	.use(rehypeSlug)
	.use(captionImages)
	.use(rehypeSanitize, { ...SANITIZE_SCHEMA, clobberPrefix: ID_PREFIX })
	.use(resolveFragmentLinks)
	.use(demoteHeadings)
	.use(markExternalLinks);

const stringifier = unified().use(rehypeStringify);

/**
 * Renders an article body: remark → rehype → sanitise → HTML, with its plain text and word count.
 * Raw HTML inside the Markdown survives only as far as the allowlist lets it. Throws, rather than
 * overflowing the stack or stalling, on a body beyond the limits of `findMarkdownHazard`.
 */
export function renderMarkdown(markdown: string): RenderedArticle {
	const hazard = findMarkdownHazard(markdown);
	if (hazard) throw new Error(hazard);
	let tree: Root;
	let html: string;
	let images: BodyImages;
	try {
		tree = processor.runSync(processor.parse(markdown)) as Root;
		images = collectImages(tree);
		html = stringifier.stringify(tree);
	} catch (error) {
		// A stack overflow deep in remark or rehype says nothing useful on its own.
		if (error instanceof RangeError) throw new Error('the text is nested too deeply to render', { cause: error });
		throw error;
	}
	let firstParagraph = '';
	visit(tree, 'element', (node: Element) => {
		if (firstParagraph) return false;
		if (node.tagName === 'p') firstParagraph = toText(node).trim();
		return undefined;
	});
	const text = toText(tree, { whitespace: 'normal' }).trim();
	const wordCount = countWords(text);
	return { html, text, firstParagraph, wordCount, images };
}

/** Counts words in any script: Latin-like words by spaces, CJK characters one by one. */
export function countWords(text: string): number {
	const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
	const spaced = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ').match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
	return cjk + spaced;
}
