import { countNoun } from '../../model/count-noun.ts';
import { splitNames } from './bylines.ts';
import { normaliseDate } from './dates.ts';
import type { ArticleDraft } from './draft.ts';
import { readPlainText } from './html-markdown.ts';
import type { PhotoPlacer } from './images.ts';
import type { RawTextContext } from './raw-text.ts';
import {
	parseXml,
	readHtmlStory,
	readXmlAttribute,
	readXmlChildren,
	readXmlList,
	readXmlText,
	type ExportItem,
	type ExportReadResult,
	type XmlNode,
} from './xml-export.ts';

/** Why an item of another type is not imported; any type not named here is "a WordPress "x", not a post". */
const SKIPPED_TYPES: Record<string, string> = {
	page: 'a page (About, Contact…), not a post',
	attachment: 'an attachment (the record of a media file), not a post',
	nav_menu_item: 'a navigation menu item, not a post',
	revision: 'a revision of another post, not a post',
	wp_block: 'a reusable block, not a post',
	wp_navigation: 'a navigation menu, not a post',
	wp_template: 'a theme template, not a post',
	wp_template_part: 'a theme template part, not a post',
	wp_global_styles: 'theme styles, not a post',
	custom_css: 'the theme’s custom CSS, not a post',
	customize_changeset: 'a Customizer change set, not a post',
	oembed_cache: 'an embed cache entry, not a post',
	user_request: 'a personal-data request, not a post',
};

/** Why an item of a given status is not imported. */
const SKIPPED_STATUSES: Record<string, string> = {
	trash: 'in WordPress’s trash',
	'auto-draft': 'an automatic draft WordPress saved while editing, never written',
	inherit: 'a record that belongs to another post',
};

/** Statuses of posts that were never public: imported as drafts, so they are kept but not published. */
const DRAFT_STATUSES = new Set(['draft', 'pending', 'future', 'private']);

/** True when XML text is a WordPress export (WXR): an RSS document carrying WordPress's export namespace. */
export function isWordPressExport(text: string): boolean {
	const head = text.slice(0, 8192);
	return /<rss[\s>]/.test(head) && (/xmlns:wp="https?:\/\/wordpress\.org\/export\//.test(head) || /<wp:wxr_version>/.test(head));
}

/**
 * Reads a WordPress export (WXR, Tools → Export): posts only, every other item (pages, attachments, menu items,
 * revisions, trashed posts) passed over with its reason. Authors' logins become their display names, the first
 * category the section and further categories and tags the topics, the publish date keeps the site's zone
 * (`wp:post_date` against `wp:post_date_gmt`), a draft, pending, scheduled or private post becomes `draft: true`,
 * and the HTML text becomes Markdown through the rehype → remark path of saved web pages. With `photosFor`
 * (one placer per post, see `createUploadsPlacer`), a post's images and its featured image (`_thumbnail_id` →
 * the attachment's `wp:attachment_url`, alt text and caption) point at local copies of the site's uploads, and
 * those not found are left out and reported; without, images keep their addresses.
 */
export function readWordPressExport(text: string, context: RawTextContext, photosFor?: () => PhotoPlacer): ExportReadResult {
	const shape = 'wordpress-export';
	const parsed = parseXml(text);
	if (!parsed.ok) return { ok: false, shape, reason: parsed.reason };
	const channel = readXmlChildren(readXmlList(readXmlChildren(readXmlList(parsed.document.rss)[0]).channel)[0]);
	if (Object.keys(channel).length === 0) return { ok: false, shape, reason: 'the export has no <rss><channel>: it is not a WordPress export (WXR) file' };

	const authors = new Map<string, string>();
	for (const author of readXmlList(channel['wp:author'])) {
		const fields = readXmlChildren(author);
		const login = readXmlText(fields['wp:author_login']);
		const name = readXmlText(fields['wp:author_display_name']) ?? [readXmlText(fields['wp:author_first_name']), readXmlText(fields['wp:author_last_name'])].filter(Boolean).join(' ');
		if (login && name) authors.set(login, name);
	}
	const site = {
		source: readPlainText(readXmlText(channel.title)) ?? context.source,
		lang: readXmlText(channel.language),
	};
	const attachments = new Map<string, Attachment>();
	for (const item of readXmlList(channel.item)) {
		const fields = readXmlChildren(item);
		const id = readXmlText(fields['wp:post_id']);
		const url = readXmlText(fields['wp:attachment_url']);
		if (readXmlText(fields['wp:post_type']) !== 'attachment' || !id || !url) continue;
		const alt = readPlainText(readPostMeta(fields, '_wp_attachment_image_alt'));
		const caption = readPlainText(readXmlText(fields['excerpt:encoded']));
		attachments.set(id, { url, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) });
	}
	const items = readXmlList(channel.item).map((item, index) => readPost(item, index, site, authors, context, attachments, photosFor?.()));
	return { ok: true, shape, items };
}

