/**
 * The browser side of offline reading: registers the service worker (`sw.js`, written by the build) on
 * every page, saves the archive ("Save the archive for offline reading" on the search page) and, on the
 * first visit after a deploy, brings a saved copy up to date: the files the deploy changed are downloaded
 * again, the ones it removed dropped, everything else kept (`planOfflineSync`). Files are stored by the
 * service worker (requests carrying `x-clippings-save`), so one piece of code stores them; this module
 * plans, reports progress and keeps `saved.json`, the record of what this device holds. Nothing here runs
 * from disk (`file://`), where service workers do not exist.
 */
import type { MessageValues } from '../../i18n/format.ts';
import { estimateSavedBytes, parseOfflineManifest, planOfflineSync, type OfflineManifest } from '../../outputs/offline-manifest.ts';
import { getOfflineManifestPath, getServiceWorkerPath, withBase } from '../../model/urls.ts';

/** The interface strings of offline reading, handed to the search page's offline section (`data-messages`). */
export const OFFLINE_MESSAGE_KEYS = [
	'offline.files',
	'offline.changedFiles',
	'offline.kilobytes',
	'offline.megabytes',
	'offline.estimate',
	'offline.progress',
	'offline.saving',
	'offline.saved',
	'offline.savedRemoved',
	'offline.notPersisted',
	'offline.partial',
	'offline.quotaFull',
	'offline.quotaTooSmall',
	'offline.quotaExceeded',
	'offline.failed',
	'offline.updating',
	'offline.updated',
	'offline.updatedRemoved',
	'offline.interrupted',
	'offline.outOfDate',
	'offline.upToDate',
	'offline.missing',
	'offline.sentences',
] as const;

/** One of the interface strings of offline reading. */
export type OfflineMessageKey = (typeof OFFLINE_MESSAGE_KEYS)[number];

/**
 * The interface strings of offline reading in the archive's language: a `Translator` on the build (and in
 * tests), the messages the page handed over in the browser.
 */
export interface OfflineText {
	/** The interface language, for writing sizes. */
	lang: string;
	t(key: OfflineMessageKey, values?: MessageValues): string;
}

/** Shared with `src/integrations/service-worker.js` (`STATE_CACHE` too). */
const FILES_CACHE = 'clippings-files';
const REVISION = 'x-clippings-revision';
const SAVE = 'x-clippings-save';
const LEGACY_CACHE = /^clippings-[0-9a-f]{16}$/;
/** Where this module keeps `saved.json`, one per archive (base path). */
const STATE_CACHE = 'clippings-state';

/** How many files are fetched at once while saving. */
const PARALLEL_DOWNLOADS = 6;
/** How often (in files) the record of what is saved is written while saving, so an interrupted save resumes. */
const RECORD_EVERY = 2000;

/** Whether this page can use a service worker: over HTTP(S), in a browser that has them. */
export function canWorkOffline(): boolean {
	return 'serviceWorker' in navigator && 'caches' in window && /^https?:$/.test(location.protocol);
}

/** What the running service worker says about its build. */
export interface BuildInfo {
	build: string;
	base: string;
	/** The saved archive: how many files, their size as served and about how much they take once saved. */
	files: number;
	bytes: number;
	savedBytes: number;
}

/** What this device holds of one archive (`saved.json` in the state cache). */
export interface SavedState {
	/** The build the saved files were last brought up to. */
	build: string;
	/** Every file of that build's archive is saved. */
	whole: boolean;
	/** A save was started and has not finished. */
	saving: boolean;
	/** Files of that build not saved yet (new since the last save, or left by an interrupted one). */
	missing: { files: number; bytes: number };
	/** Address → revision of every file stored for this archive, as of the last record. */
	revisions: Record<string, string>;
}

/** Progress while saving or updating. */
export interface SaveProgress {
	/** Files looked at, of `total`. */
	done: number;
	total: number;
	/** Files downloaded so far and their size. */
	fetched: number;
	fetchedBytes: number;
	failed: number;
}

/** The outcome of saving or updating. */
export interface SaveReport extends SaveProgress {
	/** Files that were saved at their current revision already. */
	current: number;
	/** Of the files downloaded: how many replaced an older revision, how many were new. */
	changed: number;
	added: number;
	/** Files the site no longer has, dropped. */
	removed: number;
	/** Bytes the downloaded files take once stored. */
	storedBytes: number;
	/** The browser's quota ran out part-way (nothing stored is lost; saving again continues). */
	quotaFull: boolean;
	/** The browser agreed to keep the saved files when space runs low (`navigator.storage.persist()`). */
	persisted: boolean;
	state: SavedState;
}

