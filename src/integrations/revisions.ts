/**
 * The offline manifest's revisions (a hash of each built file's bytes), kept between builds so that a rebuild
 * reads and hashes only the files it changed: at 100,000 stories, 1.9 GB in 221,000 files, which took most of the
 * 13 s the offline step added to every build.
 *
 * A revision is reused only when its file is known to hold the same bytes, in one of two ways:
 * - a page Astro keeps in its incremental cache, under the same route code (dependency hash) and cache key as
 *   when the revision was taken: the same key is the same bytes, which is what Astro's incremental build relies on
 *   when it copies the page instead of rendering it;
 * - any other file (the search index, scripts, styles), while its size, modification time and inode are those it
 *   had: a reused search index is linked from the last build, not copied, so its files keep all three.
 * Anything else, and everything when the kept revisions are missing or unreadable, is hashed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, type Stats } from 'node:fs';
import { replaceFile } from '../model/replace-file.ts';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REVISIONS_VERSION = 2;

/** The version of Astro's incremental-build manifest (`incremental-build.json`) this reads; another gives no keys. */
const ASTRO_MANIFEST_VERSION = 1;

/** Where the revisions are kept, and Astro's incremental-build manifest of the build whose revisions are taken. */
export interface RevisionCache {
	file: string;
	astroManifest: string;
	/** Hash every file (a build that trusts no cache, `--force`), and keep the revisions for the next build. */
	fresh?: boolean;
}

/** A built file by its root-relative path (`/1987/03/26/honda/index.html`) and what `stat` says of it. */
export interface StatedFile {
	path: string;
	stat: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>;
}

/** What is kept of a built file: its key (above), its revision, and its size, time and inode when it was built. */
export interface KeptRevision {
	key: string;
	revision: string;
	size: number;
	mtimeMs: number;
	ino: number;
}

/** Revisions of a build's files: reused where the kept ones still hold (see above), hashed otherwise. */
export interface Revisions {
	/** The revision of a file of the build in `outDir`. */
	of(file: StatedFile): string;
	/** How many revisions were read and hashed rather than kept. */
	readonly hashed: number;
	/** Keeps this build's revisions for the next; the last build's are kept as the previous ones (`getPreviousRevisionsFile`). */
	save(): void;
}

/**
 * The revisions of the build in `outDir`, with the last build's from `cache` (none: every file is hashed and
 * nothing is kept).
 * @example const revisions = readRevisions('dist.next', { file: '.cache/clippings-revisions.json', astroManifest: '.cache/incremental-build.json' })
 */
export function readRevisions(outDir: string, cache: RevisionCache | undefined): Revisions {
	const kept = cache && !cache.fresh ? readKeptRevisions(cache.file) : new Map<string, KeptRevision>();
	const pageKeys = cache ? readPageKeys(outDir, cache.astroManifest) : new Map<string, string>();
	const next = new Map<string, [string, string, number, number, number]>();
	let hashed = 0;
	return {
		of(file) {
			const { size, mtimeMs, ino } = file.stat;
			const key = pageKeys.get(file.path) ?? `file ${size} ${mtimeMs} ${ino}`;
			const last = kept.get(file.path);
			let revision = last?.key === key ? last.revision : undefined;
			if (revision === undefined) {
				revision = hashFile(path.join(outDir, file.path));
				hashed++;
			}
			next.set(file.path, [key, revision, size, mtimeMs, ino]);
			return revision;
		},
		get hashed() {
			return hashed;
		},
		save() {
			if (!cache) return;
			if (existsSync(cache.file)) renameSync(cache.file, getPreviousRevisionsFile(cache.file));
			replaceFile(cache.file, JSON.stringify({ version: REVISIONS_VERSION, files: Object.fromEntries(next) }));
		},
	};
}

/** Astro's incremental-build manifest in its cache folder: each page's cache key and output file. */
export function getAstroManifestFile(cacheDir: URL): string {
	return fileURLToPath(new URL('incremental-build.json', cacheDir));
}

/** Where a build keeps its files' revisions: `<cacheDir>/clippings-revisions.json`. */
export function getRevisionsFile(cacheDir: URL): string {
	return fileURLToPath(new URL('clippings-revisions.json', cacheDir));
}

/** Where the revisions of the build before the last are kept, beside the last build's (`file`). */
export function getPreviousRevisionsFile(file: string): string {
	return file.replace(/(\.json)?$/, '.previous.json');
}

/**
 * A file's revision: the start of the SHA-256 of its bytes, which the service worker computes the same way
 * for pages it keeps as they are read (`service-worker.js`, `revisionOf`).
 */
export function hashFile(file: string): string {
	return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

/** The kept revisions by root-relative file path; none when the file is missing, unreadable or of another version. */
export function readKeptRevisions(file: string): Map<string, KeptRevision> {
	const revisions = new Map<string, KeptRevision>();
	try {
		const kept = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; files?: unknown };
		if (kept.version !== REVISIONS_VERSION || typeof kept.files !== 'object' || kept.files === null) return revisions;
		for (const [name, entry] of Object.entries(kept.files as Record<string, unknown>)) {
			if (!isEntry(entry)) continue;
			const [key, revision, size, mtimeMs, ino] = entry;
			revisions.set(name, { key, revision, size, mtimeMs, ino });
		}
	} catch {
		// None: every file is hashed.
	}
	return revisions;
}

/**
 * The key of each page in Astro's incremental-build manifest, by root-relative file path (decoded: the manifest
 * keeps them as relative URLs): its route's dependency hash, its cache key and the content hashes it was
 * rendered with. None when the manifest is missing, unreadable or of another version than the one this reads;
 * a path that would lead outside `outDir` is left out.
 */
export function readPageKeys(outDir: string, manifestFile: string): Map<string, string> {
	const keys = new Map<string, string>();
	let manifest: { version?: unknown; routes?: Record<string, { dependencyHash?: unknown; paths?: Record<string, { cacheKey?: unknown; outputFile?: unknown; contentHashes?: unknown }> }> };
	try {
		manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	} catch {
		return keys;
	}
	if (manifest.version !== ASTRO_MANIFEST_VERSION) return keys;
	const root = pathToFileURL(`${outDir}/`);
	for (const route of Object.values(manifest.routes ?? {})) {
		if (typeof route?.dependencyHash !== 'string') continue;
		for (const entry of Object.values(route.paths ?? {})) {
			if (typeof entry?.outputFile !== 'string' || typeof entry.cacheKey !== 'string') continue;
			const file = path.relative(outDir, fileURLToPath(new URL(entry.outputFile, root)));
			if (file === '' || file.startsWith('..') || path.isAbsolute(file)) continue;
			keys.set(`/${file.split(path.sep).join('/')}`, digestKey(`page\n${route.dependencyHash}\n${entry.cacheKey}\n${JSON.stringify(entry.contentHashes ?? {})}`));
		}
	}
	return keys;
}

function digestKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

function isEntry(value: unknown): value is [string, string, number, number, number] {
	return (
		Array.isArray(value) &&
		value.length === 5 &&
		typeof value[0] === 'string' &&
		typeof value[1] === 'string' &&
		value.slice(2).every((number) => typeof number === 'number')
	);
}
