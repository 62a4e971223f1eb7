/**
 * The last build's pages, copied into the staging folder before Astro generates the pages, in a worker thread
 * beside the content sync. Astro's incremental build copies an unchanged page from its cache itself, but one page
 * after another on the main thread, checking, creating the folder and copying each: at 10,000 stories that was
 * 5 of a rebuild's 13 s, most of it waiting on the file system. A page already in the output is one Astro keeps
 * as it is ("(cached)"), so what it would have copied is there before it looks.
 *
 * Astro still decides every page: a page whose key changed is rendered and written over its copy, and a copy
 * the build did not produce (a story deleted, a list shorter) is deleted before the output is checked
 * (`removeUnproducedPages`). The copies are the very files Astro would restore, from its own cache, and a cache
 * written by another version of Astro, or none, copies nothing: Astro then restores or renders as it would.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInWorker } from './worker-task.ts';

/** The version of Astro's incremental-build manifest (`incremental-build.json`) this reads; another copies nothing. */
const ASTRO_MANIFEST_VERSION = 1;

/** What the worker does: copy Astro's cached pages (none: copy nothing) into the staging folder, then delete stale folders. */
export interface RestoreInput {
	outDir: string;
	cache?: { manifestFile: string; cachedOutputDir: string };
	/** Staging folders of killed builds, moved aside, to delete once the copies are made. */
	stale: string[];
}

/**
 * Empties the staging folder `outDir` and starts copying the last build's pages into it from Astro's cache
 * (`cacheDir`, which holds its manifest and its copies; none for a build that renders every page). Resolves with
 * the paths of the copies. A staging folder left by a killed build is moved aside at once, so that nothing the
 * bundler writes into the new one is deleted, and is deleted in the same worker after the copies.
 */
export function startRestoringPages(outDir: URL, cacheDir: URL | undefined): Promise<string[]> {
	const out = fileURLToPath(outDir).replace(/[\\/]+$/, '');
	const staleName = `${path.basename(out)}.stale-`;
	if (existsSync(out)) renameSync(out, `${out}.stale-${Date.now()}-${process.pid}`);
	const input: RestoreInput = {
		outDir: out,
		cache: cacheDir && {
			manifestFile: fileURLToPath(new URL('incremental-build.json', cacheDir)),
			cachedOutputDir: fileURLToPath(new URL('dist/', cacheDir)),
		},
		stale: readdirSync(path.dirname(out))
			.filter((name) => name.startsWith(staleName))
			.map((name) => path.join(path.dirname(out), name)),
	};
	return runInWorker<RestoreInput, string[]>(new URL(import.meta.url), 'copyCachedPages', input, 'copying the last build’s pages').catch((error: unknown) => {
		throw new Error(`Clippings: could not copy the last build’s pages into ${out}`, { cause: error });
	});
}

/**
 * The output files Astro's manifest lists, as it writes them: relative URLs (`2025/07/24/a-story/index.html`,
 * percent-encoded); none when the manifest is missing, unreadable or of another version.
 */
export function readCachedOutputFiles(manifestFile: string): string[] {
	let manifest: unknown;
	try {
		manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	} catch {
		return [];
	}
	if (!isRecord(manifest) || manifest.version !== ASTRO_MANIFEST_VERSION || !isRecord(manifest.routes)) return [];
	const files: string[] = [];
	for (const route of Object.values(manifest.routes)) {
		if (!isRecord(route) || !isRecord(route.paths)) continue;
		for (const entry of Object.values(route.paths)) {
			if (isRecord(entry) && typeof entry.outputFile === 'string') files.push(entry.outputFile);
		}
	}
	return files;
}

/**
 * What the worker runs: copies each output file the manifest lists from Astro's cache into the staging folder
 * and returns the copies' paths. A file missing from the cache is left for Astro, which renders it; one that
 * would land outside the staging folder is not copied. One synchronous call after another: the thread is its
 * own, and the main thread is not answered once per file.
 */
export function copyCachedPages({ outDir, cache, stale }: RestoreInput): string[] {
	const copied: string[] = [];
	if (cache) {
		const from = pathToFileURL(`${cache.cachedOutputDir.replace(/[\\/]+$/, '')}/`);
		const to = pathToFileURL(`${outDir}/`);
		const made = new Set<string>();
		for (const file of readCachedOutputFiles(cache.manifestFile)) {
			const target = fileURLToPath(new URL(file, to));
			if (!target.startsWith(outDir + path.sep)) continue;
			const folder = path.dirname(target);
			if (!made.has(folder)) {
				mkdirSync(folder, { recursive: true });
				made.add(folder);
			}
			try {
				copyFileSync(fileURLToPath(new URL(file, from)), target);
				copied.push(target);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			}
		}
	}
	for (const folder of stale) rmSync(folder, { recursive: true, force: true });
	return copied;
}

/**
 * Deletes the copies `startRestoringPages` made that the build did not produce (`produced`: every file Astro
 * wrote or kept, as paths, from `astro:build:done`'s `assets`), and the folders that leaves empty. Returns how many.
 */
export function removeUnproducedPages(outDir: string, copied: readonly string[], produced: ReadonlySet<string>): number {
	let removed = 0;
	for (const target of copied) {
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

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
