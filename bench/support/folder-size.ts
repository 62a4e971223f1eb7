import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a built folder holds: its files, how many are HTML pages, and their total size in bytes. */
export function measureFolder(folder: string): { files: number; html: number; bytes: number } {
	let files = 0;
	let html = 0;
	let bytes = 0;
	for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
		const stat = statSync(path.join(folder, name));
		if (!stat.isFile()) continue;
		files++;
		bytes += stat.size;
		if (name.endsWith('.html')) html++;
	}
	return { files, html, bytes };
}
