/**
 * Portable-copy benchmark: `npm run build:portable` for a Reuters archive of `BENCH_ARTICLES` stories
 * (10,000 by default), its two steps (`astro build`, then `src/cli/portable.ts`) measured like the build
 * bench (wall time, CPU and peak memory of each whole process tree), what the copy holds, and its first
 * search opened from disk (`file://`) in headless Chromium: the bytes the page and the search load (files
 * read from disk, as the browser's resource timing lists them) and the time from the last keystroke to
 * the results on screen, each query in a cold browser. `BENCH_REUSE_BUILD=1` measures the copy the last
 * run wrote.
 *
 * To measure the portable step of a build that already exists (a 100,000-story build takes 13+ minutes), name it
 * and the search records it kept; both are only read, and the copy is written to this bench's own folder:
 *   BENCH_ARTICLES=100000 BENCH_DIST=path/to/dist BENCH_RECORDS=path/to/.cache/clippings-search-records.jsonl \
 *     npm run bench -- portable
 * The copy of a large archive takes gigabytes: delete `bench/.work/portable-N/` when done. A build made by other
 * code carries that code's search page script, which reads the index format of its day: the bench replaces it in
 * the copy with this checkout's (`src/scripts/search/search-page.ts`), so that the engine reads the index written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as bundle } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/support/browser.ts';
import { BUILD_ENV, writeClippingsConfig } from './support/clippings-build.ts';
import { measureFolder } from './support/folder-size.ts';
import { measureTree, type TreeFigures } from './support/process-tree.ts';
import { getBenchArchiveOptions, getArchiveFolderName, writeReutersArchive } from './support/reuters.ts';
import { median, timeQuery, type Subject } from './search.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const FOLDER = path.join(WORK, `portable-${COUNT}`);
/** An existing build to copy (`BENCH_DIST`) with its search records (`BENCH_RECORDS`), instead of building one. */
const REUSED = process.env.BENCH_DIST ? { dist: path.resolve(process.env.BENCH_DIST), records: path.resolve(process.env.BENCH_RECORDS ?? '') } : undefined;
const DIST = REUSED?.dist ?? path.join(FOLDER, 'dist');
const OUT = path.join(FOLDER, 'portable');
const LOGS = path.join(FOLDER, 'logs');

/** First searches, each in a cold browser: the search bench's, one and two words, common and rare. */
const FIRST_QUERIES = ['oil prices', 'coffee', 'interest rates', 'takeover bid', 'yen'];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const gb = (mb: number) => `${(mb / 1024).toFixed(2)} GB`;

/** What one first search from disk cost. */
interface FirstSearch {
	query: string;
	/** Files the page loaded before the reader typed (the page, its styles and scripts, `search-data.js`), in bytes. */
	pageBytes: number;
	pageFiles: number;
	/** Files the search loaded until its results showed. */
	searchBytes: number;
	searchFiles: number;
	/** Files loaded in the second after the results showed: the records the facets' counts need. */
	facetBytes: number;
	facetFiles: number;
	/** The largest search part loaded. */
	largest: number;
	/** Last keystroke to results on screen. */
	ms: number;
	/** What the results line said. */
	status: string;
}

/** Runs `npm run build:portable`'s steps under measurement, unless reusing the last run's copy. */
async function buildPortable(content: string): Promise<{ build?: TreeFigures; portable?: TreeFigures }> {
	if (process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(OUT, 'search-data.js'))) return {};
	const config = writeClippingsConfig(FOLDER, content);
	const step = async (label: string, command: string, args: string[]) => {
		process.stdout.write(`  ${label} (load ${loadavg()[0]!.toFixed(1)}) … `);
		const log = path.join(LOGS, `${label}.log`);
		const figures = await measureTree(command, args, { cwd: ROOT, env: BUILD_ENV, log });
		if (figures.exitCode !== 0) throw new Error(`${label} failed (exit ${figures.exitCode}), see ${path.relative(ROOT, log)}`);
		console.log(`${figures.seconds.toFixed(1)} s`);
		return figures;
	};
	mkdirSync(LOGS, { recursive: true });
	const copy = [path.join(ROOT, 'src', 'cli', 'portable.ts'), '--config', config, '--dist', DIST, '--out', OUT];
	if (REUSED) {
		const portable = await step('portable', process.execPath, [...copy, '--records', REUSED.records]);
		await replaceSearchScript();
		return { portable };
	}
	const build = await step('astro-build', path.join(ROOT, 'node_modules', '.bin', 'astro'), ['build', '--config', config]);
	const portable = await step('portable', process.execPath, copy);
	return { build, portable };
}