/** A media-library item: the address of its file, its alt text and its caption. */
interface Attachment {
	url: string;
	alt?: string;
	caption?: string;
}

/** The value of one of a post's custom fields (`wp:postmeta`). */
function readPostMeta(fields: Record<string, ReturnType<typeof readXmlChildren>[string]>, key: string): string | undefined {
	const meta = readXmlList(fields['wp:postmeta']).find((entry) => readXmlText(readXmlChildren(entry)['wp:meta_key']) === key);
	return meta ? readXmlText(readXmlChildren(meta)['wp:meta_value']) : undefined;
}

function readPost(
	item: XmlNode,
	index: number,
	site: { source?: string | undefined; lang?: string | undefined },
	authors: Map<string, string>,
	context: RawTextContext,
	attachments: Map<string, Attachment>,
	photos: PhotoPlacer | undefined,
): ExportItem {
	const shape = 'wordpress-export';
	const fields = readXmlChildren(item);
	const postId = readXmlText(fields['wp:post_id']);
	const id = postId ? `post-${postId}` : `item-${index + 1}`;
	const type = readXmlText(fields['wp:post_type']) ?? 'post';
	if (type !== 'post') return { id, shape, skipped: SKIPPED_TYPES[type] ?? `a WordPress "${type}", not a post` };
	const status = readXmlText(fields['wp:status']) ?? 'publish';
	if (SKIPPED_STATUSES[status]) return { id, shape, skipped: SKIPPED_STATUSES[status] };
	if (readXmlText(fields['wp:post_password'])) return { id, shape, skipped: 'password-protected in WordPress: its text was never public, so it is not published here' };

	const leftOut: string[] = [];
	const categories = readXmlList(fields.category).map((category) => ({
		domain: readXmlAttribute(category, 'domain') ?? 'category',
		slug: readXmlAttribute(category, 'nicename'),
		name: readPlainText(readXmlText(category)),
	}));
	const sections = categories.filter((category) => category.domain === 'category' && category.name);
	const meaningful = sections.filter((category) => category.slug !== 'uncategorized');
	if (meaningful.length < sections.length) leftOut.push('category "Uncategorized" (WordPress’s default, not a section)');
	const tags = [...meaningful.slice(1), ...categories.filter((category) => category.domain === 'post_tag')].map((category) => category.name!).filter(Boolean);
	for (const other of categories.filter((category) => category.domain !== 'category' && category.domain !== 'post_tag')) leftOut.push(`${other.domain} "${other.name ?? ''}"`);

	const logins = readXmlList(fields['dc:creator']).map((creator) => readXmlText(creator)).filter((login): login is string => login !== undefined);
	const bylines = logins.flatMap((login) => (authors.has(login) ? [authors.get(login)!] : splitNames(login)));

	const featured = photos ? placeFeaturedImage(readPostMeta(fields, '_thumbnail_id'), attachments, photos, leftOut) : undefined;
	const story = readHtmlStory(readXmlText(fields['content:encoded']) ?? '', photos, featured?.src);
	const image = featured ? { ...featured, ...(!featured.caption && story.leadCaption && story.leadCaption !== featured.alt ? { caption: story.leadCaption } : {}) } : undefined;
	const comments = readXmlList(fields['wp:comment']).length;
	if (comments > 0) leftOut.push(countNoun(comments, 'comment'));
	for (const meta of readXmlList(fields['wp:postmeta'])) {
		const key = readXmlText(readXmlChildren(meta)['wp:meta_key']);
		if (key === '_thumbnail_id') {
			if (!photos) leftOut.push(`featured image (attachment ${readXmlText(readXmlChildren(meta)['wp:meta_value']) ?? '?'})`);
		} else if (key && !key.startsWith('_')) leftOut.push(`custom field "${key}"`);
	}
	if (DRAFT_STATUSES.has(status) && status !== 'draft') leftOut.push(`status "${status}" (imported as a draft)`);

	const draft: ArticleDraft = {
		title: readPlainText(readXmlText(fields.title)),
		date: readPublishDate(fields, context.timeZone),
		updated: readWordPressDate(readXmlText(fields['wp:post_modified']), readXmlText(fields['wp:post_modified_gmt']), context.timeZone),
		bylines: [...new Set(bylines)],
		source: site.source,
		dateline: story.dateline,
		summary: readPlainText(readXmlText(fields['excerpt:encoded'])),
		section: meaningful[0]?.name,
		tags: [...new Set(tags)],
		lang: site.lang,
		url: readXmlText(fields.link),
		...(image ? { image } : {}),
		...(DRAFT_STATUSES.has(status) ? { draft: true } : {}),
		body: story.markdown === '' ? '' : `${story.markdown}\n`,
	};
	if (draft.updated === draft.date) delete draft.updated;
	return { id, read: { ok: true, shape, draft, leftOut }, ...(photos ? { photos } : {}) };
}