/** Saving would not fit in what the browser lets this site store. */
export class QuotaTooSmall extends Error {
	constructor(
		readonly needed: number,
		readonly available: number,
	) {
		super(`saving needs about ${needed} bytes and the browser allows ${available} more`);
		this.name = 'QuotaTooSmall';
	}
}

/**
 * Registers the service worker once the page has loaded, so it never competes with the page for the
 * network, and asks it to keep this page too (it was fetched before the worker was there to keep it).
 * Then, when this device holds a saved copy of an older build, brings it up to date.
 */
export function registerServiceWorker(base: string, onUpdate?: (progress: SaveProgress) => void): void {
	if (!canWorkOffline()) return;
	const register = async () => {
		const registration = await navigator.serviceWorker.register(withBase(getServiceWorkerPath(), base), { scope: base });
		if (!navigator.serviceWorker.controller) {
			await navigator.serviceWorker.ready;
			registration.active?.postMessage({ type: 'keep', url: location.href });
		}
		// A deploy shows up as a new worker taking over (it claims open pages once its shell is stored).
		navigator.serviceWorker.addEventListener('controllerchange', () => void updateSavedCopy(base, onUpdate).catch(warn));
		await updateSavedCopy(base, onUpdate);
	};
	const warn = (error: unknown) => console.warn('Offline reading is not available:', error);
	const start = () => void register().catch(warn);
	if (document.readyState === 'complete') start();
	else window.addEventListener('load', start, { once: true });
}

/** One update at a time per page, whoever asks (every page's script and the search page's). */
let updating: Promise<SaveReport | undefined> | undefined;

/**
 * Brings a saved copy made from an older build up to the running worker's build: downloads the files that
 * changed, drops the ones that are gone. Does nothing when nothing was saved, when the copy is current or
 * when the network is off. Resolves with what it did, if anything.
 */
export function updateSavedCopy(base: string, onProgress?: (progress: SaveProgress) => void): Promise<SaveReport | undefined> {
	updating ??= (async () => {
		const [info, state] = await Promise.all([getBuildInfo(), readSavedState(base)]);
		if (!info || !state || state.build === info.build || !navigator.onLine) return undefined;
		const report = await syncArchive(base, false, (progress) => {
			onProgress?.(progress);
			window.dispatchEvent(new CustomEvent('clippings:offline-progress', { detail: progress }));
		});
		// What the new worker downloaded for itself (the changed shell files) is part of the update too.
		const installed = await takeInstallNote(base);
		if (installed?.build === info.build) {
			report.fetched += installed.files;
			report.fetchedBytes += installed.bytes;
		}
		window.dispatchEvent(new CustomEvent('clippings:offline-updated', { detail: report }));
		return report;
	})().finally(() => {
		updating = undefined;
	});
	return updating;
}

/** Asks the active service worker which build it serves. */
export async function getBuildInfo(): Promise<BuildInfo | undefined> {
	if (!canWorkOffline()) return undefined;
	const registration = await navigator.serviceWorker.ready;
	const worker = registration.active;
	if (!worker) return undefined;
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(undefined), 5000);
		channel.port1.onmessage = (event: MessageEvent<BuildInfo>) => {
			clearTimeout(timer);
			resolve(event.data);
		};
		worker.postMessage({ type: 'build' }, [channel.port2]);
	});
}

/** What this device holds of the archive at `base`, if the reader ever saved it. */
export async function readSavedState(base: string): Promise<SavedState | undefined> {
	if (!canWorkOffline() || !(await caches.has(STATE_CACHE))) return undefined;
	const response = await (await caches.open(STATE_CACHE)).match(stateKey(base));
	return response ? ((await response.json()) as SavedState) : undefined;
}

/**
 * Saves the archive (`whole`: every file of the manifest) or brings what is saved up to date (otherwise),
 * downloading only files that are missing or whose revision changed. When saving the whole archive,
 * first asks for persistent storage and checks the quota: if the files cannot fit, throws `QuotaTooSmall`
 * before downloading anything. Files the site no longer has are dropped only once every download has
 * succeeded, so older pages keep the styles and scripts they were saved with until they are replaced.
 */
