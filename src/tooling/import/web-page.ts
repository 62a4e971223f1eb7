import type { Element, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { parseBylineCredit, splitNames } from './bylines.ts';
import { getDatelineField, parseDateline } from './dateline.ts';
import { findDateInPath, normaliseDate } from './dates.ts';
import type { ArticleDraft, ReadResult } from './draft.ts';
import { htmlToMarkdown } from './html-markdown.ts';
import type { PhotoPlacer } from './images.ts';
import type { RawTextContext } from './raw-text.ts';

const parser = unified().use(rehypeParse);

/** schema.org types that describe a story. */
const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle)$/;

/** Elements that never belong to a story's text. */
const DROPPED_ELEMENTS = new Set(
	'script style noscript template iframe frame frameset object embed canvas svg form button input select textarea label nav aside footer dialog menu link meta'.split(' '),
);

/** Elements whose children are running text. */
const TEXT_BLOCKS = new Set('p li dd dt blockquote q h2 h3 h4 h5 h6 figcaption td th caption em strong a span b i'.split(' '));

/** Roles of page furniture: navigation, sidebars, banners, search, pop-ups. */
const DROPPED_ROLES = new Set('navigation complementary banner contentinfo search dialog alertdialog menu menubar toolbar'.split(' '));

/** Class or id words of advertising, share buttons, newsletters, related links, comments and pop-ups. */
const FURNITURE =
	/(?:^|[\s_-])(?:ad|ads|advert\w*|adsbygoogle|dfp|sponsor\w*|promo\w*|share|sharing|social|newsletter|subscribe|subscription|related|recommended|read-?more|comments?|outbrain|taboola|paywall|breadcrumbs?|popup|modal|cookie\w*|byline|author|timestamp|tags?)(?:$|[\s_-])/i;

/** What the page says about itself, gathered from JSON-LD, meta tags and visible markup. */
interface PageFacts {
	ld?: Record<string, unknown> | undefined;
	meta: Map<string, string[]>;
	lang?: string | undefined;
	canonical?: string | undefined;
	titleTag?: string | undefined;
}

/**
 * Reads a saved news web page: headline, dates, authors and publisher from the page's `NewsArticle` JSON-LD,
 * then OpenGraph and `article:` meta tags, then visible markup (`<h1>`, `<time datetime>`, `rel=author`);
 * the story from its `<article>` (or `[itemprop=articleBody]`, `<main>`), turned into Markdown through
 * rehype → remark after navigation, ads, scripts, share buttons and the like are removed. With `photos`, the
 * story's images and its lead photo (JSON-LD `image`, `og:image`) point at the files saved with the page
 * (see `images.ts`); without, images keep the addresses the page gave them.
 */
export function readWebPage(html: string, context: RawTextContext, photos?: PhotoPlacer): ReadResult {
	const tree = parser.parse(html) as HastRoot;
	const facts = gatherFacts(tree);
	const container = findStoryElement(tree);
	if (!container) return { ok: false, shape: 'web-page', reason: 'the page has no <article>, <main> or <body> holding a story' };

	const heading = findFirst(container, (element) => element.tagName === 'h1') ?? findFirst(tree, (element) => element.tagName === 'h1');
	const time = findFirst(container, (element) => element.tagName === 'time' && typeof element.properties.dateTime === 'string');
	const visibleByline = findFirst(container, (element) => isBylineElement(element)) ?? findFirst(tree, (element) => isBylineElement(element));

	const story = cleanStory(container, heading);
	const lead = photos ? placePhotos(story, facts, photos) : undefined;
	const markdown = htmlToMarkdown(story).trim();
	if (markdown === '') return { ok: false, shape: 'web-page', reason: 'the page\'s article element holds no story text once navigation, ads and scripts are removed' };

	const ld = facts.ld ?? {};
	const meta = (name: string) => facts.meta.get(name.toLowerCase())?.[0];
	const firstParagraph = findFirst(story, (element) => element.tagName === 'p');
	const lede = firstParagraph ? parseDateline(toText(firstParagraph).trim()) : undefined;

	const draft: ArticleDraft = {
		title: clean(readLdText(ld.headline) ?? meta('og:title') ?? meta('twitter:title') ?? (heading ? toText(heading) : undefined) ?? facts.titleTag),
		date: firstDate(context.timeZone, ld.datePublished, meta('article:published_time'), meta('pubdate'), meta('publishdate'), meta('date'), meta('dc.date.issued'), time?.properties.dateTime) ?? findDateInPath(context.file) ?? context.editionDate,
		updated: firstDate(context.timeZone, ld.dateModified, meta('article:modified_time'), meta('og:updated_time')),
		bylines: readBylines(ld.author, facts, visibleByline, context),
		source: clean(readName(ld.publisher) ?? meta('og:site_name') ?? meta('application-name')) ?? context.source,
		dateline: clean(readLdText(ld.dateline)) ?? (lede ? getDatelineField(lede) : undefined),
		summary: clean(readLdText(ld.description) ?? meta('og:description') ?? meta('description')),
		section: clean(readLdText(ld.articleSection) ?? meta('article:section')),
		tags: unique([...readKeywords(ld.keywords), ...(facts.meta.get('article:tag') ?? [])]),
		lang: clean(readLdText(ld.inLanguage) ?? facts.lang ?? meta('og:locale')?.replace('_', '-')),
		url: clean(readLdUrl(ld) ?? meta('og:url') ?? facts.canonical),
		...(lead ? { image: lead } : {}),
		body: `${markdown}\n`,
	};
	return { ok: true, shape: 'web-page', draft };
}

