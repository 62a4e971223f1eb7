import { parseBylineCredit } from './bylines.ts';
import { getDatelineField, parseDateline } from './dateline.ts';
import { findDateInPath, normaliseDate } from './dates.ts';
import type { ArticleDraft, ReadResult } from './draft.ts';
import { inferHeadlines } from './headline.ts';
import { paragraphsToMarkdown, splitParagraphs } from './markdown-text.ts';

/** What the raw-text readers need to know beyond the text itself. */
export interface RawTextContext {
	/** The input's path, searched for a date (`2025-07-24-story.txt`, `2025/07/24/`). */
	file: string;
	/** The archive's time zone, in which dates without an offset are read. */
	timeZone: string;
	/** The source given with `--source`, used when the text names none. */
	source?: string | undefined;
	/** `--date YYYY-MM-DD`: the day of a batch that is one day's edition, for inputs whose text and path name none. */
	editionDate?: string | undefined;
	/** `--names FILE`: author ids (as another generator's posts name them) → the names to print in bylines. */
	names?: Readonly<Record<string, string>> | undefined;
	/**
	 * `--permalink TEMPLATE`: where another generator's posts were published, `https://site/:year/:month/:day/:slug/`;
	 * gives each post its `url` and resolves its root-relative links against the site.
	 */
	permalink?: string | undefined;
	/**
	 * `--link-media`: with `permalink`, a post's images and embedded players become links to them on its old site
	 * (`[Image: alt](https://site/a.png)`), for an archive that works offline and has not the image files.
	 */
	linkMedia?: boolean | undefined;
	/** Wires and publishers, beyond the known ones, whose name alone as a credit is the source (`--wire NAME`). */
	wires?: readonly string[] | undefined;
	/** True when the body after the headline is Markdown already (a `.md` file without front-matter). */
	markdownBody?: boolean | undefined;
}

/** ` date 2025-07-24 By Jennifer Hansler, Kylie Atwood, CNN` — the first line of the wire shape. */
export const WIRE_HEADER = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?[ \t]*$/i;

/** A paragraph short enough, and unpunctuated enough, to be a headline rather than a sentence of the story. */
const MAX_TITLE_LINE = 200;

/**
 * Reads raw wire text: a header line (` date YYYY-MM-DD By A, B, SOURCE`), a blank line, then paragraphs.
 * Bylines and source come from the header, the dateline from the lede (`NEW YORK, March 26 -`), and the
 * headline is the file's own when its first paragraph is one, otherwise written from the lede. The body keeps
 * every paragraph as written, the lede's dateline included, escaped so that it stays literal text.
 */
export function readWireText(text: string, context: RawTextContext): ReadResult {
	const [header = '', ...rest] = text.replace(/^\s*\n/, '').split('\n');
	const match = WIRE_HEADER.exec(header);
	if (!match) return { ok: false, shape: 'wire-text', reason: 'the first line is not a header like " date 2025-07-24 By Jane Doe, CNN"' };
	const date = normaliseDate(match[1], context.timeZone);
	if (!date) return { ok: false, shape: 'wire-text', reason: `the header's date "${match[1]}" is not a real day` };
	const credit = match[2] ?? '';
	const { bylines, source } = /^by\b/i.test(credit) || credit.includes(',')
		? parseBylineCredit(credit, context.source, context.wires)
		: { bylines: [], source: credit.trim() || undefined };

	const paragraphs = splitParagraphs(rest.join('\n'));
	const title = takeTitleLine(paragraphs);
	if (paragraphs.length === 0) return { ok: false, shape: 'wire-text', reason: 'the file has a header but no story text' };
	const lede = parseDateline(paragraphs[0]!);
	const [inferred, ...alternativeTitles] = title ? [title] : inferHeadlines(lede.rest);
	const draft: ArticleDraft = {
		title: inferred,
		...(title ? {} : { alternativeTitles }),
		date,
		bylines,
		source: source ?? lede.credit ?? context.source,
		dateline: getDatelineField(lede),
		tags: [],
		body: paragraphsToMarkdown(paragraphs),
	};
	return { ok: true, shape: 'wire-text', draft };
}

/**
 * Reads headline-first text: the headline on the first line, then optional byline and date lines
 * (`By Jane Doe, CNN`, `July 24, 2025`, or both on one line split by `|`), then the story. The date comes
 * from those lines or from the file's path; the source from the byline, the lede's credit or `--source`.
 */
export function readHeadlineFirst(text: string, context: RawTextContext): ReadResult {
	const blocks = text.trim().split(/\n[ \t]*\n+/);
	const headline = blocks[0]!.trim().replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, '');
	if (blocks.length < 2 || !isTitleLine(headline)) {
		return { ok: false, shape: 'headline-first', reason: 'the text has no headline line followed by a blank line and the story' };
	}
	let date: string | undefined;
	let bylines: string[] = [];
	let source: string | undefined;
	let index = 1;
	for (; index < blocks.length - 1; index++) {
		const line = blocks[index]!.trim();
		if (line.includes('\n') || line.length > 160) break;
		const parts = line.split(/\s+[|·•]\s+|\s+[—–]\s+(?=\S+\s+\d)/);
		const found = parts.map((part) => readMetaLine(part, context));
		if (found.some((item) => item === undefined)) break;
		for (const item of found) {
			if (item!.date) date ??= item!.date;
			if (item!.bylines) {
				bylines = item!.bylines;
				source = item!.source ?? source;
			}
		}
	}
	const story = blocks.slice(index).join('\n\n');
	const paragraphs = splitParagraphs(story);
	if (paragraphs.length === 0) return { ok: false, shape: 'headline-first', reason: 'the file has a headline but no story text' };
	const lede = parseDateline(paragraphs[0]!);
	const draft: ArticleDraft = {
		title: headline.replace(/\s+/g, ' '),
		date: date ?? findDateInPath(context.file) ?? context.editionDate,
		bylines,
		source: source ?? lede.credit ?? context.source,
		dateline: getDatelineField(lede),
		tags: [],
		body: context.markdownBody ? `${story.trim()}\n` : paragraphsToMarkdown(paragraphs),
	};
	return { ok: true, shape: 'headline-first', draft };
}

/** True when a block is one short line without a sentence's closing period: a headline. */
export function isTitleLine(block: string): boolean {
	const line = block.trim();
	return line !== '' && !line.includes('\n') && line.length <= MAX_TITLE_LINE && !/[.,;:]["”’)]*$/.test(line);
}

/** Removes and returns the first paragraph when it is a headline standing above the story. */
function takeTitleLine(paragraphs: string[]): string | undefined {
	if (paragraphs.length < 2 || !isTitleLine(paragraphs[0]!) || paragraphs[0]!.length > 150) return undefined;
	if (parseDateline(paragraphs[0]!).rest !== paragraphs[0]) return undefined;
	return paragraphs.shift();
}

function readMetaLine(part: string, context: RawTextContext): { date?: string; bylines?: string[]; source?: string } | undefined {
	const line = part.trim().replace(/^(published|posted|updated|date)[:\s]+/i, '');
	if (/^by\b/i.test(line)) {
		const credit = parseBylineCredit(line, context.source, context.wires);
		return credit.source === undefined ? { bylines: credit.bylines } : { bylines: credit.bylines, source: credit.source };
	}
	const date = normaliseDate(line, context.timeZone);
	return date ? { date } : undefined;
}
