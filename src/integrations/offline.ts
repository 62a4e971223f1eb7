/**
 * Offline support, written after the search index: `sw.js` (the service worker, from
 * `service-worker.js` with this build's settings) and `offline.json` (every file "Save the archive for
 * offline reading" downloads). Both carry a build id hashed from the output, so a new build replaces the
 * old cache and an unchanged one keeps it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getHomePagePath, getNotFoundPath, getOfflineManifestPath, getSearchBundlePath, getSearchPath, getServiceWorkerPath, withBase } from '../lib/urls.ts';

/** Above this size the search index's chunks wait for "Save the archive" instead of coming with the first visit. */
export const SHELL_INDEX_LIMIT = 8 * 1024 * 1024;

/** The offline manifest, as `offline.json` holds it. */
export interface OfflineManifest {
	build: string;
	/** Addresses with the base path, pages as directory addresses (`/archive/1987/`). */
	files: string[];
	bytes: number;
}

/** Writes `sw.js` and `offline.json` into the built site and returns what they describe. */
export function writeOfflineSupport({ outDir, base }: { outDir: string; base: string }): { build: string; files: number; bytes: number } {
	const generated = new Set([getServiceWorkerPath(), getOfflineManifestPath()]);
	const files = listFiles(outDir).filter((file) => !generated.has(file.path) && isWorthSaving(file.path));
	const build = hashBuild(outDir, files);
	const manifest: OfflineManifest = {
		build,
		files: files.map((file) => withBase(toAddress(file.path), base)),
		bytes: files.reduce((sum, file) => sum + file.size, 0),
	};
	const shell = selectShell(files).map((file) => withBase(toAddress(file), base));
	const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
	const settings = JSON.stringify({ build, base, shell });
	const worker = template.replace(/\/\* settings \*\/ \{[^\n]*\};/, () => `${settings};`);
	if (worker === template) throw new Error('Clippings: the service worker template has lost its settings line');
	writeFileSync(path.join(outDir, getServiceWorkerPath()), worker);
	writeFileSync(path.join(outDir, getOfflineManifestPath()), JSON.stringify(manifest));
	return { build, files: manifest.files.length, bytes: manifest.bytes };
}

/** A built file by its root-relative path (`/1987/03/26/honda/index.html`) and size. */
interface BuiltFile {
	path: string;
	size: number;
}

function listFiles(outDir: string): BuiltFile[] {
	return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
		.map((name) => ({ name, stat: statSync(path.join(outDir, name)) }))
		.filter(({ stat }) => stat.isFile())
		.map(({ name, stat }) => ({ path: `/${name.split(path.sep).join('/')}`, size: stat.size }))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Pages, styles, scripts, images and the parts of the search index the search page loads; not feeds,
 * reference downloads (.bib, .ris), sitemaps, the host's settings files (`_headers`) or Pagefind's own UI bundles, which no page uses.
 */
function isWorthSaving(file: string): boolean {
	const bundle = getSearchBundlePath();
	if (file.startsWith(bundle)) return /^(pagefind\.js|pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|(index|filter|fragment)\/.+)$/.test(file.slice(bundle.length));
	return !/\.(xml|txt|map|bib|ris)$/.test(file) && !/^\/_(headers|redirects)$/.test(file);
}

/** What the service worker fetches when it installs: enough for the search page to work offline. */
function selectShell(files: BuiltFile[]): string[] {
	const bundle = getSearchBundlePath();
	const pages = [getHomePagePath(1), getSearchPath(), getNotFoundPath()].map(toFile);
	const assets = files.filter((file) => file.path.startsWith('/_astro/') || file.path === '/favicon.svg');
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
function toAddress(file: string): string {
	return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

function hashBuild(outDir: string, files: BuiltFile[]): string {
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(file.path).update('\0');
		hash.update(readFileSync(path.join(outDir, file.path)));
	}
	return hash.digest('hex').slice(0, 16);
}
