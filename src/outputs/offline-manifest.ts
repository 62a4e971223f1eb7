/**
 * The offline manifest (`offline.json` and its parts, `offline/<name>.json`) and what a browser does with
 * it. The build lists every file of the site with a revision (a hash of its bytes), in parts named by a
 * hash of their contents; a browser keeps each saved file with the revision it was saved at, and the names
 * of the parts it last brought itself up to. Comparing the two says which parts to read, what to download,
 * what to replace and what to drop, so a deploy costs a reader only what changed and never what they saved. Shared by the build (`src/integrations/offline.ts`) and the
 * page that saves the archive (`src/scripts/search/offline.ts`).
 */

/** One file: its address with the base path (pages as folders, `/archive/1987/`), its revision and its size in bytes. */
export type OfflineFile = [address: string, revision: string, bytes: number];

/**
 * One part of the list of files (`offline/<name>.json`): a run of addresses in order, split into what
 * "Save" downloads and what is only kept when read online. Its name is a hash of its contents, so a part
 * that a deploy left unchanged keeps its name, and a device that holds it need not read it again.
 */
export interface OfflinePart {
	/** What "Save the archive for offline reading" downloads: stories, the calendar pages, the search page and index, styles and scripts. */
	files: OfflineFile[];
	/** Files that exist but are left out of a saved archive (lists the search facets already give); kept when read online. */
	online: OfflineFile[];
}

/** A part as the manifest lists it: its name, and how many files of it "Save" downloads, their bytes as served and about how much they take once saved. */
export type OfflinePartSummary = [name: string, files: number, bytes: number, savedBytes: number];

/**
 * What `offline.json` holds: the totals a reader sees before saving and the list of parts. Its size
 * grows with the number of parts (one line each, a part holding about `OFFLINE_PART_TARGET` files), not
 * with every file, so a device that saved the archive reads a few kilobytes after a deploy, then only the
 * parts whose names changed.
 */
export interface OfflineManifest {
	version: typeof OFFLINE_MANIFEST_VERSION;
	/** A hash of every address and revision: equal builds have equal ids. */
	build: string;
	/** How many files "Save" downloads, their size as served, uncompressed, and about how much they take once saved (text is stored compressed). */
	files: number;
	bytes: number;
	savedBytes: number;
	/** How many files are left out of a saved archive. */
	online: number;
	parts: OfflinePartSummary[];
}

/** Changes whenever the manifest's shape does; a browser refuses a manifest of another version. */
export const OFFLINE_MANIFEST_VERSION = 3;

/** About how many files a part holds (its size varies: a part ends where an address says so). */
export const OFFLINE_PART_TARGET = 512;

/**
 * Whether a part ends after this address: decided by the address alone (a hash of it), so adding or
 * removing a file changes only the part it falls in, and parts elsewhere keep their names.
 * @example isPartEnd('/news/1987/03/26/honda/', 512) // true for about one address in 512
 */
