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
import type { OfflineManifest } from '../src/outputs/offline-manifest.ts';
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

/** What a saved archive holds, by kind of file. */
function describeManifest(manifest: OfflineManifest): string {
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

/** What the browser holds for the site: Cache Storage usage, and the bytes of the stored bodies. */
async function measureStorage(page: Page): Promise<{ usage: number; bodies: number; entries: number }> {
	return page.evaluate(async () => {
		const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { caches?: number } };
		const cache = await caches.open('clippings-files');
		let bodies = 0;
		const keys = await cache.keys();
		for (const key of keys) bodies += (await (await cache.match(key))!.arrayBuffer()).byteLength;
		return { usage: estimate.usageDetails?.caches ?? estimate.usage ?? 0, bodies, entries: keys.length };
	});
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
	const manifest = JSON.parse(readFileSync(path.join(DIST, 'offline.json'), 'utf8')) as OfflineManifest;
	const baseline = measureBaseline();
	const target = baseline.articleBytes + baseline.index;

	const server = await serveLikeAHost(DIST);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	try {
		const context = await browser.newContext();
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
		const storage = await measureStorage(page);

		// A deploy that corrects one story: the reader visits once, then presses Save again.
		const stories = readdirSync(path.join(CONTENT, 'articles'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).sort();
		const edited = path.join(CONTENT, 'articles', stories[Math.floor(stories.length / 2)]!);
		writeFileSync(edited, `${readFileSync(edited, 'utf8').trimEnd()}\n\nThis story has been corrected.\n`);
		console.error('rebuilding after editing one story…');
		const rebuildSeconds = buildClippingsArchive(FOLDER, CONTENT);
		await page.goto(`${server.origin}/search/`);
		const updated = await waitForStatus(page, /^Your saved copy was updated/);
		await page.getByRole('button', { name: 'Save the archive for offline reading' }).click();
		const savedAgain = await waitForStatus(page, /^(Saved|Not enough|The browser ran out|The archive could not)/);
		await context.close();

		console.log(`build ${reuse ? 'reused' : `${buildSeconds.toFixed(1)} s`}; served gzip-compressed like a static host`);
		console.log(`saved archive: ${manifest.files.length} files, ${mb(manifest.bytes)} as served uncompressed: ${describeManifest(manifest)}`);
		console.log(`shown before saving: “${estimate}”`);
		console.log(`save: ${saveSeconds.toFixed(1)} s; “${saved}”`);
		console.log(
			`on the device: ${storage.entries} entries, ${mb(storage.bodies)} of stored bodies, Cache Storage usage ${mb(storage.usage)}; baseline: ${baseline.articles} article pages gzip-compressed ${mb(baseline.articleBytes)} + index ${mb(baseline.index)} = ${mb(target)}`,
		);
		const ratio = storage.usage / target;
		console.log(`saved size / (compressed article pages + index) = ${ratio.toFixed(2)} (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
		console.log(`deploy editing one story (rebuilt in ${rebuildSeconds.toFixed(1)} s), first visit: “${updated}”`);
		console.log(`then Save again: “${savedAgain}”`);
		console.log(`(a per-build cache would download all ${manifest.files.length} files, ${mb(manifest.bytes)} uncompressed, again)`);
	} finally {
		await browser.close();
		await server.close();
	}
}

if (import.meta.main) await run();
