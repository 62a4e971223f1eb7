import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Lists the files named by the inputs: files as given, folders recursively in name order. Hidden files and
 * folders (`.git`, `.DS_Store`) are not articles and are passed over.
 */
export function expandInputs(inputs: readonly string[], root: string): { files: string[]; missing: string[] } {
	const files: string[] = [];
	const missing: string[] = [];
	const seen = new Set<string>();
	const add = (file: string) => {
		if (!seen.has(file)) files.push(file);
		seen.add(file);
	};
	for (const input of inputs) {
		const absolute = path.resolve(root, input);
		let stats;
		try {
			stats = statSync(absolute);
		} catch {
			missing.push(input);
			continue;
		}
		if (!stats.isDirectory()) {
			add(absolute);
			continue;
		}
		const found: string[] = [];
		for (const entry of readdirSync(absolute, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile()) continue;
			const full = path.join(entry.parentPath, entry.name);
			if (path.relative(absolute, full).split(path.sep).some((part) => part.startsWith('.'))) continue;
			found.push(full);
		}
		found.sort();
		found.forEach(add);
	}
	return { files, missing };
}

/** A path as the report shows it: relative to the project root when it is inside it, with `/` separators. */
export function toDisplayPath(file: string, root: string): string {
	const relative = path.relative(root, file);
	return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