export function isPartEnd(address: string, target = OFFLINE_PART_TARGET): boolean {
	// FNV-1a, 32 bits: the same on the build and in tests, with no dependency.
	let hash = 0x811c9dc5;
	for (let index = 0; index < address.length; index++) {
		hash ^= address.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash % target === 0;
}

/**
 * Splits the site's files, in address order, into parts that end where `isPartEnd` says.
 * @example splitIntoParts([['/a/', 'r1', 10, true], ['/b/', 'r2', 20, false]]) // [{ files: [['/a/', 'r1', 10]], online: [['/b/', 'r2', 20]] }]
 */
export function splitIntoParts(entries: readonly [address: string, revision: string, bytes: number, saved: boolean][], target = OFFLINE_PART_TARGET): OfflinePart[] {
	const parts: OfflinePart[] = [];
	let part: OfflinePart = { files: [], online: [] };
	const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	for (const [address, revision, bytes, saved] of sorted) {
		(saved ? part.files : part.online).push([address, revision, bytes]);
		if (isPartEnd(address, target)) {
			parts.push(part);
			part = { files: [], online: [] };
		}
	}
	if (part.files.length + part.online.length > 0 || parts.length === 0) parts.push(part);
	return parts;
}

/** What a device has to do with each part of a manifest, given the parts it brought itself up to last time. */
export interface OfflinePartsPlan {
	/** Parts the device holds as they are: nothing in them changed. */
	unchanged: string[];
	/** Parts it has not seen: read them, and bring their files up to date. */
	changed: string[];
	/** Parts it holds that the manifest no longer lists: their files are dropped unless a changed part lists them. */
	dropped: string[];
}

/**
 * Compares the parts a device synced (`synced`, names) with a manifest's: only the parts whose names
 * differ need reading after a deploy.
 * @example planParts(['a', 'c'], ['a', 'b']) // { unchanged: ['a'], changed: ['c'], dropped: ['b'] }
 */
export function planParts(manifest: readonly string[], synced: Iterable<string>): OfflinePartsPlan {
	const held = new Set(synced);
	const listed = new Set(manifest);
	return {
		unchanged: manifest.filter((name) => held.has(name)),
		changed: manifest.filter((name) => !held.has(name)),
		dropped: [...held].filter((name) => !listed.has(name)),
	};
}

/**
 * How much of its size a text file keeps once gzip-compressed, for the estimate shown before saving
 * (measured on the bench archive's pages: 0.17–0.24; rounded up so the estimate errs on the safe side).
 */
export const TEXT_SAVED_RATIO = 0.3;

/**
 * Whether a file is stored compressed: text (pages, styles, scripts, JSON, SVG) is; Pagefind's index and
 * images are compressed already.
 * @example isStoredCompressed('/archive/1987/') // true
 */
export function isStoredCompressed(address: string): boolean {
	return /(\/|\.(html|css|js|mjs|json|svg|xml|txt))$/.test(address);
}

/** About how many bytes a file takes once saved. */
export function estimateSavedBytes(address: string, bytes: number): number {
	return isStoredCompressed(address) ? Math.ceil(bytes * TEXT_SAVED_RATIO) : bytes;
}

/** What bringing a saved copy up to a manifest takes. */
export interface OfflinePlan {
	/** Files to download: missing ones (when saving the whole archive) and saved ones whose revision changed. */
	fetch: OfflineFile[];
	/** Of `fetch`, how many replace a saved older revision. */
	changed: number;
	/** Of `fetch`, how many are new to this device. */
	added: number;
	/** Bytes of `fetch`, as served. */
	bytes: number;
	/** Saved addresses the site no longer has: dropped once every download has succeeded. */
	remove: string[];
	/** Saved files already at their current revision. */
	current: number;
}

/**
 * Compares what a device holds (`saved`: address → revision) with files of a manifest (one part, or
 * several joined). `whole` plans "Save the archive" (every file of `files`); otherwise only what is saved
 * already is brought up to date (what a deploy changed), which is what a visit after a deploy does on its
 * own, adding only the files of `files` that `whole` (a function) asks for. Files read online (`online`)
 * are kept and updated, never added. `remove` lists saved addresses that none of the given files has.
 * @example planOfflineSync(manifest, new Map([['/news/1987/', 'old']]), false) // fetch: [['/news/1987/', 'new', 5120]], changed: 1
 */
export function planOfflineSync(manifest: OfflinePart, saved: ReadonlyMap<string, string>, whole: boolean | ((address: string) => boolean)): OfflinePlan {
	const plan: OfflinePlan = { fetch: [], changed: 0, added: 0, bytes: 0, remove: [], current: 0 };
	const known = new Set<string>();
	const consider = (file: OfflineFile, wanted: boolean) => {
		known.add(file[0]);
		const revision = saved.get(file[0]);
		if (revision === file[1]) plan.current += 1;
		else if (revision !== undefined || wanted) {
			plan.fetch.push(file);
			plan.bytes += file[2];
			if (revision === undefined) plan.added += 1;
			else plan.changed += 1;
		}
	};
	for (const file of manifest.files) consider(file, typeof whole === 'function' ? whole(file[0]) : whole);
	for (const file of manifest.online) consider(file, false);
	for (const address of saved.keys()) if (!known.has(address)) plan.remove.push(address);
	return plan;
}

/**
 * Whether a file new to a device comes with the update after a deploy when the device holds the whole
 * archive: files named by a hash of their contents (the search index's chunks and fragments, styles,
 * scripts) take the place of files the deploy removed, so a whole copy stays whole and searchable; new
 * pages (stories published since) wait for the reader to press "Save".
 * @example isReplacement('/news/pagefind/fragment/en_1a2b.pf_fragment') // true
 */
export function isReplacement(address: string): boolean {
	return !/(\/|\.html)$/.test(address);
}

/**
 * Reads `offline.json`, refusing anything that is not a manifest of this version (an older site's, or an
 * error page a host served in its place).
 */
export function parseOfflineManifest(json: unknown, from: string): OfflineManifest {
	const manifest = json as Partial<OfflineManifest> | null;
	if (!manifest || manifest.version !== OFFLINE_MANIFEST_VERSION || !Array.isArray(manifest.parts) || typeof manifest.build !== 'string' || typeof manifest.files !== 'number') {
		throw new Error(`${from} is not an offline manifest of version ${OFFLINE_MANIFEST_VERSION}`);
	}
	return manifest as OfflineManifest;
}

/** Reads one part (`offline/<name>.json`), refusing anything that is not one. */
export function parseOfflinePart(json: unknown, from: string): OfflinePart {
	const part = json as Partial<OfflinePart> | null;
	if (!part || !Array.isArray(part.files) || !Array.isArray(part.online)) throw new Error(`${from} is not a part of an offline manifest`);
	return part as OfflinePart;
}
