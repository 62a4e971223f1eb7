import { readFileSync } from 'node:fs';
import { createArticleFile, type ArticleFile } from './article-file.ts';
import { detectShape } from './detect.ts';
import type { ArticleDraft, InputShape, ReadResult } from './draft.ts';
import { decodeText, type TextEncodingName } from './encoding.ts';
import { readGeneratorMarkdown } from './generator-markdown.ts';
import { readHeadlineFirst, readWireText, type RawTextContext } from './raw-text.ts';
import { createPhotoPlacer, type PhotoCopy, type PhotoPlacer } from './images.ts';
import { readWebPage } from './web-page.ts';

/** Settings every input of one import shares; plain data, so worker threads can receive them. */
export interface PrepareSettings {
	timeZone: string;
	source?: string | undefined;
	/** Sources already in the archive, whose spelling a differently spelt source joins. */
	knownSources: string[];
	/** `--keep-remote-images`: link a page's photos that weren't saved with it, instead of leaving them out. */
	keepRemoteImages?: boolean | undefined;
}

/** One input read as far as it can be without looking at the archive: an article file to write, or the reason not to. */
export type PreparedInput =
	| { ok: true; input: string; shape: InputShape; encoding: TextEncodingName; draft: ArticleDraft; article: ArticleFile; leftOut: string[]; photos?: PhotoCopy[] }
	| { ok: false; input: string; shape?: InputShape; encoding?: TextEncodingName; reason: string };

/**
 * Reads one input file into the exact article file it would become: bytes → text (encoding detected) → shape
 * detected → fields read → front-matter written and checked with `parseArticle`. Touches nothing but the input,
 * so it runs in worker threads; whether the article is new, present or in the way of another is decided later.
 */
export function prepareInput(file: string, input: string, settings: PrepareSettings): PreparedInput {
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		return { ok: false, input, reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
	}
	const decoded = decodeText(bytes);
	if (!decoded.ok) return { ok: false, input, reason: decoded.reason };
	const { text, encoding } = decoded;

	const detected = detectShape(file, text);
	if (!detected.ok) return { ok: false, input, encoding, reason: detected.reason };
	const shape = detected.shape;
	const context: RawTextContext = { file: input, timeZone: settings.timeZone, source: settings.source, markdownBody: detected.markdownBody };
	const photos = shape === 'web-page' ? createPhotoPlacer(file, Boolean(settings.keepRemoteImages)) : undefined;
	const read = readShape(shape, text, context, photos);
	if (!read.ok) return { ok: false, input, shape, encoding, reason: read.reason };

	const built = createArticleFile(read.draft, settings);
	if (!built.ok) return { ok: false, input, shape, encoding, reason: built.reason };
	const leftOut = [...(read.leftOut ?? []), ...built.file.dropped, ...(photos?.leftOut ?? [])];
	return { ok: true, input, shape, encoding, draft: read.draft, article: built.file, leftOut, ...(photos?.copies.length ? { photos: photos.copies } : {}) };
}

function readShape(shape: InputShape, text: string, context: RawTextContext, photos: PhotoPlacer | undefined): ReadResult & { leftOut?: string[] } {
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
