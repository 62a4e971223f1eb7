import { splitNames } from './bylines.ts';
import { normaliseDate } from './dates.ts';
import type { ArticleDraft, InputShape } from './draft.ts';
import { readPlainText } from './html-markdown.ts';
import type { RawTextContext } from './raw-text.ts';
import {
	decodeRawXml,
	parseXml,
	readHtmlStory,
	readXmlAttribute,
	readXmlChildren,
	readXmlList,
	readXmlText,
	type ExportItem,
	type ExportReadResult,
} from './xml-export.ts';

/** Which feed format XML text is: RSS 2.0, Atom, or neither. */
export function detectFeed(text: string): 'rss-feed' | 'atom-feed' | undefined {
	const head = text.slice(0, 8192);
	if (/<rss[\s>]/.test(head)) return 'rss-feed';
	if (/<feed[\s>][^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(head)) return 'atom-feed';
	return undefined;
}

/**
 * Reads an RSS 2.0 feed: each `<item>` with its title, `pubDate` (or `dc:date`), `dc:creator` or `author`
 * (`jane@example.org (Jane Doe)`), categories as topics, link and text — `content:encoded` when the feed
 * carries the whole story, else `description` — through the rehype → remark path of saved web pages. The
 * channel's title is the source and its language the articles'.
 */
export function readRssFeed(text: string, context: RawTextContext): ExportReadResult {
	const shape: InputShape = 'rss-feed';
	const parsed = parseXml(text);
	if (!parsed.ok) return { ok: false, shape, reason: parsed.reason };
	const channel = readXmlChildren(readXmlList(readXmlChildren(readXmlList(parsed.document.rss)[0]).channel)[0]);
	if (Object.keys(channel).length === 0) return { ok: false, shape, reason: 'the feed has no <rss><channel>' };
	const source = readPlainText(readXmlText(channel.title)) ?? context.source;
	const lang = readXmlText(channel.language) ?? readXmlText(channel['dc:language']);
	const items = readXmlList(channel.item).map((item, index): ExportItem => {
		const fields = readXmlChildren(item);
		const leftOut: string[] = [];
		const full = readXmlText(fields['content:encoded']);
		const description = readXmlText(fields.description);
		const story = readHtmlStory(full ?? description ?? '');
		const bylines = [
			...readXmlList(fields['dc:creator']).flatMap((creator) => splitNames(readXmlText(creator) ?? '')),
			...readXmlList(fields.author).flatMap((author) => readRssAuthor(readXmlText(author), leftOut)),
		];
		const draft: ArticleDraft = {
			title: readPlainText(readXmlText(fields.title)),
			date: normaliseDate(readXmlText(fields.pubDate), context.timeZone) ?? normaliseDate(readXmlText(fields['dc:date']), context.timeZone),
			bylines: [...new Set(bylines)],
			source,
			dateline: story.dateline,
			summary: full ? readPlainText(description) : undefined,
			tags: [...new Set(readXmlList(fields.category).map((category) => readPlainText(readXmlText(category))).filter((tag): tag is string => tag !== undefined))],
			lang,
			url: readXmlText(fields.link) ?? (readXmlAttribute(fields.guid, 'isPermaLink') !== 'false' ? readXmlText(fields.guid) : undefined),
			body: story.markdown === '' ? '' : `${story.markdown}\n`,
		};
		if (!full && description) leftOut.push('the feed carries a summary only (no content:encoded): the summary is the text');
		if (fields.enclosure) leftOut.push('enclosure');
		return { id: `item-${index + 1}`, read: { ok: true, shape, draft, leftOut } };
	});
	return { ok: true, shape, items };
}

/** RSS `author` is an e-mail address, often with the name in brackets: `jane@example.org (Jane Doe)`. */
function readRssAuthor(value: string | undefined, leftOut: string[]): string[] {
	if (!value) return [];
	const named = /\(([^()]+)\)\s*$/.exec(value);
	if (named) return splitNames(named[1]!);
	if (/@/.test(value)) {
		leftOut.push(`author "${value}" (an e-mail address, not a name)`);
		return [];
	}
	return splitNames(value);
}

/**
 * Reads an Atom feed: each `<entry>` with its title, `published` (else `updated`) and `updated`, authors'
 * names, categories as topics, the `alternate` link and `content` (else `summary`) through the rehype → remark
 * path of saved web pages. The feed's title is the source and its `xml:lang` the articles' language.
 */
export function readAtomFeed(text: string, context: RawTextContext): ExportReadResult {
	const shape: InputShape = 'atom-feed';
	const parsed = parseXml(text, ['feed.title', '*.entry.title', '*.entry.content', '*.entry.summary']);
	if (!parsed.ok) return { ok: false, shape, reason: parsed.reason };
	const feedNode = readXmlList(parsed.document.feed)[0];
	const feed = readXmlChildren(feedNode);
	if (Object.keys(feed).length === 0) return { ok: false, shape, reason: 'the feed has no <feed> element' };
	const source = readAtomText(feed.title) ?? context.source;
	const feedLang = readXmlAttribute(feedNode, 'xml:lang');
	const feedAuthors = readAtomPeople(feed.author);
	const items = readXmlList(feed.entry).map((entry, index): ExportItem => {
		const fields = readXmlChildren(entry);
		const leftOut: string[] = [];
		const content = readAtomHtml(fields.content);
		const summary = readAtomHtml(fields.summary);
		if (fields.content && !content) leftOut.push(`content of type "${readXmlAttribute(fields.content, 'type') ?? ''}" (only text, html and xhtml are read)`);
		const story = readHtmlStory(content ?? summary ?? '');
		const published = normaliseDate(readXmlText(fields.published), context.timeZone);
		const updated = normaliseDate(readXmlText(fields.updated), context.timeZone);
		const authors = readAtomPeople(fields.author);
		const draft: ArticleDraft = {
			title: readAtomText(fields.title),
			date: published ?? updated,
			...(published && updated && updated !== published ? { updated } : {}),
			bylines: [...new Set([...(authors.length > 0 ? authors : feedAuthors), ...readAtomPeople(fields.contributor)])],
			source,
			dateline: story.dateline,
			summary: content ? readPlainText(summary) : undefined,
			tags: [...new Set(readXmlList(fields.category).map((category) => readXmlAttribute(category, 'label') ?? readXmlAttribute(category, 'term')).filter((tag): tag is string => Boolean(tag)))],
			lang: readXmlAttribute(entry, 'xml:lang') ?? feedLang,
			url: readAtomLink(fields.link),
			body: story.markdown === '' ? '' : `${story.markdown}\n`,
		};
		if (!content && summary) leftOut.push('the entry carries a summary only (no content): the summary is the text');
		return { id: `entry-${index + 1}`, read: { ok: true, shape, draft, leftOut } };
	});
	return { ok: true, shape, items };
}

/** An Atom text construct as plain text: `type="html"` and `type="xhtml"` are read as HTML. */
function readAtomText(value: ReturnType<typeof readXmlChildren>[string]): string | undefined {
	return readPlainText(readAtomHtml(value));
}

/**
 * An Atom text construct as HTML, from its raw inner text: `text` is escaped, `html` decoded once, `xhtml` is its
 * markup as written.
 */
function readAtomHtml(value: ReturnType<typeof readXmlChildren>[string]): string | undefined {
	const node = readXmlList(value)[0];
	const raw = readXmlText(node);
	if (raw === undefined) return undefined;
	const type = readXmlAttribute(node, 'type') ?? 'text';
	if (type === 'xhtml') return raw;
	if (type === 'html') return decodeRawXml(raw);
	if (type === 'text') return `<p>${decodeRawXml(raw).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n[ \t]*\n/g, '</p><p>')}</p>`;
	return undefined;
}

function readAtomPeople(value: ReturnType<typeof readXmlChildren>[string]): string[] {
	return readXmlList(value).flatMap((person) => splitNames(readXmlText(readXmlChildren(person).name) ?? ''));
}

function readAtomLink(value: ReturnType<typeof readXmlChildren>[string]): string | undefined {
	const links = readXmlList(value);
	const alternate = links.find((link) => (readXmlAttribute(link, 'rel') ?? 'alternate') === 'alternate');
	return readXmlAttribute(alternate, 'href');
}
