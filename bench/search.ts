/**
 * Search benchmark: a 10,000-story Reuters archive built by Clippings (index included), searched in headless
 * Chromium. It prints what the first search transfers and how soon results appear after the last keystroke,
 * for the Clippings search page and, in the same run over the same index, Pagefind's stock UI (what a
 * typical Astro + Pagefind site ships); then the portable copy's search from `file://`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writePortableCopy } from '../src/integrations/portable.ts';
import { getSearchRecordsFile, readSearchRecords } from '../src/integrations/search.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/support/browser.ts';
import { measureFolder } from './support/folder-size.ts';
import { getArchiveFolderName, getBenchArchiveOptions, writeReutersArchive } from './support/reuters.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const FOLDER = path.join(WORK, 'search');
const DIST = path.join(FOLDER, 'dist');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const BASELINE_PAGE = 'bench-baseline/index.html';

/** First searches, each in a cold browser: one and two words, common and rare. */
const FIRST_QUERIES = ['oil prices', 'coffee', 'interest rates', 'takeover bid', 'yen'];

/** Words and phrases a reader of a 1987 newswire might type, one after another in one session. */
const QUERIES = [
	'coffee', 'tariff', 'dollar', 'merger', 'wheat', 'opec', 'yen', 'bank', 'gold',
	'sugar quota', 'debt', 'cocoa', 'strike', 'profit', 'japan', 'brazil', 'shipping', 'copper', 'inflation',
	'trade deficit', 'interest rates', 'takeover bid', 'grain exports', 'steel', 'oil prices',
];

/** One search page under test: where it is, its search box, and how to tell the results for a query are shown. */
interface Subject {
	name: string;
	url: string;
	input: string;
	/** Runs in the page: whether the results for `query` are on screen. */
	shown: (query: string) => boolean;
}


function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
};

/**
 * A static host as the archive would be served: `/a/` → `a/index.html`, and text gzipped when the browser
 * accepts it, as GitHub Pages, Netlify, Cloudflare and nginx's defaults do. Pagefind's own files are
 * compressed already and go as they are.
 */
