/**
 * The browser side of offline reading: registers the service worker (`sw.js`, written by the build) on
 * every page, saves the archive ("Save the archive for offline reading" on the search page) and, on the
 * first visit after a deploy, brings a saved copy up to date: the files the deploy changed are downloaded
 * again, the ones it removed dropped, everything else kept (`planOfflineSync`). Files are stored by the
 * service worker (requests carrying `x-clippings-save`), so one piece of code stores them; this module
 * plans, reports progress and keeps `saved.json`, the record of what this device holds: the parts of the
 * offline manifest it was last brought up to, by name, and what each part's files still lack. A deploy
 * then costs a reading of `offline.json` (a few kilobytes) and of the parts whose names changed, never of
 * the whole list. Nothing here runs from disk (`file://`), where service workers do not exist.
 */
import type { MessageValues } from '../../i18n/format.ts';
import {
	estimateSavedBytes,
	isReplacement,
	parseOfflineManifest,
	parseOfflinePart,
	planOfflineSync,
	planParts,
	type OfflineFile,
	type OfflineManifest,
	type OfflinePart,
} from '../../outputs/offline-manifest.ts';
import { getOfflineManifestPath, getOfflinePartPath, getServiceWorkerPath, withBase } from '../../model/urls.ts';

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
/** How many files are looked up in the cache at once. */
const PARALLEL_LOOKUPS = 32;

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

/** What one part's "Save" files still lack on this device: how many, their bytes as served and about how much they take once saved. */
export type PartGap = [files: number, bytes: number, savedBytes: number];

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
	/** Every part of that build's manifest, by name, with what its files lack here. */
	parts: Record<string, PartGap>;
	/** A save or update under way or interrupted: the build it brings the copy to and the parts it has done. */
	pending?: { build: string; parts: Record<string, PartGap> };
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
 * changed, drops the ones that are gone. Does nothing when nothing was saved, when a save was interrupted,
 * when the copy is current or when the network is off. Resolves with what it did, if anything.
 */
