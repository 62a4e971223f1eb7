/**
 * Offline support, written after the search index: the offline manifest (every file of the site with a
 * revision, a hash of its bytes, and which of them "Save the archive for offline reading" downloads; the
 * totals in `offline.json`, the files in parts under `offline/`) and `sw.js` (the service worker, from
 * `service-worker.js` with this build's settings). Browsers keep saved files by revision, so a new build
 * costs a reader only the files it changed, and the parts of the list it changed (see
 * `src/outputs/offline-manifest.ts`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInWorker } from './worker-task.ts';
import { readRevisions, type RevisionCache, type StatedFile } from './revisions.ts';
import { estimateSavedBytes, OFFLINE_MANIFEST_VERSION, parseOfflineManifest, parseOfflinePart, splitIntoParts, type OfflineFile, type OfflineManifest } from '../outputs/offline-manifest.ts';
import {
	GROUP_KINDS,
	getArchiveIndexPath,
	getBylineIndexPath,
	getFaviconPath,
	getGroupLettersPath,
	getHomePagePath,
	getNotFoundPath,
	getOfflineManifestPath,
	getOfflinePartPath,
	getOfflinePartsPath,
	getSearchBundlePath,
	getSearchPath,
	getServiceWorkerPath,
	getSourceIndexPath,
	getTopicIndexPath,
	withBase,
} from '../model/urls.ts';

/** Above this size the search index's chunks wait for "Save the archive" instead of coming with the first visit. */
export const SHELL_INDEX_LIMIT = 8 * 1024 * 1024;

/** What the service worker is told about its build (the settings line of `service-worker.js`). */
export interface ServiceWorkerSettings {
	build: string;
	base: string;
	/** What it keeps on install, with revisions: enough for the search page to work offline. */
	shell: [address: string, revision: string][];
	/** The size of a saved archive, for the estimate shown before saving. */
	files: number;
	bytes: number;
	savedBytes: number;
}

/** What `writeOfflineSupport` is given: the built site, its base, and where the last build's revisions are kept (`revisions.ts`). */
export interface OfflineSupportOptions {
	outDir: string;
	base: string;
	revisions?: RevisionCache;
}

/**
 * Writes the offline manifest (`offline.json` and its parts) and `sw.js` into the built site and returns what
 * they describe, and how many files it read to hash (the others' revisions kept from the last build).
 */
export function writeOfflineSupport({ outDir, base, revisions: cache }: OfflineSupportOptions): { build: string; files: number; bytes: number; savedBytes: number; parts: number; hashed: number; listed: number } {
	const partsFolder = path.join(outDir, ...getOfflinePartsPath().split('/'));
	// Written by this step: never part of the list, and an earlier build's parts go.
	rmSync(partsFolder, { recursive: true, force: true });
	const generated = new Set([getServiceWorkerPath(), getOfflineManifestPath()]);
	const built = listFiles(outDir).filter((file) => !generated.has(file.path) && isServed(file.path));
	const known = readRevisions(outDir, cache);
	const revisions = new Map(built.map((file) => [file.path, known.of(file)]));
	const toAddress = (file: string) => withBase(encodeURI(toPageAddress(file)), base);
	const saved = built.filter((file) => isWorthSaving(file.path));
	const parts = splitIntoParts(built.map((file) => [toAddress(file.path), revisions.get(file.path)!, file.size, isWorthSaving(file.path)]));
	mkdirSync(partsFolder, { recursive: true });
	const manifest: OfflineManifest = { version: OFFLINE_MANIFEST_VERSION, build: '', files: 0, bytes: 0, savedBytes: 0, online: 0, parts: [] };
	const all: OfflineFile[] = [];
	for (const part of parts) {
		const json = JSON.stringify(part);
		const name = createHash('sha256').update(json).digest('hex').slice(0, 16);
		writeFileSync(path.join(outDir, getOfflinePartPath(name)), json);
		const bytes = part.files.reduce((sum, file) => sum + file[2], 0);
		const savedBytes = part.files.reduce((sum, file) => sum + estimateSavedBytes(file[0], file[2]), 0);
		manifest.parts.push([name, part.files.length, bytes, savedBytes]);
		manifest.files += part.files.length;
		manifest.online += part.online.length;
		manifest.bytes += bytes;
		manifest.savedBytes += savedBytes;
		all.push(...part.files, ...part.online);
	}
	manifest.build = hashBuild(all);
	const settings: ServiceWorkerSettings = {
		build: manifest.build,
		base,
		shell: selectShell(saved).map((file) => [toAddress(file), revisions.get(file)!]),
		files: manifest.files,
		bytes: manifest.bytes,
		savedBytes: manifest.savedBytes,
	};
	const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
	const worker = template.replace(/\/\* settings \*\/ \{[^\n]*\};/, () => `${JSON.stringify(settings)};`);
	if (worker === template) throw new Error('Clippings: the service worker template has lost its settings line');
	writeFileSync(path.join(outDir, getServiceWorkerPath()), worker);
	writeFileSync(path.join(outDir, getOfflineManifestPath()), JSON.stringify(manifest));
	known.save();
	return { build: manifest.build, files: manifest.files, bytes: manifest.bytes, savedBytes: manifest.savedBytes, parts: manifest.parts.length, hashed: known.hashed, listed: built.length };
}

/**
 * `writeOfflineSupport` in a worker thread (`runInWorker`): it reads and hashes every built file, and on the
 * build's main thread, whose heap holds the archive, its garbage collections had made it three times slower
 * (100,000 stories: 35 s in the build, 10.8 s alone).
 */