export async function syncArchive(base: string, whole: boolean, onProgress: (progress: SaveProgress) => void): Promise<SaveReport> {
	const manifest = await fetchManifest(base);
	await whenControlled();
	const previous = await readSavedState(base);
	const saved = await readSavedRevisions(base, previous);
	const plan = planOfflineSync(manifest, saved, whole);
	const persisted = whole ? await checkQuota(plan.fetch.reduce((sum, [address, , bytes]) => sum + estimateSavedBytes(address, bytes), 0)) : false;

	// Saving counts every file (those saved already are done at once); an update counts what it downloads.
	const report: SaveReport = {
		done: whole ? plan.current : 0,
		total: (whole ? plan.current : 0) + plan.fetch.length,
		fetched: 0,
		fetchedBytes: 0,
		failed: 0,
		current: whole ? plan.current : 0,
		changed: 0,
		added: 0,
		removed: 0,
		storedBytes: 0,
		quotaFull: false,
		persisted,
		state: previous ?? { build: '', whole: false, saving: false, missing: { files: 0, bytes: 0 }, revisions: {} },
	};
	const record = (saving: boolean) => {
		const missing = planOfflineSync(manifest, saved, true);
		report.state = {
			build: report.failed === 0 && !saving && !report.quotaFull ? manifest.build : (previous?.build ?? ''),
			whole: missing.fetch.length === 0,
			saving,
			missing: { files: missing.fetch.length, bytes: missing.bytes },
			revisions: Object.fromEntries(saved),
		};
		// With the quota full even this small record may not fit; the files stored say what is saved anyway.
		return writeSavedState(base, report.state).catch((error: unknown) => {
			if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) throw error;
		});
	};
	if (whole) await record(true);
	onProgress({ ...report });

	const queue = [...plan.fetch];
	let sinceRecord = 0;
	const worker = async () => {
		for (let file = queue.shift(); file && !report.quotaFull; file = queue.shift()) {
			const [address, revision, bytes] = file;
			const was = saved.get(address);
			try {
				const answer = await fetch(address, { headers: { [SAVE]: revision } });
				if (answer.status === 204) {
					saved.set(address, revision);
					if (answer.headers.get('x-clippings-saved') === 'fetched') {
						report.fetched += 1;
						report.fetchedBytes += Number(answer.headers.get('x-clippings-fetched') ?? bytes);
						report.storedBytes += Number(answer.headers.get('x-clippings-stored') ?? 0);
						if (was === undefined) report.added += 1;
						else report.changed += 1;
					} else report.current += 1;
				} else if (answer.status === 507) report.quotaFull = true;
				else report.failed += 1;
			} catch {
				report.failed += 1;
			}
			report.done += 1;
			onProgress({ ...report });
			if (whole && ++sinceRecord >= RECORD_EVERY) {
				sinceRecord = 0;
				await record(true);
			}
		}
	};
	await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));

	if (report.failed === 0 && !report.quotaFull) {
		const cache = await caches.open(FILES_CACHE);
		for (const address of plan.remove) {
			await cache.delete(new URL(address, location.origin).href);
			saved.delete(address);
			report.removed += 1;
		}
		if (whole) for (const name of (await caches.keys()).filter((name) => LEGACY_CACHE.test(name))) await caches.delete(name);
	}
	await record(false);
	return report;
}

/** Describes a saved copy for the reader, or `undefined` when nothing is saved. */
export function describeSavedCopy(state: SavedState | undefined, info: BuildInfo | undefined, text: OfflineText): string | undefined {
	if (!state) return undefined;
	if (state.saving) return text.t('offline.interrupted');
	if (info && state.build !== info.build) return text.t('offline.outOfDate');
	if (state.whole) return text.t('offline.upToDate');
	if (state.missing.files > 0) return text.t('offline.missing', { count: state.missing.files, size: formatBytes(state.missing.bytes, text) });
	return undefined;
}

/** What saving the archive will take on this device: "Saving takes about 2.4 MB on this device (310 files)." */
export function describeEstimate(info: BuildInfo, text: OfflineText): string {
	return text.t('offline.estimate', { size: formatBytes(info.savedBytes, text), files: text.t('offline.files', { count: info.files }) });
}

/** Progress as a screen reader says it: "40 of 310 files". */
export function describeProgress({ done, total }: SaveProgress, text: OfflineText): string {
	return text.t('offline.progress', { done, count: total });
}

/** What a save did, when it finished or stopped. */
export function describeSave(report: SaveReport, text: OfflineText): string {
	if (report.quotaFull) return text.t('offline.quotaFull', { done: report.done, count: report.total });
	if (report.failed > 0) return text.t('offline.partial', { saved: report.done - report.failed, count: report.total, failed: report.failed });
	const done = text.t(report.removed > 0 ? 'offline.savedRemoved' : 'offline.saved', {
		files: text.t('offline.files', { count: report.total }),
		fetched: text.t('offline.files', { count: report.fetched }),
		size: formatBytes(report.fetchedBytes, text),
		stored: formatBytes(report.storedBytes, text),
		current: report.current,
		removed: text.t('offline.files', { count: report.removed }),
	});
	return report.persisted ? done : text.t('offline.sentences', { first: done, second: text.t('offline.notPersisted') });
}