export function updateSavedCopy(base: string, onProgress?: (progress: SaveProgress) => void): Promise<SaveReport | undefined> {
	updating ??= (async () => {
		const [info, state] = await Promise.all([getBuildInfo(), readSavedState(base)]);
		// A save the reader started and left (`saving`) is theirs to resume with "Save": updating it here would
		// record it as a finished copy that is merely out of date, and "Saving was interrupted" would be lost.
		if (!info || !state || state.saving || state.build === info.build || !navigator.onLine) return undefined;
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
 * downloading only files that are missing or whose revision changed. Reads `offline.json`, then only the
 * parts it has not brought itself up to before (after a deploy, the few whose names changed) and, when
 * saving the whole archive, the parts whose files are not all saved. When saving the whole archive, first
 * asks for persistent storage and checks the quota: if the files cannot fit, throws `QuotaTooSmall`
 * before downloading anything. Each part done is recorded at once, so an interrupted save resumes with
 * the next. Files the site no longer has are dropped only once every download has succeeded, so older
 * pages keep the styles and scripts they were saved with until they are replaced.
 */
export function syncArchive(base: string, whole: boolean, onProgress: (progress: SaveProgress) => void): Promise<SaveReport> {
	// One at a time (the update a visit starts and the reader's "Save" both record what is saved): "Save" waits for the update.
	const run = syncing.then(() => bringUpToDate(base, whole, onProgress));
	syncing = run.catch(() => undefined);
	return run;
}

let syncing: Promise<unknown> = Promise.resolve();

async function bringUpToDate(base: string, whole: boolean, onProgress: (progress: SaveProgress) => void): Promise<SaveReport> {
	const manifest = await fetchManifest(base);
	await whenControlled();
	const previous = await readSavedState(base);
	// A copy recorded by an older version lists no parts: every part is read, and what it holds is found in the cache.
	const synced = previous?.parts ?? {};
	const done: Record<string, PartGap> = previous?.pending?.build === manifest.build ? { ...previous.pending.parts } : {};
	const names = manifest.parts.map(([name]) => name);
	const plan = planParts(names, Object.keys(synced));
	const changed = new Set(plan.changed);
	const work = manifest.parts.filter(([name]) => !(name in done) && (changed.has(name) || (whole && synced[name]![0] > 0)));
	const persisted = whole ? await checkQuota(work.reduce((sum, [name, , , savedBytes]) => sum + (changed.has(name) ? savedBytes : synced[name]![2]), 0)) : false;

	// Saving counts every file (those saved already are done at once); an update counts what it downloads.
	const ahead = work.reduce((sum, [name, files]) => sum + (changed.has(name) ? files : synced[name]![0]), 0);
	const report: SaveReport = {
		done: whole ? manifest.files - ahead : 0,
		total: whole ? manifest.files : 0,
		fetched: 0,
		fetchedBytes: 0,
		failed: 0,
		current: whole ? manifest.files - ahead : 0,
		changed: 0,
		added: 0,
		removed: 0,
		storedBytes: 0,
		quotaFull: false,
		persisted,
		state: previous ?? { build: '', whole: false, saving: false, missing: { files: 0, bytes: 0 }, parts: {} },
	};
	const summaries = new Map(manifest.parts.map(([name, files, bytes, savedBytes]) => [name, [files, bytes, savedBytes] as PartGap]));
	// What a part lacks: as last recorded, or (a part not read yet) possibly all of it.
	const gapOf = (name: string): PartGap => done[name] ?? synced[name] ?? summaries.get(name)!;
	const record = (saving: boolean, finished: boolean) => {
		const lacking = names.map(gapOf).filter(([files]) => files > 0);
		report.state = {
			build: finished ? manifest.build : (previous?.build ?? ''),
			whole: lacking.length === 0,
			saving,
			missing: { files: lacking.reduce((sum, [files]) => sum + files, 0), bytes: lacking.reduce((sum, [, bytes]) => sum + bytes, 0) },
			parts: finished ? Object.fromEntries(names.map((name) => [name, gapOf(name)])) : synced,
			...(finished ? {} : { pending: { build: manifest.build, parts: done } }),
		};
		// With the quota full even this small record may not fit; the files stored say what is saved anyway.
		return writeSavedState(base, report.state).catch((error: unknown) => {
			if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) throw error;
		});
	};
	if (whole) await record(true, false);
	onProgress({ ...report });

	const cache = await caches.open(FILES_CACHE);
	const stateCache = await caches.open(STATE_CACHE);
	// The addresses the parts read list: a dropped part's files go unless one of these has them.
	const listed = new Set<string>();
	const legacy = previous !== undefined && previous.parts === undefined;
	const collect = plan.dropped.length > 0 || legacy;
	let next = work.length > 0 ? fetchPart(base, work[0]![0]) : undefined;
	for (const [index, [name]] of work.entries()) {
		const part = await next!;
		// The next part downloads while this one's files do.
		next = index + 1 < work.length ? fetchPart(base, work[index + 1]![0]) : undefined;
		next?.catch(() => undefined);
		if (collect) for (const [address] of [...part.files, ...part.online]) listed.add(address);
		const saved = await lookUpRevisions(cache, part);
		const partPlan = planOfflineSync(part, saved, whole || (previous?.whole === true && isReplacement));
		if (whole) {
			// The files this part was counted for that turn out saved already (pages read since) are done at once.
			const counted = changed.has(name) ? part.files.length : synced[name]![0];
			const saving = new Set(part.files.map(([address]) => address));
			const files = partPlan.fetch.filter(([address]) => saving.has(address)).length;
			report.total += partPlan.fetch.length - files + Math.max(0, files - counted);
			report.done += Math.max(0, counted - files);
			report.current += Math.max(0, counted - files);
		} else report.total += partPlan.fetch.length;
		const failedBefore = report.failed;
		await download(partPlan.fetch, saved, report, onProgress);
		if (report.quotaFull) break;
		if (report.failed > failedBefore) continue;
		const lacking = planOfflineSync({ files: part.files, online: [] }, saved, true).fetch;
		done[name] = [lacking.length, lacking.reduce((sum, [, , bytes]) => sum + bytes, 0), lacking.reduce((sum, [address, , bytes]) => sum + estimateSavedBytes(address, bytes), 0)];
		await stateCache.put(stateKey(base, partKey(name)), new Response(JSON.stringify(part), { headers: { 'content-type': 'application/json' } })).catch(() => undefined);
		await record(whole, false);
	}

	const finished = report.failed === 0 && !report.quotaFull;
	if (finished) {
		// What the parts no longer listed held, less what the parts read list: files the site no longer has.
		const gone = new Set<string>();
		for (const name of plan.dropped) {
			const held = await stateCache.match(stateKey(base, partKey(name)));
			if (!held) continue;
			const part = parseOfflinePart(await held.json(), name);
			for (const [address] of [...part.files, ...part.online]) if (!listed.has(address)) gone.add(address);
		}
		// A copy recorded by an older version: whatever the cache holds of this archive that no part lists.
		if (legacy) {
			// Chromium refuses to list a very large cache ("Operation too large"): then those files stay, as they would have.
			for (const request of await cache.keys().catch(() => [] as readonly Request[])) {
				const url = new URL(request.url);
				if (url.origin === location.origin && url.pathname.startsWith(base) && !listed.has(url.pathname)) gone.add(url.pathname);
			}
		}
		for (const address of gone) {
			if (await cache.delete(new URL(address, location.origin).href)) report.removed += 1;
		}
		for (const name of [...plan.dropped, ...Object.keys(previous?.pending?.parts ?? {}).filter((name) => !names.includes(name))]) {
			await stateCache.delete(stateKey(base, partKey(name)));
		}
		if (whole) for (const name of (await caches.keys()).filter((name) => LEGACY_CACHE.test(name))) await caches.delete(name);
	}
	await record(false, finished);
	return report;
}

/** Stores the files of a plan through the service worker, `PARALLEL_DOWNLOADS` at a time, counting what it did in `report`. */
async function download(files: OfflineFile[], saved: Map<string, string>, report: SaveReport, onProgress: (progress: SaveProgress) => void): Promise<void> {
	const queue = [...files];
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
		}
	};
	await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
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

/** One part of the manifest; its name is a hash of its contents, so any copy of it, the browser's own included, is right. */
async function fetchPart(base: string, name: string): Promise<OfflinePart> {
	const address = withBase(getOfflinePartPath(name), base);
	const response = await fetch(address);
	if (!response.ok) throw new Error(`${address}: ${response.status}`);
	return parseOfflinePart(await response.json(), address);
}

/** Where a part this device was brought up to is kept, for comparing with the parts of the next build. */
function partKey(name: string): string {
	return `offline-parts/${name}.json`;
}

/** Saving goes through the service worker, which controls a page from its first activation on. */
async function whenControlled(): Promise<void> {
	if (navigator.serviceWorker.controller) return;
	await navigator.serviceWorker.ready;
	if (navigator.serviceWorker.controller) return;
	await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
}

/** Address → revision of the files of a part the cache holds (each entry carries the revision it was stored at). */
async function lookUpRevisions(cache: Cache, part: OfflinePart): Promise<Map<string, string>> {
	const revisions = new Map<string, string>();
	const queue = [...part.files, ...part.online].map(([address]) => address);
	const worker = async () => {
		for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
			const stored = await cache.match(new URL(address, location.origin).href);
			if (stored) revisions.set(address, stored.headers.get(REVISION) ?? '');
		}
	};
	await Promise.all(Array.from({ length: PARALLEL_LOOKUPS }, worker));
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
