/**
 * Offline benchmark: a 10,000-story Reuters archive (`BENCH_ARTICLES` to change it) built by Clippings and
 * saved for offline reading in headless Chromium, served gzip-compressed like a static host. It prints what
 * a saved archive holds and takes on the device against the compressed size of its article pages plus the
 * search index (the target: at most 1.5×), how long saving takes, and what a deploy that edits one story
 * costs a reader who saved it: the files and bytes downloaded again.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { readOfflineManifest } from '../src/integrations/offline.ts';
import type { OfflineFile } from '../src/outputs/offline-manifest.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/support/browser.ts';
import { serveLikeAHost } from './search.ts';
import { buildClippingsArchive } from './support/clippings-build.ts';
import { writeReutersArchive } from './support/reuters.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const FOLDER = path.join(WORK, 'offline');
const DIST = path.join(FOLDER, 'dist');
const CONTENT = path.join(FOLDER, 'content');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;


/** The baseline: every article page gzip-compressed, plus the search index as Pagefind writes it (compressed already). */
function measureBaseline(): { articles: number; articleBytes: number; index: number } {
	let articles = 0;
	let articleBytes = 0;
	let index = 0;
	for (const name of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
		const file = path.join(DIST, name);
		if (!statSync(file).isFile()) continue;
		const relative = name.split(path.sep).join('/');
		if (/^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(relative)) {
			articles += 1;
			articleBytes += gzipSync(readFileSync(file)).length;
		} else if (/^pagefind\/(pagefind\.js|pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|(index|filter|fragment)\/.+)$/.test(relative)) {
			index += statSync(file).size;
		}
	}
	return { articles, articleBytes, index };
}

/** The manifest's files: `offline.json` and its parts, as written and gzip-compressed. */
function describeManifestFiles(): string {
	const summary = readFileSync(path.join(DIST, 'offline.json'));
	const parts = readdirSync(path.join(DIST, 'offline')).map((name) => readFileSync(path.join(DIST, 'offline', name)));
	const sizes = parts.map((part) => part.length);
	const zipped = parts.map((part) => gzipSync(part).length);
	const sum = (list: number[]) => list.reduce((total, size) => total + size, 0);
	return `offline.json ${kb(summary.length)} (${kb(gzipSync(summary).length)} compressed); ${parts.length} parts, ${mb(sum(sizes))} (${mb(sum(zipped))} compressed), the largest ${kb(Math.max(...sizes))} (${kb(Math.max(...zipped))} compressed)`;
}

/** What a saved archive holds, by kind of file. */
function describeManifest(manifest: { files: OfflineFile[]; online: OfflineFile[] }): string {
	const kinds = new Map<string, { files: number; bytes: number }>();
	for (const [address, , bytes] of manifest.files) {
		const kind = /\/pagefind\//.test(address)
			? 'search index'
			: /\/_astro\//.test(address)
				? 'styles and scripts'
				: /\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(address)
					? 'stories'
					: /\/\d{4}\//.test(address)
						? 'calendar pages'
						: 'other pages';
		const entry = kinds.get(kind) ?? { files: 0, bytes: 0 };
		entry.files += 1;
		entry.bytes += bytes;
		kinds.set(kind, entry);
	}
	const left = manifest.online.length;
	return `${[...kinds].map(([kind, { files, bytes }]) => `${kind} ${files} (${mb(bytes)})`).join(', ')}; left out (online only): ${left} files (${mb(manifest.online.reduce((sum, [, , bytes]) => sum + bytes, 0))})`;
}

async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
	const ticker = setInterval(() => {
		void page
			.locator('[data-offline-status]')
			.innerText()
			.then((text) => console.error(`  … ${text}`))
			.catch(() => undefined);
	}, 15_000);
	await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-offline-status]')?.textContent ?? ''), pattern.source, { timeout: 30 * 60_000, polling: 500 });
	clearInterval(ticker);
	return page.locator('[data-offline-status]').innerText();
}

/**
 * What the browser holds for the site: Cache Storage usage, and the bytes of the stored bodies of the given
 * addresses (looked up one by one: Chromium refuses to list a cache of this size, "Operation too large").
 */
async function measureStorage(page: Page, addresses: string[]): Promise<{ usage: number; bodies: number; entries: number }> {
	return page.evaluate(async (addresses) => {
		const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { caches?: number } };
		const cache = await caches.open('clippings-files');
		let bodies = 0;
		let entries = 0;
		for (const address of addresses) {
			const stored = await cache.match(new URL(address, location.origin).href);
			if (!stored) continue;
			entries += 1;
			bodies += (await stored.arrayBuffer()).byteLength;
		}
		return { usage: estimate.usageDetails?.caches ?? estimate.usage ?? 0, bodies, entries };
	}, addresses);
}

