import type { InputShape } from './draft.ts';
import { detectFeed } from './feeds.ts';
import { hasFrontMatter } from './generator-markdown.ts';
import { isTitleLine, WIRE_HEADER } from './raw-text.ts';
import { looksLikeHtml } from './web-page.ts';
import { isWordPressExport } from './wordpress-export.ts';

/** File name endings the import tool reads; anything else is refused with its reason. */
export const IMPORTABLE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xml', '.rss', '.atom'];

/** The shape of an input, or why it has none the import tool knows. */
export type Detection = { ok: true; shape: InputShape; markdownBody: boolean } | { ok: false; reason: string };

/**
 * Tells which shape an input has from its name and text: a WordPress export or an RSS/Atom feed (XML), a
 * saved web page, Markdown with front-matter,
 * raw wire text (` date YYYY-MM-DD …` header), or headline-first text (a `.md` file without front-matter is
 * headline-first with a Markdown body).
 * @example detectShape('story.txt', ' date 2025-07-24 By Jane Doe, CNN\n\nText.') // { ok: true, shape: 'wire-text', markdownBody: false }
 */
export function detectShape(file: string, text: string): Detection {
	const extension = /\.[^./\\]+$/.exec(file)?.[0].toLowerCase() ?? '';
	if (extension === '.mdx') return { ok: false, reason: 'MDX can run code and is never imported; save the post as .md' };
	if (!IMPORTABLE_EXTENSIONS.includes(extension)) {
		return { ok: false, reason: `"${extension || 'no extension'}" is not a format the import reads (${IMPORTABLE_EXTENSIONS.join(', ')})` };
	}
	const xmlFile = ['.xml', '.rss', '.atom'].includes(extension);
	if (xmlFile || /^\s*<\?xml\b/.test(text)) {
		if (isWordPressExport(text)) return { ok: true, shape: 'wordpress-export', markdownBody: false };
		const feed = detectFeed(text);
		if (feed) return { ok: true, shape: feed, markdownBody: false };
		if (xmlFile) return { ok: false, reason: 'an XML file that is neither a WordPress export (WXR) nor an RSS 2.0 or Atom feed' };
	}
	if (extension === '.html' || extension === '.htm' || looksLikeHtml(text)) return { ok: true, shape: 'web-page', markdownBody: false };
	if (hasFrontMatter(text)) return { ok: true, shape: 'generator-markdown', markdownBody: true };
	const firstLine = text.replace(/^\s*\n/, '').split('\n', 1)[0] ?? '';
	if (WIRE_HEADER.test(firstLine)) return { ok: true, shape: 'wire-text', markdownBody: false };
	const markdownBody = extension === '.md' || extension === '.markdown';
	if (isTitleLine(text.trim().split(/\n[ \t]*\n/, 1)[0]!.replace(/^#{1,6}\s+/, ''))) return { ok: true, shape: 'headline-first', markdownBody };
	return {
		ok: false,
		reason: 'the text has no shape the import knows: no front-matter, no " date YYYY-MM-DD" header, no headline line above the story',
	};
}
