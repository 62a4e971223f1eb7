import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces `file` with `text` in one step: written beside it first (`file.partial`) and moved over it, so a
 * build killed while writing leaves the old file whole. What the build keeps between builds is written this way.
 * @example replaceFile('.cache/clippings-file-stamps.json', JSON.stringify(stamps))
 */
export function replaceFile(file: string, text: string): void {
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(`${file}.partial`, text);
	renameSync(`${file}.partial`, file);
}
