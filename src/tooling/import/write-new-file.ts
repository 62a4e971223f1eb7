import { existsSync, linkSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The first of `name.md`, `name-2.md`, `name-3.md`… that no file holds yet. */
export function chooseFileName(target: string, taken: ReadonlySet<string>): string {
	const free = (name: string) => !taken.has(name) && !existsSync(name);
	if (free(target)) return target;
	const stem = target.replace(/\.md$/, '');
	for (let suffix = 2; ; suffix++) {
		const candidate = `${stem}-${suffix}.md`;
		if (free(candidate)) return candidate;
	}
}

/**
 * Writes a new file atomically without ever replacing one: the text goes to a hidden temporary file in the
 * same folder (the loader skips names starting with "."), which is then linked into place — a link fails
 * if the name was taken meanwhile — and removed.
 */
export function writeNewFile(target: string, text: string, folders?: Set<string>): void {
	const folder = path.dirname(target);
	if (!folders?.has(folder)) {
		mkdirSync(folder, { recursive: true });
		folders?.add(folder);
	}
	const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
	writeFileSync(temporary, text, { flag: 'wx' });
	try {
		linkSync(temporary, target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM' && (error as NodeJS.ErrnoException).code !== 'ENOTSUP') {
			unlinkSync(temporary);
			throw error;
		}
		// File systems without hard links: rename, after checking that the name is still free.
		if (existsSync(target)) {
			unlinkSync(temporary);
			throw new Error(`${target} appeared while importing`);
		}
		renameSync(temporary, target);
		return;
	}
	unlinkSync(temporary);
}