/**
 * Points the story's images at the photos saved with the page, dropping those that weren't saved (the placer
 * notes each), and finds the lead photo: the page's JSON-LD `image` or `og:image`. When the story shows the
 * same photo, that copy leaves the text and its caption becomes the lead photo's.
 */
function placePhotos(story: HastRoot, facts: PageFacts, photos: PhotoPlacer): ArticleDraft['image'] {
	const shown: { ref: string; alt: string; figure?: Element; parent: Element | HastRoot; image: Element }[] = [];
	visit(story, 'element', (element: Element, index, parent) => {
		if (element.tagName !== 'img' || parent === undefined || index === undefined) return undefined;
		const src = typeof element.properties.src === 'string' ? element.properties.src : '';
		const alt = typeof element.properties.alt === 'string' ? element.properties.alt.trim() : '';
		const placed = src ? photos.place(src, alt) : { dropped: '' };
		if ('dropped' in placed) {
			parent.children.splice(index, 1);
			return index;
		}
		element.properties = { src: 'ref' in placed ? placed.ref : placed.remote, alt };
		shown.push({ ref: 'ref' in placed ? placed.ref : placed.remote, alt, parent, image: element, ...(parent.type === 'element' && parent.tagName === 'figure' ? { figure: parent } : {}) });
		return undefined;
	});

	const candidate = readImageUrl(facts.ld?.image) ?? facts.meta.get('og:image')?.[0] ?? facts.meta.get('twitter:image')?.[0];
	const lead = candidate ? placeLeadPhoto(candidate, story, facts, photos, shown) : undefined;
	captionFigures(shown.filter((item) => item.ref !== lead?.src));
	return lead;
}

function placeLeadPhoto(
	candidate: string,
	story: HastRoot,
	facts: PageFacts,
	photos: PhotoPlacer,
	shown: { ref: string; alt: string; figure?: Element; parent: Element | HastRoot; image: Element }[],
): ArticleDraft['image'] {
	const placed = photos.place(candidate);
	if ('dropped' in placed) return undefined;
	const src = 'ref' in placed ? placed.ref : placed.remote;
	const inText = shown.find((item) => item.ref === src);
	const caption = inText?.figure ? findFirst(inText.figure, (element) => element.tagName === 'figcaption') : undefined;
	const alt = clean(facts.meta.get('og:image:alt')?.[0] ?? facts.meta.get('twitter:image:alt')?.[0] ?? inText?.alt ?? readImageCaption(facts.ld?.image));
	if (!alt) {
		photos.leaveOut(`lead photo "${candidate}": the page gives it no alt text, which the archive requires; add image.alt by hand to show it`);
		return undefined;
	}
	if (inText) {
		const holder = inText.figure ?? inText.image;
		const parent = inText.figure ? findParent(story, inText.figure) : inText.parent;
		if (parent) parent.children = parent.children.filter((child) => child !== holder) as typeof parent.children;
	}
	const captionText = clean(caption ? toText(caption) : readImageCaption(facts.ld?.image));
	return { src, alt, ...(captionText && captionText !== alt ? { caption: captionText } : {}) };
}

/** A figure of one photo and a caption becomes `![alt](src "caption")`, which the site shows as a captioned figure again. */
function captionFigures(shown: { figure?: Element; image: Element }[]): void {
	for (const { figure, image } of shown) {
		if (!figure) continue;
		const caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
		const images = figure.children.filter((child) => child.type === 'element' && child.tagName === 'img');
		const text = caption ? clean(toText(caption)) : undefined;
		if (!text || images.length !== 1) continue;
		image.properties.title = text;
		figure.tagName = 'p';
		figure.children = [image];
	}
}