/** Puts this checkout's search page script in the copy, in place of the one the reused build carried (minified, as the build's scripts are). */
async function replaceSearchScript(): Promise<void> {
	const page = readFileSync(path.join(OUT, 'search', 'index.html'), 'utf8');
	const scripts = [...page.matchAll(/<script [^>]*src="\.\.\/(_portable\/[^"]+\.js)"/g)].map((match) => path.join(OUT, match[1]!));
	const search = scripts.find((file) => readFileSync(file, 'utf8').includes('CLIPPINGS_SEARCH_DATA'));
	if (!search) throw new Error(`no script of ${path.join(OUT, 'search', 'index.html')} reads search-data.js`);
	await bundle({ entryPoints: [path.join(ROOT, 'src', 'scripts', 'search', 'search-page.ts')], bundle: true, format: 'iife', minify: true, outfile: search, allowOverwrite: true, logLevel: 'warning' });
}

/** Opens the copy's search page from disk in a cold browser and types one query. */
async function measureFirstSearch(browser: Browser, query: string): Promise<FirstSearch> {
	const context = await browser.newContext();
	// Every file the page reads, in order: Chromium reports requests for file:// addresses too (resource timing does not).
	const requested: string[] = [];
	context.on('request', (request) => requested.push(request.url()));
	const page = await context.newPage();
	const subject: Subject = {
		name: 'portable copy from file://',
		url: `${pathToFileURL(OUT).href}/search/index.html`,
		input: '#search-q',
		shown: (query) => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.shown === `?${new URLSearchParams({ q: query })}`,
	};
	await page.goto(subject.url, { waitUntil: 'load' });
	await page.waitForSelector(subject.input);
	await page.waitForTimeout(500);
	const before = requested.splice(0);
	const { ms } = await timeQuery(page, subject, query);
	const until = requested.splice(0);
	await page.waitForTimeout(1000);
	const after = requested.splice(0);
	const status = (await page.locator('[data-search-status]').innerText()).trim();
	await context.close();
	const sizeOf = (url: string) => statSync(fileURLToPath(url.split('#')[0]!.split('?')[0]!)).size;
	const pageSizes = before.map(sizeOf);
	const searchSizes = until.map(sizeOf);
	const facetSizes = after.map(sizeOf);
	const sum = (sizes: number[]) => sizes.reduce((total, size) => total + size, 0);
	return {
		query,
		pageBytes: sum(pageSizes),
		pageFiles: pageSizes.length,
		searchBytes: sum(searchSizes),
		searchFiles: searchSizes.length,
		facetBytes: sum(facetSizes),
		facetFiles: facetSizes.length,
		largest: Math.max(0, ...searchSizes, ...facetSizes),
		ms,
		status,
	};
}

/** What a search opened by its address (`search/index.html?q=…`) reads: exactly what one query needs. */
interface AddressedSearch {
	query: string;
	/** Index parts read until the results showed, and in the second after (the records the facets' counts need). */
	partsBytes: number;
	parts: number;
	facetBytes: number;
	facetParts: number;
	/** From the start of navigation to the results on screen (the page's own loading included). */
	ms: number;
}

/** Opens the copy's search page from disk in a cold browser with the query in its address. */
async function measureAddressedSearch(browser: Browser, query: string): Promise<AddressedSearch> {
	const context = await browser.newContext();
	const requested: string[] = [];
	context.on('request', (request) => requested.push(request.url()));
	const page = await context.newPage();
	const search = `?${new URLSearchParams({ q: query })}`;
	await page.goto(`${pathToFileURL(OUT).href}/search/index.html${search}`, { waitUntil: 'commit' });
	await page.waitForFunction((search) => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.shown === search, search, { timeout: 120_000, polling: 10 });
	const ms = await page.evaluate(() => performance.now());
	const until = requested.splice(0);
	await page.waitForTimeout(1000);
	const after = requested.splice(0);
	await context.close();
	const parts = (urls: string[]) => urls.filter((url) => url.includes('/_portable/search/')).map((url) => statSync(fileURLToPath(url)).size);
	const sum = (sizes: number[]) => sizes.reduce((total, size) => total + size, 0);
	return { query, partsBytes: sum(parts(until)), parts: parts(until).length, facetBytes: sum(parts(after)), facetParts: parts(after).length, ms };
}