/**
 * The post's featured image as its lead photo: the attachment `_thumbnail_id` names, placed like the images of
 * the text. Left out, and noted, when the export lacks the attachment, the file is not found, or WordPress
 * gives it no alt text (which the archive requires).
 */
function placeFeaturedImage(thumbnail: string | undefined, attachments: Map<string, Attachment>, photos: PhotoPlacer, leftOut: string[]): ArticleDraft['image'] {
	if (!thumbnail) return undefined;
	const attachment = attachments.get(thumbnail);
	if (!attachment) {
		leftOut.push(`featured image (attachment ${thumbnail}): the export holds no attachment ${thumbnail}`);
		return undefined;
	}
	if (!attachment.alt) {
		leftOut.push(`featured image "${attachment.url}": WordPress gives it no alt text, which the archive requires; add image.alt by hand to show it`);
		return undefined;
	}
	const placed = photos.place(attachment.url, attachment.alt);
	if ('dropped' in placed) return undefined;
	const src = 'ref' in placed ? placed.ref : placed.remote;
	return { src, alt: attachment.alt, ...(attachment.caption && attachment.caption !== attachment.alt ? { caption: attachment.caption } : {}) };
}

/** The publish date with the site's offset at the time, from the local and the GMT time WordPress stores. */
function readPublishDate(fields: Record<string, ReturnType<typeof readXmlChildren>[string]>, timeZone: string): string | undefined {
	return (
		readWordPressDate(readXmlText(fields['wp:post_date']), readXmlText(fields['wp:post_date_gmt']), timeZone) ??
		normaliseDate(readXmlText(fields.pubDate), timeZone)
	);
}

/**
 * `2024-01-02 05:00:00` local with `2024-01-02 10:00:00` GMT → `2024-01-02T05:00:00-05:00`. A draft has no GMT
 * time (`0000-00-00 00:00:00`): its local time is read in the archive's zone.
 * @example readWordPressDate('2024-01-02 05:00:00', '2024-01-02 10:00:00', 'UTC') // '2024-01-02T05:00:00-05:00'
 */
export function readWordPressDate(local: string | undefined, gmt: string | undefined, timeZone: string): string | undefined {
	if (!local || local.startsWith('0000')) return undefined;
	const wall = normaliseDate(local, timeZone);
	if (!wall || !gmt || gmt.startsWith('0000')) return wall;
	const asUtc = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
	const minutes = Math.round((asUtc(local) - asUtc(gmt)) / 60_000);
	if (!Number.isFinite(minutes) || Math.abs(minutes) > 14 * 60) return wall;
	const sign = minutes < 0 ? '-' : '+';
	const offset = `${sign}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
	return normaliseDate(`${local.replace(' ', 'T')}${offset}`, timeZone);
}
