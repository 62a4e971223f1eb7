import { readFileSync } from 'node:fs';
import { createArticleFile, type ArticleFile } from './article-file.ts';
import { detectShape } from './detect.ts';
import type { ArticleDraft, InputShape, ReadResult } from './draft.ts';
import { decodeText, type TextEncodingName } from './encoding.ts';
import { readGeneratorMarkdown } from './generator-markdown.ts';
import { readHeadlineFirst, readWireText, type RawTextContext } from './raw-text.ts';
import { createPhotoPlacer, createUploadsPlacer, type PhotoCopy, type PhotoPlacer } from './images.ts';
import { readWebPage } from './web-page.ts';
import { readWordPressExport } from './wordpress-export.ts';
import { readAtomFeed, readRssFeed } from './feeds.ts';

/** Settings every input of one import shares; plain data, so worker threads can receive them. */
export interface PrepareSettings {
	timeZone: string;
	source?: string | undefined;
	/** `--date YYYY-MM-DD`: the day of inputs whose text and path name none. */
	editionDate?: string | undefined;
	/** `--names FILE`: author ids → names. */
	names?: Record<string, string> | undefined;
	/** `--permalink TEMPLATE`: where another generator's posts were published. */
	permalink?: string | undefined;
	/** `--link-media`: images and players become links to them on the old site. */
	linkMedia?: boolean | undefined;
	/** `--wire NAME`: wires and publishers, beyond the known ones, whose name alone as a credit is the source. */
	wires?: string[] | undefined;
	/** Sources already in the archive, whose spelling a differently spelt source joins. */
	knownSources: string[];
	/** `--keep-remote-images`: link a page's photos that weren't saved with it, instead of leaving them out. */
	keepRemoteImages?: boolean | undefined;
}

/**
 * One input — or one item of an export or feed — read as far as it can be without looking at the archive: an
 * article file to write, the reason not to, or (an export's pages, attachments, menu items…) why it is passed over.
 */
export type PreparedInput =
	| { ok: true; input: string; shape: InputShape; encoding: TextEncodingName; draft: ArticleDraft; article: ArticleFile; leftOut: string[]; photos?: PhotoCopy[] }
	| { ok: false; input: string; shape?: InputShape; encoding?: TextEncodingName; reason: string; skipped?: true };

/**
 * Reads one input file into the exact article files it would become: bytes → text (encoding detected) → shape
 * detected → fields read → front-matter written and checked with `parseArticle`. A file is one article, except
 * a WordPress export or a feed, which gives one per item (named `export.xml#post-12`, `feed.xml#item-3`).
 * Touches nothing but the input, so it runs in worker threads; whether an article is new, present or in the way
 * of another is decided later.
 */
export function prepareInput(file: string, input: string, settings: PrepareSettings): PreparedInput[] {
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		return [{ ok: false, input, reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }];
	}
	const decoded = decodeText(bytes);
	if (!decoded.ok) return [{ ok: false, input, reason: decoded.reason }];
	const { text, encoding } = decoded;

	const detected = detectShape(file, text);
	if (!detected.ok) return [{ ok: false, input, encoding, reason: detected.reason }];
	const shape = detected.shape;
	const context: RawTextContext = { file: input, timeZone: settings.timeZone, source: settings.source, editionDate: settings.editionDate, names: settings.names, permalink: settings.permalink, linkMedia: settings.linkMedia, wires: settings.wires, markdownBody: detected.markdownBody };
	if (shape === 'wordpress-export' || shape === 'rss-feed' || shape === 'atom-feed') {
		const read = shape === 'wordpress-export' ? readWordPressExport(text, context, () => createUploadsPlacer(file, Boolean(settings.keepRemoteImages))) : shape === 'rss-feed' ? readRssFeed(text, context) : readAtomFeed(text, context);
		if (!read.ok) return [{ ok: false, input, shape, encoding, reason: read.reason }];
		if (read.items.length === 0) return [{ ok: false, input, shape, encoding, reason: 'the file holds no items' }];
		return read.items.map((item) => {
			const name = `${input}#${item.id}`;
			if ('skipped' in item) return { ok: false, input: name, shape, encoding, reason: item.skipped, skipped: true };
			return buildArticle(item.read, name, shape, encoding, settings, 'photos' in item ? item.photos : undefined);
		});
	}
	const photos = shape === 'web-page' ? createPhotoPlacer(file, Boolean(settings.keepRemoteImages)) : undefined;
	return [buildArticle(readShape(shape, text, context, photos), input, shape, encoding, settings, photos)];
}

function buildArticle(
	read: ReadResult & { leftOut?: string[] },
	input: string,
	shape: InputShape,
	encoding: TextEncodingName,
	settings: PrepareSettings,
	photos: PhotoPlacer | undefined,
): PreparedInput {
	if (!read.ok) return { ok: false, input, shape, encoding, reason: read.reason };
	const built = createArticleFile(read.draft, settings);
	if (!built.ok) return { ok: false, input, shape, encoding, reason: built.reason };
	const leftOut = [...(read.leftOut ?? []), ...built.file.dropped, ...(photos?.leftOut ?? [])];
	return { ok: true, input, shape, encoding, draft: read.draft, article: built.file, leftOut, ...(photos?.copies.length ? { photos: photos.copies } : {}) };
}

function readShape(shape: Exclude<InputShape, 'wordpress-export' | 'rss-feed' | 'atom-feed'>, text: string, context: RawTextContext, photos: PhotoPlacer | undefined): ReadResult & { leftOut?: string[] } {
	switch (shape) {
		case 'wire-text':
			return readWireText(text, context);
		case 'headline-first':
			return readHeadlineFirst(text, context);
		case 'generator-markdown':
			return readGeneratorMarkdown(text, context);
		case 'web-page':
			return readWebPage(text, context, photos);
	}
}