function readImageUrl(value: unknown): string | undefined {
	if (Array.isArray(value)) return readImageUrl(value[0]);
	if (value && typeof value === 'object') return readLdText((value as Record<string, unknown>).url) ?? readLdText((value as Record<string, unknown>).contentUrl);
	return readLdText(value);
}

function readImageCaption(value: unknown): string | undefined {
	if (Array.isArray(value)) return readImageCaption(value[0]);
	return value && typeof value === 'object' ? readLdText((value as Record<string, unknown>).caption) : undefined;
}

function findParent(root: HastRoot, target: Element): Element | HastRoot | undefined {
	let found: Element | HastRoot | undefined;
	visit(root, 'element', (element: Element, _index, parent) => {
		if (element === target) {
			found = parent;
			return false;
		}
		return undefined;
	});
	return found;
}

/** True when the text looks like an HTML page rather than Markdown or plain text. */
export function looksLikeHtml(text: string): boolean {
	return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])/i.test(text);
}

function gatherFacts(tree: HastRoot): PageFacts {
	const meta = new Map<string, string[]>();
	const facts: PageFacts = { meta };
	const stories: Record<string, unknown>[] = [];
	visit(tree, 'element', (element: Element) => {
		const { properties } = element;
		if (element.tagName === 'html' && typeof properties.lang === 'string') facts.lang = properties.lang;
		if (element.tagName === 'title') facts.titleTag ??= toText(element);
		if (element.tagName === 'link' && String(properties.rel ?? '').includes('canonical') && typeof properties.href === 'string') facts.canonical ??= properties.href;
		if (element.tagName === 'meta') {
			const name = String(properties.property ?? properties.name ?? properties.itemProp ?? '').toLowerCase();
			if (name && typeof properties.content === 'string' && properties.content.trim() !== '') {
				meta.set(name, [...(meta.get(name) ?? []), properties.content.trim()]);
			}
		}
		if (element.tagName === 'script' && String(properties.type ?? '').toLowerCase() === 'application/ld+json') {
			try {
				collectStories(JSON.parse(toText(element)), stories);
			} catch {
				// A page's broken JSON-LD is ignored; its meta tags and markup still describe the story.
			}
		}
	});
	facts.ld = stories[0];
	return facts;
}

function collectStories(value: unknown, stories: Record<string, unknown>[]): void {
	if (Array.isArray(value)) return value.forEach((item) => collectStories(item, stories));
	if (!value || typeof value !== 'object') return;
	const node = value as Record<string, unknown>;
	const types = ([] as unknown[]).concat(node['@type'] ?? []);
	if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type))) stories.push(node);
	if (node['@graph']) collectStories(node['@graph'], stories);
}

/** The element holding the story: `[itemprop=articleBody]`, else the `<article>` with the most paragraph text, else `<main>` or `<body>`. */
function findStoryElement(tree: HastRoot): Element | undefined {
	const articleBody = findFirst(tree, (element) => String(element.properties.itemProp ?? '').split(' ').includes('articleBody'));
	if (articleBody) return articleBody;
	const articles: Element[] = [];
	visit(tree, 'element', (element: Element) => {
		if (element.tagName === 'article') articles.push(element);
	});
	if (articles.length > 0) return articles.sort((a, b) => paragraphLength(b) - paragraphLength(a))[0];
	return (
		findFirst(tree, (element) => element.tagName === 'main' || element.properties.role === 'main') ??
		findFirst(tree, (element) => element.tagName === 'body')
	);
}

function paragraphLength(element: Element): number {
	let length = 0;
	visit(element, 'element', (child: Element) => {
		if (child.tagName === 'p') length += toText(child).length;
	});
	return length;
}

/** The story element, pruned in place (the tree is ours alone), without page furniture, the headline, bylines and timestamps. */
export function cleanStory(container: Element, heading: Element | undefined): HastRoot {
	const copy: Element = { ...container, tagName: 'div' };
	const headingText = heading ? toText(heading).trim() : undefined;
	const prune = (parent: Element | HastRoot) => {
		// Inside running text a <time> or a tagged <span> is part of a sentence, never furniture.
		const inText = parent.type === 'element' && TEXT_BLOCKS.has(parent.tagName);
		parent.children = parent.children.filter((child) => {
			if (child.type === 'comment') return false;
			if (child.type !== 'element') return true;
			if (!inText && (isFurniture(child) || isOnlyTimestamp(child))) return false;
			if (child.tagName === 'h1' && toText(child).trim() === headingText) return false;
			if (child.tagName === 'header' && findFirst(child, (element) => element.tagName === 'h1')) return false;
			prune(child);
			return true;
		}) as typeof parent.children;
	};
	prune(copy);
	return { type: 'root', children: [copy] };
}