/** Files of the copy's search index, by kind (`terms`, `table`, `stories`, `values.js`). */
function describeSearchParts(): string {
	const folder = path.join(OUT, '_portable', 'search');
	return readdirSync(folder)
		.map((kind) => {
			if (statSync(path.join(folder, kind)).isFile()) return `${kind} ${kb(statSync(path.join(folder, kind)).size)}`;
			const size = measureFolder(path.join(folder, kind));
			return `${kind} ${size.files} (${kb(size.bytes)})`;
		})
		.join(', ');
}

/** Runs the portable-copy benchmark and prints its figures. */
export async function run(): Promise<void> {
	console.log(`\n## Portable copy: ${COUNT} Reuters stories, opened from disk`);
	if (REUSED && !existsSync(REUSED.records)) throw new Error(`BENCH_DIST needs BENCH_RECORDS, the build's clippings-search-records.jsonl (not found: ${REUSED.records})`);
	const archive = path.join(WORK, getArchiveFolderName(COUNT, getBenchArchiveOptions()));
	// A reused build's content is never read: the copy is made from its pages and records.
	const content = REUSED ? path.join(archive, 'content') : writeReutersArchive(archive, COUNT, getBenchArchiveOptions());
	const { build, portable } = await buildPortable(content);
	const site = measureFolder(DIST);
	const copy = measureFolder(OUT);
	const data = statSync(path.join(OUT, 'search-data.js')).size;
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	const firsts: FirstSearch[] = [];
	const addressed: AddressedSearch[] = [];
	try {
		for (const query of FIRST_QUERIES) addressed.push(await measureAddressedSearch(browser, query));
		for (const query of FIRST_QUERIES) firsts.push(await measureFirstSearch(browser, query));
	} finally {
		await browser.close();
	}

	const describe = (figures: TreeFigures) =>
		`${figures.seconds.toFixed(1)} s wall, ${figures.cpuSeconds.toFixed(1)} CPU s, peak RSS ${gb(figures.peakTreeMb)} (tree) / ${gb(figures.peakProcessMb)} (largest process)`;
	if (build && portable) {
		console.log(`astro build: ${describe(build)}`);
		console.log(`portable copy (src/cli/portable.ts): ${describe(portable)}`);
		console.log(`npm run build:portable in all: ${(build.seconds + portable.seconds).toFixed(1)} s wall, peak RSS ${gb(Math.max(build.peakTreeMb, portable.peakTreeMb))}`);
	} else if (portable) console.log(`portable copy (src/cli/portable.ts) of the build in ${REUSED!.dist}: ${describe(portable)}`);
	else console.log('build and portable copy reused from the last run');
	console.log(`site: ${site.files} files (${site.html} HTML pages), ${(site.bytes / 1024 / 1024).toFixed(0)} MB; portable copy: ${copy.files} files (${copy.html} HTML pages), ${(copy.bytes / 1024 / 1024).toFixed(0)} MB`);
	console.log(`portable search: search-data.js ${kb(data)} (loaded with the search page); parts: ${describeSearchParts()}`);
	console.log('\nOne query opened by its address (search/index.html?q=…) from file://, each in a cold browser: the index parts it reads');
	console.log('| query | parts read until the results show | then for the facets | navigation → results |');
	console.log('|---|---:|---:|---:|');
	for (const one of addressed) {
		console.log(`| “${one.query}” | ${kb(one.partsBytes)} (${one.parts} files) | ${kb(one.facetBytes)} (${one.facetParts} files) | ${one.ms.toFixed(0)} ms |`);
	}
	console.log('\nFirst search typed from file://, each in a cold browser (bytes read from disk; nothing is compressed; each prefix typed is searched too)');
	console.log('| query | search page loads | the search loads until its results show | then the facets’ records | largest part | last key → results | results line |');
	console.log('|---|---:|---:|---:|---:|---:|---|');
	for (const first of firsts) {
		console.log(
			`| “${first.query}” | ${kb(first.pageBytes)} (${first.pageFiles} files) | ${kb(first.searchBytes)} (${first.searchFiles} files) | ${kb(first.facetBytes)} (${first.facetFiles} files) | ${kb(first.largest)} | ${first.ms.toFixed(0)} ms | ${first.status.slice(0, 80)} |`,
		);
	}
	console.log(
		`median: the search loads ${kb(median(firsts.map((first) => first.searchBytes)))} until its results show, then ${kb(median(firsts.map((first) => first.facetBytes)))} for the facets; results ${median(firsts.map((first) => first.ms)).toFixed(0)} ms after the last key`,
	);
}

if (import.meta.main) await run();