export async function serveLikeAHost(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
	const compressed = new Map<string, Buffer>();
	const server = createServer((request, response) => {
		let file = path.join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname));
		if (!file.startsWith(root)) file = path.join(root, '404.html');
		if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!existsSync(file)) {
			response.writeHead(404).end();
			return;
		}
		const type = TYPES[path.extname(file)];
		const gzip = type !== undefined && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
		// Keyed by modification time too, so a rebuild in place is served as it now is.
		const key = `${file}:${statSync(file).mtimeMs}`;
		let body = gzip ? compressed.get(key) : readFileSync(file);
		if (!body) compressed.set(key, (body = gzipSync(readFileSync(file))));
		response.writeHead(200, { 'content-type': type ?? 'application/octet-stream', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
		response.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** A file's size on disk, which is what a host that compresses nothing would send. */
function fileSize(file: string): number {
	return file && existsSync(file) && statSync(file).isFile() ? statSync(file).size : 0;
}

function buildArchive(content: string): number {
	mkdirSync(FOLDER, { recursive: true });
	const config = path.join(FOLDER, 'astro.config.mjs');
	writeFileSync(
		config,
		`import { defineConfig } from 'astro/config';
import clippings from '../../../src/integrations/clippings.ts';
export default defineConfig({
	outDir: ${JSON.stringify(DIST)},
	cacheDir: ${JSON.stringify(path.join(FOLDER, '.cache'))},
	integrations: [clippings({ title: 'Bench', url: 'https://bench.example.org', timeZone: 'America/New_York', content: ${JSON.stringify(path.relative(ROOT, content))} })],
});
`,
	);
	const started = performance.now();
	execFileSync(path.join(BIN, 'astro'), ['build', '--config', path.relative(ROOT, config)], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' },
	});
	return (performance.now() - started) / 1000;
}

/** Pagefind's stock search UI on a page of its own, over the same index. */
function writeBaselinePage(): void {
	const file = path.join(DIST, BASELINE_PAGE);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(
		file,
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind UI</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener('DOMContentLoaded', () => new PagefindUI({ element: '#search', showSubResults: false }));</script></body></html>
`,
	);
}

/** What one first search cost: a cold browser opens the search page and types one query. */
interface FirstSearch {
	query: string;
	/** Bytes sent for the page itself (HTML, styles, scripts) and for the search until its results show. */
	pageBytes: number;
	searchBytes: number;
	/** Filter data for the facets, fetched once the results are on screen. */
	facetBytes: number;
	/** The same files' sizes on disk: what a host that compresses nothing would send. */
	rawBytes: number;
	requests: number;
	/** Last keystroke to results on screen. */
	ms: number;
}

interface Transfer {
	url: string;
	bytes: number;
}

/** Opens a subject in a cold browser context and types `first`, then (timing only) each of `more`. */
async function measure(browser: Browser, subject: Subject, root: string, origin: string, first: string, more: string[] = []): Promise<{ first: FirstSearch; warm: number[] }> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const transfers: Transfer[] = [];
	// Context-wide, so requests made by Pagefind's web worker (the stock UI uses one) are counted too.
	context.on('requestfinished', (request) => {
		void request.sizes().then((sizes) => transfers.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize }));
	});
	const page = await context.newPage();
	const fileOf = (url: string) => (url.startsWith(origin) ? path.join(root, decodeURIComponent(new URL(url).pathname).replace(/\/$/, '/index.html')) : '');
	const total = (list: Transfer[]) => list.reduce((sum, entry) => sum + entry.bytes, 0);
	const isFacetData = (entry: Transfer) => entry.url.includes('/pagefind/filter/');

	await page.goto(subject.url, { waitUntil: 'load' });
	await page.waitForSelector(subject.input);
	await page.waitForTimeout(500);
	const pageRequests = transfers.splice(0);
	const ms = await timeQuery(page, subject, first);
	await page.waitForTimeout(1000);
	const searchRequests = transfers.splice(0);
	const warm: number[] = [];
	for (const query of more) {
		await page.fill(subject.input, '');
		await page.waitForTimeout(350);
		warm.push(await timeQuery(page, subject, query));
	}
	await context.close();
	const shown = searchRequests.filter((entry) => !isFacetData(entry));
	return {
		first: {
			query: first,
			pageBytes: total(pageRequests),
			searchBytes: total(shown),
			facetBytes: total(searchRequests.filter(isFacetData)),
			rawBytes: [...pageRequests, ...shown].reduce((sum, entry) => sum + fileSize(fileOf(entry.url)), 0),
			requests: pageRequests.length + shown.length,
			ms,
		},
		warm,
	};
}

/** Types a query into the focused search box and times, in the page, its last keystroke to its results on screen. */
async function timeQuery(page: Page, subject: Subject, query: string): Promise<number> {
	await page.evaluate(
		({ input, shown, target }) => {
			const box = document.querySelector<HTMLInputElement>(input)!;
			const isShown = new Function('query', `return (${shown})(query);`) as (query: string) => boolean;
			(window as unknown as { latency: Promise<number> }).latency = new Promise((resolve) => {
				let start = 0;
				const check = () => {
					if (start && isShown(target)) {
						observer.disconnect();
						resolve(performance.now() - start);
					}
				};
				const observer = new MutationObserver(check);
				observer.observe(document.body, { attributes: true, childList: true, subtree: true, characterData: true });
				// Capturing on the window runs before the page's own listener, so the clock starts at the keystroke.
				window.addEventListener(
					'input',
					function onInput() {
						if (box.value !== target) return;
						start = performance.now();
						window.removeEventListener('input', onInput, true);
						queueMicrotask(check);
					},
					true,
				);
			});
			box.focus();
		},
		{ input: subject.input, shown: subject.shown.toString(), target: query },
	);
	await page.keyboard.type(query, { delay: 40 });
	return page.evaluate(() => (window as unknown as { latency: Promise<number> }).latency);
}

/** Runs the search benchmark and prints its figures. */
export async function run(): Promise<void> {
	console.log(`\n## Search: ${COUNT} Reuters stories`);
	const content = writeReutersArchive(path.join(WORK, getArchiveFolderName(COUNT, getBenchArchiveOptions())), COUNT, getBenchArchiveOptions());
	// BENCH_REUSE_BUILD=1 measures the archive the last run built, to iterate on the search page alone.
	const reuse = process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(DIST, 'pagefind'));
	const buildSeconds = reuse ? Number.NaN : buildArchive(content);
	writeBaselinePage();
	const index = measureFolder(path.join(DIST, 'pagefind'));
	const server = await serveLikeAHost(DIST);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	try {
		const subjects: Subject[] = [
			{
				name: 'Clippings search page',
				url: `${server.origin}/search/`,
				input: '#search-q',
				shown: (query) => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.shown === `?${new URLSearchParams({ q: query })}`,
			},
			{
				name: 'baseline: Pagefind stock UI, same index',
				url: `${server.origin}/${BASELINE_PAGE}`,
				input: '.pagefind-ui__search-input',
				shown: (query) => (document.querySelector('.pagefind-ui__message')?.textContent ?? '').endsWith(`for ${query}`),
			},
		];
		const results = [];
		for (const subject of subjects) {
			const firsts: FirstSearch[] = [];
			let warm: number[] = [];
			for (const [index, query] of FIRST_QUERIES.entries()) {
				const measured = await measure(browser, subject, DIST, server.origin, query, index === 0 ? QUERIES : []);
				firsts.push(measured.first);
				if (index === 0) warm = measured.warm;
			}
			results.push({ subject, firsts, warm });
		}

		const portableOut = path.join(FOLDER, 'portable');
		const portableStarted = performance.now();
		const records = readSearchRecords(getSearchRecordsFile(path.join(FOLDER, '.cache')));
		const portable = await writePortableCopy({ dist: DIST, out: portableOut, base: '/', records });
		const portableSeconds = (performance.now() - portableStarted) / 1000;
		const portableFigures = await measure(
			browser,
			{
				name: 'portable copy from file://',
				url: `${pathToFileURL(portableOut).href}/search/index.html`,
				input: '#search-q',
				shown: (query) => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.shown === `?${new URLSearchParams({ q: query })}`,
			},
			portableOut,
			'file://',
			FIRST_QUERIES[0]!,
			QUERIES,
		);

		console.log(`build with index: ${reuse ? 'reused from the last run' : `${buildSeconds.toFixed(1)} s`}; Pagefind index ${(index.bytes / 1024 / 1024).toFixed(1)} MB in ${index.files} files`);
		console.log(`served gzip-compressed like a static host; service workers blocked; typed at 40 ms a key`);
		console.log('\nFirst search: a cold browser opens the search page and types one query (bytes until its results show; facet data, fetched after, apart)');
		console.log(`| search page | ${FIRST_QUERIES.map((query) => `“${query}”`).join(' | ')} | facet data, after | last key → results (cold) |`);
		console.log(`|---|${FIRST_QUERIES.map(() => '---:').join('|')}|---:|---:|`);
		for (const { subject, firsts } of results) {
			const cells = firsts.map((first) => `${kb(first.pageBytes + first.searchBytes)} (${first.requests} req.)`);
			console.log(`| ${subject.name} | ${cells.join(' | ')} | ${kb(median(firsts.map((first) => first.facetBytes)))} | ${median(firsts.map((first) => first.ms)).toFixed(0)} ms median |`);
		}
		const [ours] = results;
		const largest = Math.max(...ours!.firsts.map((first) => first.pageBytes + first.searchBytes));
		console.log(`Clippings, largest first search: ${kb(largest)} = page ${kb(ours!.firsts[0]!.pageBytes)} + search; the same files uncompressed: ${kb(Math.max(...ours!.firsts.map((first) => first.rawBytes)))}`);
		console.log(`\nTyping: ${QUERIES.length} queries in one session after the first; last keystroke → results on screen`);
		console.log('| search page | median | p90 | slowest |');
		console.log('|---|---:|---:|---:|');
		for (const { subject, warm } of results) {
			console.log(`| ${subject.name} | ${median(warm).toFixed(0)} ms | ${percentile(warm, 90).toFixed(0)} ms | ${Math.max(...warm).toFixed(0)} ms |`);
		}

		const data = statSync(path.join(portableOut, 'search-data.js')).size;
		console.log(
			`portable copy: ${portable.pages} pages in ${portableSeconds.toFixed(1)} s, search-data.js ${kb(data)}, index in ${portable.searchParts} parts (largest ${kb(portable.largestPart)}); from file://: first query ${portableFigures.first.ms.toFixed(0)} ms, then median ${median(portableFigures.warm).toFixed(0)} ms, p90 ${percentile(portableFigures.warm, 90).toFixed(0)} ms`,
		);
		const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
		console.log(`targets: every first search ≤ 250 KB ${met(largest <= 250 * 1024)}; results ≤ 100 ms after the last key (median) ${met(median(ours!.warm) <= 100)}`);
	} finally {
		await browser.close();
		await server.close();
	}
}

if (import.meta.main) await run();
