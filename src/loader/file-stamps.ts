/**
 * What the last sync saw of each article file (its size, modification and change times, inode) with the digest
 * its bytes gave, so an unchanged file is known without being read again: at 100,000 stories reading every
 * file was 3 s of the main thread in every build. The same test as `git status` and `rsync`: any write to a file
 * changes its change time (`ctime`), which no program can set back, and a file moved into place is a new inode.
 *
 * A file written in the last two seconds before it was looked at is not stamped: a second write in the same
 * tick of the file system's clock (2 s on FAT, 1 s on HFS+ and ext3, a few milliseconds on ext4) could leave all
 * four unchanged. Such a file is read again by the next build, whose stamp then holds.
 */
import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import { replaceFile } from '../model/replace-file.ts';
import path from 'node:path';

const STAMPS_VERSION = 1;

/** How recently written a file must not be, when looked at, to be stamped. */
export const RACY_WINDOW_MS = 2_000;

/** A file as the last sync saw it, and the digest of what it held. */
export interface FileStamp {
	size: number;
	mtimeMs: number;
	ctimeMs: number;
	ino: number;
	/** A digest of everything else the story's digest covers (settings, renderer version, photos). */
	context: string;
	digest: string;
}

type StatFields = Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** Where the loader keeps the stamps: `<cacheDir>/clippings-file-stamps.json`. */
export function getFileStampsFile(cacheDir: string): string {
	return path.join(cacheDir, 'clippings-file-stamps.json');
}

/** The stamps of the last sync by file; none when the file is missing, damaged or of another version. */
export function readFileStamps(file: string): Map<string, FileStamp> {
	try {
		const kept = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; files?: unknown };
		if (kept.version !== STAMPS_VERSION || typeof kept.files !== 'object' || kept.files === null) return new Map();
		return new Map(Object.entries(kept.files as Record<string, unknown>).filter((entry): entry is [string, FileStamp] => isStamp(entry[1])));
	} catch {
		return new Map();
	}
}

/** Replaces the stamps, written to a temporary file first so a killed build leaves the old ones whole. */
export function writeFileStamps(file: string, stamps: ReadonlyMap<string, FileStamp>): void {
	replaceFile(file, JSON.stringify({ version: STAMPS_VERSION, files: Object.fromEntries(stamps) }));
}

/**
 * The digest `stamp` says the file holds, when the file is as the stamp saw it and the rest of what the digest
 * covers (`context`) is the same; otherwise `undefined`, and the file must be read.
 */
export function getStampedDigest(stamp: FileStamp | undefined, stat: StatFields, context: string): string | undefined {
	if (!stamp) return undefined;
	const same = stamp.size === stat.size && stamp.mtimeMs === stat.mtimeMs && stamp.ctimeMs === stat.ctimeMs && stamp.ino === stat.ino && stamp.context === digestContext(context);
	return same ? stamp.digest : undefined;
}

/**
 * The stamp of a file looked at (`stat`, taken before it was read) at `lookedAt` (ms since the epoch) whose
 * bytes gave `digest`; `undefined` when it was written too recently to be told apart from a later write.
 */
export function createFileStamp(stat: StatFields, context: string, digest: string, lookedAt: number): FileStamp | undefined {
	if (lookedAt - Math.max(stat.mtimeMs, stat.ctimeMs) < RACY_WINDOW_MS) return undefined;
	return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, context: digestContext(context), digest };
}

function digestContext(context: string): string {
	return createHash('sha256').update(context).digest('base64url').slice(0, 22);
}

function isStamp(value: unknown): value is FileStamp {
	if (typeof value !== 'object' || value === null) return false;
	const stamp = value as Record<string, unknown>;
	return ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((key) => typeof stamp[key] === 'number') && typeof stamp.context === 'string' && typeof stamp.digest === 'string';
}
