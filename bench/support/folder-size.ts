import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What a built folder holds: its files, how many are HTML pages, and their total size in bytes; with `since` (a
 * time in ms since the epoch), also how many HTML pages were written (modified) at or after it.
 */
export function measureFolder(folder: string, since = Number.POSITIVE_INFINITY): { files: number; html: number; bytes: number; htmlSince: number } {
	let files = 0;
	let html = 0;
	let bytes = 0;
	let htmlSince = 0;
	for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
		const stat = statSync(path.join(folder, name));
		if (!stat.isFile()) continue;
		files++;
		bytes += stat.size;
		if (!name.endsWith('.html')) continue;
		html++;
		if (stat.mtimeMs >= since) htmlSince++;
	}
	return { files, html, bytes, htmlSince };
}