export function writeOfflineSupportInWorker(options: OfflineSupportOptions): Promise<ReturnType<typeof writeOfflineSupport>> {
	return runInWorker(new URL(import.meta.url), 'writeOfflineSupport', options, 'writing the offline manifest');
}

/**
 * Reads a built site's offline manifest with every part joined: what a browser that reads them all
 * would know (for tests and benchmarks).
 */
export function readOfflineManifest(outDir: string): { manifest: OfflineManifest; files: OfflineFile[]; online: OfflineFile[] } {
	const file = path.join(outDir, getOfflineManifestPath());
	const manifest = parseOfflineManifest(JSON.parse(readFileSync(file, 'utf8')), file);
	const files: OfflineFile[] = [];
	const online: OfflineFile[] = [];
	for (const [name] of manifest.parts) {
		const partFile = path.join(outDir, getOfflinePartPath(name));
		const part = parseOfflinePart(JSON.parse(readFileSync(partFile, 'utf8')), partFile);
		files.push(...part.files);
		online.push(...part.online);
	}
	return { manifest, files, online };
}

/** A built file by its root-relative path (`/1987/03/26/honda/index.html`), size and what else `stat` said of it. */
interface BuiltFile extends StatedFile {
	size: number;
}

function listFiles(outDir: string): BuiltFile[] {
	// The entries' types come with the listing: a `stat` only for files (at 100,000 stories, 240,000 of them).
	return readdirSync(outDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => {
			const file = path.join(entry.parentPath, entry.name);
			const { size, mtimeMs, ino } = statSync(file);
			return { path: `/${path.relative(outDir, file).split(path.sep).join('/')}`, size, stat: { size, mtimeMs, ino } };
		})
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Everything a browser can ask for: not the host's settings files (`_headers`) or source maps. */
function isServed(file: string): boolean {
	return !/\.map$/.test(file) && !/^\/_(headers|redirects)$/.test(file);
}

/**
 * What a saved archive holds: every story and the pages that reach it by date (home, archive, year, month
 * and day pages), the byline, source and topic indexes (and their letters), the search page and the parts of
 * the index it loads, the 404 page, styles, scripts and the icon. Left out: lists that the search page's
 * facets give offline (byline, source and topic pages, older home pages), feeds, sitemaps and Pagefind's own
 * UI bundles, which no page uses.
 */
function isWorthSaving(file: string): boolean {
	const bundle = getSearchBundlePath();
	if (file.startsWith(bundle)) return /^(pagefind\.js|pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|(index|filter|fragment)\/.+)$/.test(file.slice(bundle.length));
	if (file.startsWith('/_astro/') || file === getFaviconPath()) return !/\.(xml|txt)$/.test(file);
	const pages = [getHomePagePath(), getSearchPath(), getArchiveIndexPath(), getBylineIndexPath(), getSourceIndexPath(), getTopicIndexPath()].map(toFile);
	if (pages.includes(file) || file === getNotFoundPath()) return true;
	// A split index's letters (/bylines/letter/a/ and its pages) are the index, like /bylines/ itself; the
	// pattern leaves out the pages of a byline slugged "letter" (/bylines/letter/, /bylines/letter/page/2/).
	const letters = GROUP_KINDS.map(getGroupLettersPath).find((folder) => file.startsWith(folder));
	if (letters && /^[^/]+\/(page\/\d+\/)?index\.html$/.test(file.slice(letters.length))) return true;
	// The calendar: /1987/, /1987/03/ (and its pages), /1987/03/26/ and the stories under it.
	return /^\/\d{4}\/(.+\/)?index\.html$/.test(file);
}

/** What the service worker fetches when it installs: enough for the search page to work offline. */
function selectShell(files: BuiltFile[]): string[] {
	const bundle = getSearchBundlePath();
	const pages = [getHomePagePath(), getSearchPath(), getNotFoundPath()].map(toFile);
	const assets = files.filter((file) => file.path.startsWith('/_astro/') || file.path === getFaviconPath());
	const index = files.filter((file) => file.path.startsWith(bundle));
	const core = index.filter((file) => !/\/(index|filter|fragment)\//.test(file.path));
	const chunks = index.filter((file) => /\/(index|filter)\//.test(file.path));
	const fragments = index.filter((file) => file.path.includes('/fragment/'));
	const size = (list: BuiltFile[]) => list.reduce((sum, file) => sum + file.size, 0);
	const searchable = size(chunks) <= SHELL_INDEX_LIMIT ? chunks : [];
	const readable = searchable.length > 0 && size(chunks) + size(fragments) <= SHELL_INDEX_LIMIT ? fragments : [];
	const known = new Set(files.map((file) => file.path));
	return [...pages.filter((page) => known.has(page)), ...[...assets, ...core, ...searchable, ...readable].map((file) => file.path)];
}

/** `/search/` → `/search/index.html` */
function toFile(address: string): string {
	return address.endsWith('/') ? `${address}index.html` : address;
}

/** `/search/index.html` → `/search/`, the address pages are linked by. */
function toPageAddress(file: string): string {
	return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

function hashBuild(files: readonly OfflineFile[]): string {
	const hash = createHash('sha256');
	for (const [address, revision] of files) hash.update(address).update('\0').update(revision).update('\n');
	return hash.digest('hex').slice(0, 16);
}