/** Runs the offline benchmark and prints its figures. */
export async function run(): Promise<void> {
	console.log(`\n## Offline reading: ${COUNT} Reuters stories`);
	const source = writeReutersArchive(path.join(WORK, `reuters-${COUNT}`), COUNT);
	const reuse = process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(DIST, 'offline.json'));
	if (!reuse) {
		rmSync(FOLDER, { recursive: true, force: true });
		mkdirSync(FOLDER, { recursive: true });
		cpSync(source, CONTENT, { recursive: true });
	}
	const buildSeconds = reuse ? Number.NaN : buildClippingsArchive(FOLDER, CONTENT);
	const { manifest: summary, files, online } = readOfflineManifest(DIST);
	const manifest = { files, online, bytes: summary.bytes };
	const manifestSize = describeManifestFiles();
	const baseline = measureBaseline();
	const target = baseline.articleBytes + baseline.index;

	const server = await serveLikeAHost(DIST);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	try {
		const context = await browser.newContext();
		// What the page reads of the offline manifest (offline.json and its parts), as sent (compressed).
		const manifestReads: { url: string; bytes: number }[] = [];
		context.on('requestfinished', (request) => {
			if (!/\/offline(\.json|\/)/.test(request.url())) return;
			void request.sizes().then((sizes) => manifestReads.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize }));
		});
		const readOf = () => {
			const reads = manifestReads.splice(0);
			return `${reads.length} requests, ${kb(reads.reduce((sum, read) => sum + read.bytes, 0))}`;
		};
		const page = await context.newPage();
		page.on('console', (message) => {
			if (message.type() === 'error' || message.type() === 'warning') console.error(`  page: ${message.text()}`);
		});
		console.error('saving the archive…');
		await page.goto(`${server.origin}/search/`);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
		const estimate = await page.locator('[data-offline-estimate]').innerText();
		const started = performance.now();
		await page.getByRole('button', { name: 'Save the archive for offline reading' }).click();
		const saved = await waitForStatus(page, /^(Saved|Not enough|The browser ran out|The archive could not)/);
		const saveSeconds = (performance.now() - started) / 1000;
		const storage = await measureStorage(page, [...manifest.files, ...manifest.online].map(([address]) => address));
		const saveReads = readOf();

		// A deploy that corrects one story: the reader visits once, then presses Save again.
		const stories = readdirSync(path.join(CONTENT, 'articles'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).sort();
		const edited = path.join(CONTENT, 'articles', stories[Math.floor(stories.length / 2)]!);
		writeFileSync(edited, `${readFileSync(edited, 'utf8').trimEnd()}\n\nThis story has been corrected.\n`);
		console.error('rebuilding after editing one story…');
		const rebuildSeconds = buildClippingsArchive(FOLDER, CONTENT);
		await page.goto(`${server.origin}/search/`);
		const updated = await waitForStatus(page, /^Your saved copy was updated/);
		const updateReads = readOf();
		await page.getByRole('button', { name: 'Save the archive for offline reading' }).click();
		const savedAgain = await waitForStatus(page, /^(Saved|Not enough|The browser ran out|The archive could not)/);
		const againReads = readOf();
		await context.close();

		console.log(`build ${reuse ? 'reused' : `${buildSeconds.toFixed(1)} s`}; served gzip-compressed like a static host`);
		console.log(`saved archive: ${manifest.files.length} files, ${mb(manifest.bytes)} as served uncompressed: ${describeManifest(manifest)}`);
		console.log(`offline manifest: ${manifestSize}`);
		console.log(`shown before saving (from the service worker's settings, nothing fetched): “${estimate}”`);
		console.log(`save: ${saveSeconds.toFixed(1)} s; “${saved}”; manifest read: ${saveReads}`);
		console.log(
			`on the device: ${storage.entries} entries, ${mb(storage.bodies)} of stored bodies, Cache Storage usage ${mb(storage.usage)}; baseline: ${baseline.articles} article pages gzip-compressed ${mb(baseline.articleBytes)} + index ${mb(baseline.index)} = ${mb(target)}`,
		);
		const ratio = storage.usage / target;
		console.log(`saved size / (compressed article pages + index) = ${ratio.toFixed(2)} (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
		console.log(`deploy editing one story (rebuilt in ${rebuildSeconds.toFixed(1)} s), first visit: “${updated}”; manifest read: ${updateReads}`);
		console.log(`then Save again: “${savedAgain}”; manifest read: ${againReads}`);
		console.log(`(a per-build cache would download all ${manifest.files.length} files, ${mb(manifest.bytes)} uncompressed, again)`);
	} finally {
		await browser.close();
		await server.close();
	}
}

if (import.meta.main) await run();
