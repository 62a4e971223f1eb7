/**
 * The browser side of offline reading: registers the service worker (`sw.js`, written by the build) on
 * every page, and drives "Save the archive for offline reading" on the search page. Nothing here runs
 * from disk (`file://`), where service workers do not exist.
 */
import { getOfflineManifestPath, getServiceWorkerPath, withBase } from '../../lib/urls.ts';

/** The service worker names its caches `clippings-<build>` (see `src/integrations/service-worker.js`). */
const CACHE_PREFIX = 'clippings-';

/** How many files "Save the archive" fetches at once. */
const PARALLEL_DOWNLOADS = 6;

/** Whether this page can use a service worker: over HTTP(S), in a browser that has them. */
export function canWorkOffline(): boolean {
	return 'serviceWorker' in navigator && /^https?:$/.test(location.protocol);
}

/**
 * Registers the service worker once the page has loaded, so it never competes with the page for the
 * network, and asks it to keep this page too (it was fetched before the worker was there to keep it).
 */
export function registerServiceWorker(base: string): void {
	if (!canWorkOffline()) return;
	const register = async () => {
		const registration = await navigator.serviceWorker.register(withBase(getServiceWorkerPath(), base), { scope: base });
		if (navigator.serviceWorker.controller) return;
		await navigator.serviceWorker.ready;
		registration.active?.postMessage({ type: 'keep', url: location.href });
	};
	const start = () => void register().catch((error: unknown) => console.warn('Offline reading is not available:', error));
	if (document.readyState === 'complete') start();
	else window.addEventListener('load', start, { once: true });
}

/** The file list the build wrote for "Save the archive". */
interface OfflineManifest {
	build: string;
	files: string[];
	bytes: number;
}

/** Progress reported while saving. */
export interface SaveProgress {
	done: number;
	total: number;
	failed: number;
}

/**
 * Downloads every page, style, script and index file of the archive into this build's cache, skipping
 * what is already there. Resolves with the final counts.
 */
export async function saveArchive(base: string, onProgress: (progress: SaveProgress) => void): Promise<SaveProgress & { bytes: number }> {
	const manifestUrl = withBase(getOfflineManifestPath(), base);
	const response = await fetch(manifestUrl, { cache: 'no-store' });
	if (!response.ok) throw new Error(`${manifestUrl}: ${response.status}`);
	const manifest = (await response.clone().json()) as OfflineManifest;
	const cache = await caches.open(`${CACHE_PREFIX}${manifest.build}`);
	const queue = [...manifest.files];
	const progress: SaveProgress = { done: 0, total: queue.length, failed: 0 };
	onProgress({ ...progress });
	const worker = async () => {
		for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
			try {
				if (!(await cache.match(file))) {
					const fetched = await fetch(file);
					if (fetched.ok) await cache.put(file, fetched);
					else progress.failed += 1;
				}
			} catch {
				progress.failed += 1;
			}
			progress.done += 1;
			onProgress({ ...progress });
		}
	};
	await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
	// The manifest goes in last: its presence in the cache is what says "this build is saved".
	if (progress.failed === 0) await cache.put(manifestUrl, response);
	return { ...progress, bytes: manifest.bytes };
}

/** Whether this build's archive has been saved whole (the cache holds its manifest). */
export async function isArchiveSaved(base: string): Promise<boolean> {
	if (!canWorkOffline() || !('caches' in window)) return false;
	const manifestUrl = withBase(getOfflineManifestPath(), base);
	for (const name of await caches.keys()) {
		if (name.startsWith(CACHE_PREFIX) && (await (await caches.open(name)).match(manifestUrl))) return true;
	}
	return false;
}