/** Why saving failed: the quota (known before downloading, or hit on the way) or another error. */
export function describeSaveError(error: unknown, text: OfflineText): string {
	if (error instanceof QuotaTooSmall) return text.t('offline.quotaTooSmall', { needed: formatBytes(error.needed, text), available: formatBytes(error.available, text) });
	if (error instanceof DOMException && error.name === 'QuotaExceededError') return text.t('offline.quotaExceeded');
	return text.t('offline.failed', { error: error instanceof Error ? error.message : String(error) });
}

/** Progress of bringing a saved copy up to date after a deploy. */
export function describeUpdateProgress({ done, total }: SaveProgress, text: OfflineText): string {
	return text.t('offline.updating', { done, count: total });
}

/** What bringing a saved copy up to date did, and the state it leaves the copy in. */
export function describeUpdate(report: SaveReport, text: OfflineText): string {
	const done = text.t(report.removed > 0 ? 'offline.updatedRemoved' : 'offline.updated', {
		changed: text.t('offline.changedFiles', { count: report.fetched }),
		size: formatBytes(report.fetchedBytes, text),
		removed: text.t('offline.files', { count: report.removed }),
	});
	const state = describeSavedCopy(report.state, undefined, text);
	return state ? text.t('offline.sentences', { first: done, second: state }) : done;
}

/** A size in the archive's language, in KB under a megabyte: `2.4 MB`, `380 KB`, `2,4 Mo`. */
export function formatBytes(bytes: number, text: OfflineText): string {
	const format = new Intl.NumberFormat(text.lang, { maximumFractionDigits: 1 });
	if (bytes >= 1024 * 1024) return text.t('offline.megabytes', { size: format.format(bytes / 1024 / 1024) });
	return text.t('offline.kilobytes', { size: format.format(bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1024))) });
}

async function fetchManifest(base: string): Promise<OfflineManifest> {
	const address = withBase(getOfflineManifestPath(), base);
	const response = await fetch(address, { cache: 'no-store' });
	if (!response.ok) throw new Error(`${address}: ${response.status}`);
	return parseOfflineManifest(await response.json(), address);
}

/** Saving goes through the service worker, which controls a page from its first activation on. */
async function whenControlled(): Promise<void> {
	if (navigator.serviceWorker.controller) return;
	await navigator.serviceWorker.ready;
	if (navigator.serviceWorker.controller) return;
	await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
}

/**
 * Address → revision of every file of this archive the cache holds: from `saved.json`, with the files
 * kept since (pages read) looked up one by one.
 */
async function readSavedRevisions(base: string, state: SavedState | undefined): Promise<Map<string, string>> {
	const cache = await caches.open(FILES_CACHE);
	const recorded = state?.revisions ?? {};
	const revisions = new Map<string, string>();
	for (const request of await cache.keys()) {
		const url = new URL(request.url);
		if (url.origin !== location.origin || !url.pathname.startsWith(base)) continue;
		const revision = recorded[url.pathname] ?? (await cache.match(request))?.headers.get(REVISION) ?? '';
		revisions.set(url.pathname, revision);
	}
	return revisions;
}

/**
 * Asks for persistent storage (so the browser does not clear the saved archive when space runs low) and
 * throws `QuotaTooSmall` when `needed` bytes will not fit. Resolves with whether storage is persistent.
 */
async function checkQuota(needed: number): Promise<boolean> {
	if (!navigator.storage) return false;
	const persisted = (await navigator.storage.persist?.().catch(() => false)) ?? false;
	const { quota, usage } = (await navigator.storage.estimate?.()) ?? {};
	if (quota === undefined) return persisted;
	const available = Math.max(0, quota - (usage ?? 0));
	if (needed > available) throw new QuotaTooSmall(needed, available);
	return persisted;
}

function stateKey(base: string, name = 'offline-saved.json'): string {
	return new URL(withBase(`/${name}`, base), location.origin).href;
}

/** The service worker's note of the shell files it downloaded when it installed, read once. */
async function takeInstallNote(base: string): Promise<{ build: string; files: number; bytes: number } | undefined> {
	const cache = await caches.open(STATE_CACHE);
	const key = stateKey(base, 'offline-installed.json');
	const note = await cache.match(key);
	if (!note) return undefined;
	await cache.delete(key);
	return (await note.json()) as { build: string; files: number; bytes: number };
}

async function writeSavedState(base: string, state: SavedState): Promise<void> {
	await (await caches.open(STATE_CACHE)).put(stateKey(base), new Response(JSON.stringify(state), { headers: { 'content-type': 'application/json' } }));
}