/** A paragraph or box that holds nothing but a `<time>`: the page's date line, already in the front-matter. */
function isOnlyTimestamp(element: Element): boolean {
	const time = findFirst(element, (child) => child.tagName === 'time');
	return time !== undefined && time !== element && toText(element).trim() === toText(time).trim();
}

function isFurniture(element: Element): boolean {
	const { properties } = element;
	if (DROPPED_ELEMENTS.has(element.tagName)) return true;
	if (element.tagName === 'time' || properties.hidden !== undefined || properties.ariaHidden === 'true') return true;
	if (DROPPED_ROLES.has(String(properties.role ?? ''))) return true;
	const names = `${([] as unknown[]).concat(properties.className ?? []).join(' ')} ${String(properties.id ?? '')}`;
	return FURNITURE.test(names) || isBylineElement(element);
}

function isBylineElement(element: Element): boolean {
	const { properties } = element;
	const rel = ([] as unknown[]).concat(properties.rel ?? []).map(String);
	const itemProp = String(properties.itemProp ?? '');
	const names = `${([] as unknown[]).concat(properties.className ?? []).join(' ')} ${String(properties.id ?? '')}`;
	return rel.includes('author') || itemProp.split(' ').includes('author') || /(?:^|[\s_-])(?:byline|author)(?:$|[\s_-])/i.test(names);
}

function readBylines(author: unknown, facts: PageFacts, visible: Element | undefined, context: RawTextContext): string[] {
	const fromLd = readPeople(author);
	if (fromLd.length > 0) return fromLd;
	const fromMeta = [...(facts.meta.get('author') ?? []), ...(facts.meta.get('article:author') ?? [])].filter((value) => !/^https?:/i.test(value));
	if (fromMeta.length > 0) return unique(fromMeta.flatMap((name) => splitNames(name)));
	if (visible) return parseBylineCredit(toText(visible).replace(/\s+/g, ' '), context.source, context.wires).bylines;
	return [];
}

/** People from JSON-LD `author`: a name, a Person, or a list of them; organisations are not bylines. */
function readPeople(value: unknown): string[] {
	if (Array.isArray(value)) return unique(value.flatMap((item) => readPeople(item)));
	if (typeof value === 'string') return splitNames(value);
	if (!value || typeof value !== 'object') return [];
	const node = value as Record<string, unknown>;
	if (([] as unknown[]).concat(node['@type'] ?? []).includes('Organization')) return [];
	const name = readLdText(node.name);
	return name ? [name] : [];
}

function readName(value: unknown): string | undefined {
	if (Array.isArray(value)) return readName(value[0]);
	if (value && typeof value === 'object') return readLdText((value as Record<string, unknown>).name);
	return readLdText(value);
}

function readLdText(value: unknown): string | undefined {
	if (Array.isArray(value)) return readLdText(value[0]);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function readLdUrl(ld: Record<string, unknown>): string | undefined {
	const main = ld.mainEntityOfPage;
	if (main && typeof main === 'object' && typeof (main as Record<string, unknown>)['@id'] === 'string') return (main as Record<string, string>)['@id'];
	return readLdText(ld.url) ?? readLdText(main);
}

function readKeywords(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap((item) => readKeywords(item));
	return typeof value === 'string' ? value.split(',').map((tag) => tag.trim()).filter(Boolean) : [];
}

function firstDate(timeZone: string, ...values: unknown[]): string | undefined {
	for (const value of values) {
		const date = value === undefined ? undefined : normaliseDate(readLdText(value) ?? value, timeZone);
		if (date) return date;
	}
	return undefined;
}

function findFirst(root: HastNodes, test: (element: Element) => boolean): Element | undefined {
	let found: Element | undefined;
	visit(root, 'element', (element: Element) => {
		if (found) return SKIP;
		if (test(element)) found = element;
		return undefined;
	});
	return found;
}

function clean(text: string | undefined): string | undefined {
	const value = text?.replace(/\s+/g, ' ').trim();
	return value ? value : undefined;
}

function unique(values: string[]): string[] {
	return [...new Map(values.map((value) => [value.toLocaleLowerCase('und'), value.trim()])).values()].filter(Boolean);
}
