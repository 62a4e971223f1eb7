/**
 * The offline manifest (`offline.json`) and what a browser does with it. The build lists every file of the
 * site with a revision (a hash of its bytes); a browser keeps each saved file with the revision it was saved
 * at. Comparing the two says what to download, what to replace and what to drop, so a deploy costs a reader
 * only what changed and never what they saved. Shared by the build (`src/integrations/offline.ts`) and the
 * page that saves the archive (`src/scripts/search/offline.ts`).
 */

/** One file: its address with the base path (pages as folders, `/archive/1987/`), its revision and its size in bytes. */
export type OfflineFile = [address: string, revision: string, bytes: number];

/** What `offline.json` holds. */
export interface OfflineManifest {
	version: typeof OFFLINE_MANIFEST_VERSION;
	/** A hash of every address and revision: equal builds have equal ids. */
	build: string;
	/** What "Save the archive for offline reading" downloads: stories, the calendar pages, the search page and index, styles and scripts. */
	files: OfflineFile[];
	/** Files that exist but are left out of a saved archive (lists the search facets already give); kept when read online. */
	online: OfflineFile[];
	/** The size of `files` as served, uncompressed. */
	bytes: number;
	/** About how much `files` take once saved (text is stored compressed). */
	savedBytes: number;
}

/** Changes whenever the manifest's shape does; a browser refuses a manifest of another version. */
export const OFFLINE_MANIFEST_VERSION = 2;

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
 * Compares what a device holds (`saved`: address → revision) with a manifest. `whole` plans "Save the
 * archive" (every file of `manifest.files`); otherwise only what is saved already is brought up to date
 * (what a deploy changed), which is what a visit after a deploy does on its own. Files read online
 * (`manifest.online`) are kept and updated, never added.
 * @example planOfflineSync(manifest, new Map([['/news/1987/', 'old']]), false) // fetch: [['/news/1987/', 'new', 5120]], changed: 1
 */
export function planOfflineSync(manifest: Pick<OfflineManifest, 'files' | 'online'>, saved: ReadonlyMap<string, string>, whole: boolean): OfflinePlan {
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
	for (const file of manifest.files) consider(file, whole);
	for (const file of manifest.online) consider(file, false);
	for (const address of saved.keys()) if (!known.has(address)) plan.remove.push(address);
	return plan;
}

/**
 * Reads `offline.json`, refusing anything that is not a manifest of this version (an older site's, or an
 * error page a host served in its place).
 */
export function parseOfflineManifest(json: unknown, from: string): OfflineManifest {
	const manifest = json as Partial<OfflineManifest> | null;
	if (!manifest || manifest.version !== OFFLINE_MANIFEST_VERSION || !Array.isArray(manifest.files) || !Array.isArray(manifest.online) || typeof manifest.build !== 'string') {
		throw new Error(`${from} is not an offline manifest of version ${OFFLINE_MANIFEST_VERSION}`);
	}
	return manifest as OfflineManifest;
}
