/**
 * Each story's plain text, kept beside Astro's content store rather than in it. Only the search index reads
 * the text, but everything in the store is serialised on every change and loaded by every page-rendering
 * module graph: at 10,000 stories the text was 40 % of a 27 MB store. The file holds one JSON line per
 * story, `{"digest":…,"text":…}`, keyed by the story's digest, and is replaced in one step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { replaceFile } from '../model/replace-file.ts';
import path from 'node:path';

/** Where the loader keeps the texts: `<cacheDir>/clippings-article-texts.jsonl`. */
export function getTextCacheFile(cacheDir: string): string {
	return path.join(cacheDir, 'clippings-article-texts.jsonl');
}

/**
 * The texts of the last sync by digest. A missing file gives none, and a line that does not parse is left
 * out, so the story it belonged to is rendered again: a damaged cache is rebuilt, never trusted.
 */
export function readTextCache(file: string): Map<string, string> {
	const texts = new Map<string, string>();
	if (!existsSync(file)) return texts;
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		if (!line) continue;
		try {
			const { digest, text } = JSON.parse(line) as { digest?: unknown; text?: unknown };
			if (typeof digest === 'string' && typeof text === 'string') texts.set(digest, text);
		} catch {
			// A torn or edited line: that story is rendered again.
		}
	}
	return texts;
}

/** Replaces the cache with these texts, written to a temporary file first so a killed build leaves the old one whole. */
export function writeTextCache(file: string, texts: ReadonlyMap<string, string>): void {
	const lines: string[] = [];
	for (const [digest, text] of texts) lines.push(JSON.stringify({ digest, text }));
	replaceFile(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
}
