/**
 * The last build's pages, put into the staging folder before Astro generates the pages, in a worker thread
 * beside the content sync. Astro's incremental build copies an unchanged page from its cache itself, but one page
 * after another on the main thread, checking, creating the folder and copying each: at 10,000 stories that was
 * 5 of a rebuild's 13 s, most of it waiting on the file system. A page already in the output is one Astro keeps
 * as it is ("(cached)"), so what it would have copied is there before it looks.
 *
 * A page is moved rather than copied from the output before last (`dist.previous/`, deleted by this build
 * anyway) when that file is the very one the build before last wrote (its size, time and inode, as
 * `revisions.ts` kept them), with no other name linking to it, under the cache key Astro's cache now holds the
 * page under: the same key is the same bytes, which is what Astro's incremental build relies on. Any other page
 * is copied from Astro's cache.
 *
 * Astro still decides every page: a page whose key changed is rendered and written over its copy (a moved file
 * belongs to nothing else by then), and a page the build did not produce (a story deleted, a list shorter) is
 * deleted before the output is checked (`removeUnproducedPages`). A cache written by another version of Astro,
 * or none, places nothing: Astro then restores or renders as it would.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAstroManifestFile, readKeptRevisions, readPageKeys, type KeptRevision } from './revisions.ts';
import { runInWorker } from './worker-task.ts';

/** What the worker does: place the pages Astro's cache lists (none: place nothing) into the staging folder. */
export interface RestoreInput {
	outDir: string;
	cache?: { manifestFile: string; cachedOutputDir: string };
	/** The output before last and what was kept of its files (`revisions.ts`): pages to move rather than copy. */
	previous?: { dir: string; revisions: string };
}

/** The pages placed: their paths, and how many of them were moved from the output before last. */
export interface RestoredPages {
	placed: string[];
	moved: number;
}

/**
 * Empties the staging folder `outDir` and starts placing the last build's pages into it (`cacheDir`: Astro's
 * cache, which holds its manifest and its copies; none for a build that renders every page). Returns the work
 * and the folders left to delete once it is done: a staging folder left by a killed build, moved aside at once
 * so that nothing the bundler writes into the new one is deleted.
 */
export function startRestoringPages(outDir: URL, cacheDir: URL | undefined, previous?: RestoreInput['previous']): { restored: Promise<RestoredPages>; leftovers: string[] } {
	const out = fileURLToPath(outDir).replace(/[\\/]+$/, '');
	const staleName = `${path.basename(out)}.stale-`;
	if (existsSync(out)) renameSync(out, `${out}.stale-${Date.now()}-${process.pid}`);
	const leftovers = readdirSync(path.dirname(out))
		.filter((name) => name.startsWith(staleName))
		.map((name) => path.join(path.dirname(out), name));
	const input: RestoreInput = {
		outDir: out,
		cache: cacheDir && {
			manifestFile: getAstroManifestFile(cacheDir),
			cachedOutputDir: fileURLToPath(new URL('dist/', cacheDir)),
		},
		previous,
	};
	const restored = runInWorker<RestoreInput, RestoredPages>(new URL(import.meta.url), 'restorePages', input, 'placing the last build’s pages').catch((error: unknown) => {
		throw new Error(`Clippings: could not place the last build’s pages into ${out}`, { cause: error });
	});
	return { restored, leftovers };
}

/**
 * What the worker runs: places each page Astro's manifest lists into the staging folder, moved from the output
 * before last when it is the same file under the same key, else copied from Astro's cache (a page missing from
 * the cache is left for Astro, which renders it). One synchronous call after another: the thread is its own,
 * and the main thread is not answered once per file.
 */
export function restorePages({ outDir, cache, previous }: RestoreInput): RestoredPages {
	const placed: string[] = [];
	let moved = 0;
	if (!cache) return { placed, moved };
	const kept = previous ? readKeptRevisions(previous.revisions) : new Map<string, KeptRevision>();
	const made = new Set<string>();
	for (const [file, key] of readPageKeys(outDir, cache.manifestFile)) {
		const target = path.join(outDir, file);
		const folder = path.dirname(target);
		if (!made.has(folder)) {
			mkdirSync(folder, { recursive: true });
			made.add(folder);
		}
		if (previous && moveIfSame(path.join(previous.dir, file), target, kept.get(file), key)) {
			moved++;
			placed.push(target);
			continue;
		}
		try {
			copyFileSync(path.join(cache.cachedOutputDir, file), target);
			placed.push(target);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
	return { placed, moved };
}

/**
 * Moves `from` to `to` when it is the file `kept` describes (size, time, inode) and was kept under `key`, and no
 * other name links to it: Astro writes a page it renders again over the file in place, which would change every
 * copy linked to it (a backup made with `rsync --link-dest`, a host's `cp -al`).
 */
function moveIfSame(from: string, to: string, kept: KeptRevision | undefined, key: string): boolean {
	if (kept?.key !== key) return false;
	let stat;
	try {
		stat = statSync(from);
	} catch {
		return false;
	}
	if (stat.size !== kept.size || stat.mtimeMs !== kept.mtimeMs || stat.ino !== kept.ino || stat.nlink !== 1) return false;
	renameSync(from, to);
	return true;
}

/**
 * Deletes the pages `startRestoringPages` placed that the build did not produce (`produced`: every file Astro
 * wrote or kept, as paths, from `astro:build:done`'s `assets`), and the folders that leaves empty. Returns how many.
 */
export function removeUnproducedPages(outDir: string, placed: readonly string[], produced: ReadonlySet<string>): number {
	let removed = 0;
	for (const target of placed) {
		if (produced.has(target)) continue;
		unlinkSync(target);
		removed++;
		for (let folder = path.dirname(target); folder.startsWith(outDir + path.sep); folder = path.dirname(folder)) {
			try {
				rmdirSync(folder);
			} catch {
				break;
			}
		}
	}
	return removed;
}
