/**
 * Search benchmark: a 10,000-story Reuters archive (plus the 18F and Go blogs and the German, Arabic and
 * Chinese test stories) built by Clippings, index included, searched in headless Chromium.
 *
 * 1. Known-item evaluation: for each of 1,000 stories a reader half remembers, a run of words from its
 *    middle, its headline and the run with one word misspelt (and phrases from the other languages' stories)
 *    are searched on the real search page; it prints how often the story comes first and in the top 10, the
 *    mean reciprocal rank, how often nothing is found, and the time to results, against plain Pagefind
 *    (its own ranking, through its JavaScript API) over the same index in the same run.
 * 2. Speed: what the first search transfers and how soon results appear after the last keystroke, for the
 *    Clippings search page and Pagefind's stock UI (what a typical Astro + Pagefind site ships), then the
 *    portable copy's search from `file://`.
 *
 * 3. Chinese and Japanese (`cjk`): an archive of each language's translated manual pages (Debian's
 *    `manpages-zh` and `manpages-ja`, fetched with `apt-get download`; `../shared` has no Chinese or Japanese
 *    text), each page searched for with an 8-character run that identifies it, on the search page and plain
 *    Pagefind.
 *
 * `BENCH_ARTICLES` (10,000) sets the archive's Reuters stories, `BENCH_KNOWN_ITEMS` (1,000) the stories
 * evaluated, `BENCH_SEARCH=eval`, `=speed` or `=cjk` runs one part, `BENCH_REUSE_BUILD=1` reuses the last build.
 * `BENCH_DIST=folder` measures only the first searches, over a site already built in that folder (such as a
 * 100,000-story build): nothing is written or built.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writePortableCopy } from '../src/integrations/portable.ts';
import { getSearchRecordsFile, readSearchRecords } from '../src/integrations/search.ts';
import { toComparableWords } from '../src/scripts/search/ranking.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/support/browser.ts';
import { writeBlogArticles } from './support/blogs.ts';
import { buildClippingsArchive } from './support/clippings-build.ts';
import { measureFolder } from './support/folder-size.ts';
import { readManualStories, writeManualArchive, type CjkLanguage } from './support/cjk-manpages.ts';
import { buildCjkRunQueries, buildKnownItemQueries, readIndexedStories, type KnownItemQuery, type QueryKind } from './support/known-items.ts';
import { getBenchArchiveOptions, writeReutersArchive } from './support/reuters.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const FOLDER = path.join(WORK, 'search');
const DIST = path.join(FOLDER, 'dist');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const KNOWN_ITEMS = Number(process.env.BENCH_KNOWN_ITEMS ?? 1_000);
const PARTS = process.env.BENCH_SEARCH ?? 'eval,speed,cjk';
const LANGUAGE_STORIES = path.join(ROOT, 'tests', 'fixtures', 'search', 'content', 'articles', 'languages');
const BASELINE_PAGE = 'bench-baseline/index.html';
const PLAIN_PAGE = 'bench-plain/index.html';

/** First searches, each in a cold browser: one and two words, common and rare. */
const FIRST_QUERIES = ['oil prices', 'coffee', 'interest rates', 'takeover bid', 'yen'];

/** Words and phrases a reader of a 1987 newswire might type, one after another in one session. */
const QUERIES = [
	'coffee', 'tariff', 'dollar', 'merger', 'wheat', 'opec', 'yen', 'bank', 'gold',
	'sugar quota', 'debt', 'cocoa', 'strike', 'profit', 'japan', 'brazil', 'shipping', 'copper', 'inflation',
	'trade deficit', 'interest rates', 'takeover bid', 'grain exports', 'steel', 'oil prices',
];

/** One search page under test: where it is, its search box, and how to tell the results for a query are shown. */
export interface Subject {
	name: string;
	url: string;
	input: string;
	/** Runs in the page: whether the results for `query` are on screen. */
	shown: (query: string) => boolean;
}


export function median(values: number[]): number {
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
	writePlainPage(DIST);
}

/** An empty page of a built site, from which plain Pagefind is asked through its JavaScript API. */
function writePlainPage(dist: string): void {
	const plain = path.join(dist, PLAIN_PAGE);
	mkdirSync(path.dirname(plain), { recursive: true });
	writeFileSync(plain, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain Pagefind</title></head><body></body></html>\n');
}

/**
 * Asks every query of the search page served at `origin` and of plain Pagefind, one after another in one
 * browser context. Both start warm: the first query of each loads the scripts and start-up data, which the
 * speed part measures; and the other languages' indexes, which load after the first results, have loaded.
 */
async function askEveryQuery(browser: Browser, origin: string, queries: readonly KnownItemQuery[], warmUp: string): Promise<{ ours: Answer; plain: Answer }[]> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const ours = await context.newPage();
	await ours.goto(`${origin}/search/`, { waitUntil: 'load' });
	const plain = await context.newPage();
	await plain.goto(`${origin}/${PLAIN_PAGE}`, { waitUntil: 'load' });
	await askSearchPage(ours, warmUp);
	await ours.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.ready === 'true');
	const answers: { ours: Answer; plain: Answer }[] = [];
	for (const query of queries) {
		answers.push({ ours: await askSearchPage(ours, query.query), plain: await askPlainPagefind(plain, query.query, query.lang) });
	}
	await context.close();
	return answers;
}

/** What one first search cost: a cold browser opens the search page and types one query. */
export interface FirstSearch {
	query: string;
	/** Bytes sent for the page itself (HTML, styles, scripts) and for the search until its results show. */
	pageBytes: number;
	searchBytes: number;
	/**
	 * Fetched in the second after the results are on screen: the filter data for the facets, and in an
	 * archive of several languages the other languages' indexes (the first results come from the reader's).
	 */
	afterBytes: number;
	/** The same files' sizes on disk: what a host that compresses nothing would send. */
	rawBytes: number;
	requests: number;
	/** Last keystroke to results on screen. */
	ms: number;
}

interface Transfer {
	url: string;
	bytes: number;
	/** When the response finished (epoch milliseconds, from the browser's timing), to tell what came before the results showed. */
	at: number;
}

/** Opens a subject in a cold browser context and types `first`, then (timing only) each of `more`. */
export async function measure(browser: Browser, subject: Subject, root: string, origin: string, first: string, more: string[] = []): Promise<{ first: FirstSearch; warm: number[] }> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const transfers: Transfer[] = [];
	// Context-wide, so requests made by Pagefind's web worker (the stock UI uses one) are counted too.
	context.on('requestfinished', (request) => {
		const timing = request.timing();
		const at = timing.startTime + Math.max(timing.responseEnd, 0);
		// A request still being read when the context closes (a background fetch) has no sizes any more.
		void request.sizes().then((sizes) => transfers.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, at }), () => undefined);
	});
	const page = await context.newPage();
	const fileOf = (url: string) => (url.startsWith(origin) ? path.join(root, decodeURIComponent(new URL(url).pathname).replace(/\/$/, '/index.html')) : '');
	const total = (list: Transfer[]) => list.reduce((sum, entry) => sum + entry.bytes, 0);

	await page.goto(subject.url, { waitUntil: 'load' });
	await page.waitForSelector(subject.input);
	await page.waitForTimeout(500);
	const pageRequests = transfers.splice(0);
	const { ms, shownAt } = await timeQuery(page, subject, first);
	await page.waitForTimeout(1000);
	const searchRequests = transfers.splice(0);
	const shown = searchRequests.filter((entry) => entry.at <= shownAt);
	const after = searchRequests.filter((entry) => entry.at > shownAt);
	const warm: number[] = [];
	for (const query of more) {
		await page.fill(subject.input, '');
		await page.waitForTimeout(350);
		warm.push((await timeQuery(page, subject, query)).ms);
	}
	await context.close();
	return {
		first: {
			query: first,
			pageBytes: total(pageRequests),
			searchBytes: total(shown),
			afterBytes: total(after),
			rawBytes: [...pageRequests, ...shown].reduce((sum, entry) => sum + fileSize(fileOf(entry.url)), 0),
			requests: pageRequests.length + shown.length,
			ms,
		},
		warm,
	};
}

/** Types a query into the focused search box and times, in the page, its last keystroke to its results on screen. */
export async function timeQuery(page: Page, subject: Subject, query: string): Promise<{ ms: number; shownAt: number }> {
	await page.evaluate(
		({ input, shown, target }) => {
			const box = document.querySelector<HTMLInputElement>(input)!;
			const isShown = new Function('query', `return (${shown})(query);`) as (query: string) => boolean;
			(window as unknown as { latency: Promise<{ ms: number; shownAt: number }> }).latency = new Promise((resolve) => {
				let start = 0;
				const check = () => {
					if (start && isShown(target)) {
						observer.disconnect();
						const now = performance.now();
						resolve({ ms: now - start, shownAt: performance.timeOrigin + now });
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
	return page.evaluate(() => (window as unknown as { latency: Promise<{ ms: number; shownAt: number }> }).latency);
}


/** What one search returned: the result paths in order (at most 10), whether nothing was found, and how long it took. */
interface Answer {
	paths: string[];
	zero: boolean;
	ms: number;
}

/** Runs one query on the Clippings search page already open in `page`: fills the box, submits, waits for the results. */
async function askSearchPage(page: Page, query: string): Promise<Answer> {
	return page.evaluate(async (query) => {
		const root = document.querySelector<HTMLElement>('[data-search-page]')!;
		const form = root.querySelector<HTMLFormElement>('form[data-search-form]')!;
		const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
		const expected = `?${new URLSearchParams({ q: query.replace(/\s+/g, ' ').trim() })}`;
		delete root.dataset.shown;
		const shown = new Promise<void>((resolve) => {
			const observer = new MutationObserver(() => {
				if (root.dataset.shown === expected) {
					observer.disconnect();
					resolve();
				}
			});
			observer.observe(root, { attributes: true, attributeFilter: ['data-shown'] });
		});
		input.value = query;
		const started = performance.now();
		form.requestSubmit();
		await shown;
		const ms = performance.now() - started;
		const paths = [...root.querySelectorAll<HTMLAnchorElement>('.search-result h3 a')].map((link) => decodeURIComponent(new URL(link.href).pathname));
		return { paths, zero: paths.length === 0, ms };
	}, query);
}

/**
 * Plain Pagefind over the same index: one instance per language (each language's index needs its own
 * copy of the script), asked through its JavaScript API with its default ranking; the query goes to the
 * index of the story's language, the most a plain Pagefind page could do.
 */
async function askPlainPagefind(page: Page, query: string, lang: string): Promise<Answer> {
	return page.evaluate(
		async ({ query, lang }) => {
			type Result = { data: () => Promise<{ url: string }> };
			type Instance = { search: (term: string) => Promise<{ results: Result[] }> };
			const holder = window as unknown as { plain?: Record<string, Promise<Instance>> };
			const instances = (holder.plain ??= {});
			instances[lang] ??= (async () => {
				const module = (await import(`/pagefind/pagefind.js?language=${lang}`)) as { createInstance: (options: object) => Instance & { init: () => Promise<void> } };
				document.documentElement.lang = lang;
				const instance = module.createInstance({ basePath: '/pagefind/', noWorker: true });
				await instance.init();
				return instance;
			})();
			const instance = await instances[lang];
			const started = performance.now();
			const { results } = await instance.search(query);
			const top = await Promise.all(results.slice(0, 10).map((result) => result.data()));
			const ms = performance.now() - started;
			return { paths: top.map((data) => decodeURIComponent(new URL(data.url, location.href).pathname)), zero: results.length === 0, ms };
		},
		{ query, lang },
	);
}

/** Success at 1 and 10, reciprocal rank (0 beyond the tenth), nothing found, times: over some answers. */
function score(queries: readonly KnownItemQuery[], answers: readonly Answer[]) {
	const ranks = queries.map((query, index) => answers[index]!.paths.findIndex((found) => query.copies.includes(found)) + 1);
	const share = (count: number) => `${((100 * count) / Math.max(1, queries.length)).toFixed(1)} %`;
	return {
		n: queries.length,
		at1: share(ranks.filter((rank) => rank === 1).length),
		at10: share(ranks.filter((rank) => rank > 0).length),
		mrr: (ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / Math.max(1, queries.length)).toFixed(3),
		zero: share(answers.filter((answer) => answer.zero).length),
		median: median(answers.map((answer) => answer.ms)),
		p90: percentile(answers.map((answer) => answer.ms), 90),
	};
}

const KIND_LABELS: Record<QueryKind, string> = {
	fragment: 'fragment (4–8 words from the middle)',
	headline: 'headline',
	misspelt: 'fragment, one word misspelt',
	language: 'phrase in German, Arabic or Chinese',
};

/** The known-item evaluation: every query on the search page and on plain Pagefind, scored per kind. */
async function evaluateKnownItems(browser: Browser, origin: string): Promise<void> {
	const stories = readIndexedStories(getSearchRecordsFile(path.join(FOLDER, '.cache')));
	const queries = buildKnownItemQueries(stories, KNOWN_ITEMS, 'en');
	const answers = await askEveryQuery(browser, origin, queries, 'warm up');

	const misses = queries.map((query, index) => ({ query, answer: answers[index]!.ours })).filter(({ query, answer }) => !query.copies.includes(answer.paths[0] ?? ''));
	if (process.env.BENCH_SHOW_MISSES) {
		for (const { query, answer } of misses.slice(0, Number(process.env.BENCH_SHOW_MISSES))) {
			console.log(`miss ${query.kind}: “${query.query}” → ${query.target} at ${answer.paths.indexOf(query.target) + 1 || '—'} (${answer.paths.length} shown; ${query.shared} other stories hold the run)`);
		}
	}
	console.log(`\nKnown-item evaluation: ${stories.length} stories in the archive, ${KNOWN_ITEMS} of them asked for (${queries.length} queries, seeded); the hit is that story or a word-for-word copy of it`);
	console.log('| queries | n | search page: first | top 10 | MRR | nothing found | median | p90 | plain Pagefind: first | top 10 | MRR | nothing found | median |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const kind of ['fragment', 'headline', 'misspelt', 'language'] as const) {
		const indexes = queries.flatMap((query, index) => (query.kind === kind ? [index] : []));
		if (indexes.length === 0) continue;
		const picked = indexes.map((index) => queries[index]!);
		const a = score(picked, indexes.map((index) => answers[index]!.ours));
		const b = score(picked, indexes.map((index) => answers[index]!.plain));
		console.log(`| ${KIND_LABELS[kind]} | ${a.n} | ${a.at1} | ${a.at10} | ${a.mrr} | ${a.zero} | ${a.median.toFixed(0)} ms | ${a.p90.toFixed(0)} ms | ${b.at1} | ${b.at10} | ${b.mrr} | ${b.zero} | ${b.median.toFixed(0)} ms |`);
		const alone = indexes.filter((index) => queries[index]!.shared === 0);
		if (alone.length > 0 && alone.length < indexes.length) {
			const c = score(alone.map((index) => queries[index]!), alone.map((index) => answers[index]!.ours));
			const d = score(alone.map((index) => queries[index]!), alone.map((index) => answers[index]!.plain));
			console.log(`| ${KIND_LABELS[kind]}, the run in no other story | ${c.n} | ${c.at1} | ${c.at10} | ${c.mrr} | ${c.zero} | ${c.median.toFixed(0)} ms | ${c.p90.toFixed(0)} ms | ${d.at1} | ${d.at10} | ${d.mrr} | ${d.zero} | ${d.median.toFixed(0)} ms |`);
		}
		if (kind === 'headline') {
			// A headline other stories carry too (a daily wire item's) names them all alike: the reader asked for
			// a story with that headline, and gets one first or not.
			const titles = new Map(stories.map((story) => [story.path, toComparableWords(story.title)]));
			const headed = (answer: Answer, query: KnownItemQuery) => titles.get(answer.paths[0] ?? '') === toComparableWords(query.query);
			const share = (side: 'ours' | 'plain') => `${((100 * indexes.filter((index) => headed(answers[index]![side], queries[index]!)).length) / indexes.length).toFixed(1)} %`;
			console.log(`| headline: a story with that headline first | ${indexes.length} | ${share('ours')} | | | | | | ${share('plain')} | | | | |`);
		}
	}
	console.log('(time: submit → results on screen on the search page; search + the top 10 records for plain Pagefind)');
}

/** Runs the search benchmark and prints its figures. */
export async function run(): Promise<void> {
	if (process.env.BENCH_DIST) {
		await measureFirstSearchesOf(path.resolve(process.env.BENCH_DIST));
		return;
	}
	if (PARTS === 'cjk') {
		await evaluateCjkRuns();
		return;
	}
	console.log(`\n## Search: ${COUNT} Reuters stories, the 18F and Go blogs, 3 stories in German, Arabic and Chinese`);
	const archive = path.join(WORK, `search-archive-${COUNT}`);
	const content = writeReutersArchive(archive, COUNT, getBenchArchiveOptions());
	const blogPosts = writeBlogArticles(path.join(content, 'articles'));
	cpSync(LANGUAGE_STORIES, path.join(content, 'articles', 'languages'), { recursive: true });
	// BENCH_REUSE_BUILD=1 measures the archive the last run built, to iterate on the search page alone.
	const reuse = process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(DIST, 'pagefind'));
	const buildSeconds = reuse ? Number.NaN : buildClippingsArchive(FOLDER, content);
	writeBaselinePage();
	const index = measureFolder(path.join(DIST, 'pagefind'));
	const server = await serveLikeAHost(DIST);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	console.log(`build with index: ${reuse ? 'reused from the last run' : `${buildSeconds.toFixed(1)} s`} (${blogPosts} blog posts); Pagefind index ${(index.bytes / 1024 / 1024).toFixed(1)} MB in ${index.files} files`);
	try {
		if (PARTS.includes('eval')) await evaluateKnownItems(browser, server.origin);
		if (PARTS.includes('speed')) await measureSpeed(browser, server.origin);
	} finally {
		await browser.close();
		await server.close();
	}
	if (PARTS.includes('cjk')) await evaluateCjkRuns();
}

/** Part 3: an archive of Chinese, then of Japanese manual pages, each searched for with runs that identify them. */
async function evaluateCjkRuns(): Promise<void> {
	console.log('\nChinese and Japanese runs: 8 characters that identify a page, in an archive of that language’s manual pages (Debian manpages-zh, manpages-ja)');
	console.log('| archive | stories | queries | search page: first | top 10 | nothing found | median | plain Pagefind: first | top 10 | nothing found |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	// BENCH_CJK=ja measures one of them.
	for (const lang of (['zh', 'ja'] as const satisfies CjkLanguage[]).filter((lang) => !process.env.BENCH_CJK || process.env.BENCH_CJK === lang)) {
		const folder = path.join(WORK, `search-${lang}`);
		let stories;
		try {
			stories = readManualStories(path.join(WORK, 'corpora'), lang);
		} catch (error) {
			console.log(`| ${lang} | not measured: ${(error as Error).message} |`);
			continue;
		}
		const dist = path.join(folder, 'dist');
		if (!(process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(dist, 'pagefind')))) buildClippingsArchive(folder, writeManualArchive(folder, lang, stories));
		writePlainPage(dist);
		const built = readIndexedStories(getSearchRecordsFile(path.join(folder, '.cache')));
		const queries = buildCjkRunQueries(built, KNOWN_ITEMS, 17);
		const server = await serveLikeAHost(dist);
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
		try {
			const answers = await askEveryQuery(browser, server.origin, queries, '検索 搜索');
			if (process.env.BENCH_SHOW_MISSES) {
				queries.forEach((query, index) => {
					const found = answers[index]!.ours.paths;
					if (!query.copies.includes(found[0] ?? '')) console.log(`miss ${lang}: “${query.query}” → ${query.target} at ${found.indexOf(query.target) + 1 || '—'} (${found.length} shown)`);
				});
			}
			const a = score(queries, answers.map((answer) => answer.ours));
			const b = score(queries, answers.map((answer) => answer.plain));
			console.log(`| ${lang} | ${built.length} | ${a.n} | ${a.at1} | ${a.at10} | ${a.zero} | ${a.median.toFixed(0)} ms | ${b.at1} | ${b.at10} | ${b.zero} |`);
		} finally {
			await browser.close();
			await server.close();
		}
	}
}

/** The Clippings search page served at `origin`, as the bench types into it. */
function getSearchPageSubject(origin: string): Subject {
	return {
		name: 'Clippings search page',
		url: `${origin}/search/`,
		input: '#search-q',
		shown: (query) => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.shown === `?${new URLSearchParams({ q: query })}`,
	};
}

/** `BENCH_DIST`: each first query in a cold browser, over a site built elsewhere, served like a host. */
async function measureFirstSearchesOf(dist: string): Promise<void> {
	if (!existsSync(path.join(dist, 'search', 'index.html'))) throw new Error(`BENCH_DIST: ${dist} holds no built search page`);
	const index = measureFolder(path.join(dist, 'pagefind'));
	console.log(`\n## First searches over ${dist} (Pagefind index ${(index.bytes / 1024 / 1024).toFixed(1)} MB in ${index.files} files), served gzip-compressed`);
	const server = await serveLikeAHost(dist);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	try {
		console.log('| query | until results show | page | requests | the second after | last key → results |');
		console.log('|---|---:|---:|---:|---:|---:|');
		for (const query of FIRST_QUERIES) {
			const { first } = await measure(browser, getSearchPageSubject(server.origin), dist, server.origin, query);
			console.log(`| “${query}” | ${kb(first.pageBytes + first.searchBytes)} | ${kb(first.pageBytes)} | ${first.requests} | ${kb(first.afterBytes)} | ${first.ms.toFixed(0)} ms |`);
		}
		// After the first search its facets are counted: the searches typed after it show whether that slows them.
		const { warm } = await measure(browser, getSearchPageSubject(server.origin), dist, server.origin, FIRST_QUERIES[0]!, QUERIES);
		console.log(`\nTyping: ${QUERIES.length} queries in one session after “${FIRST_QUERIES[0]}” and its facets; last keystroke → results: median ${median(warm).toFixed(0)} ms, p90 ${percentile(warm, 90).toFixed(0)} ms, slowest ${Math.max(...warm).toFixed(0)} ms`);
	} finally {
		await browser.close();
		await server.close();
	}
}

/** The speed part: first searches in cold browsers, typing in one session, the portable copy. */
async function measureSpeed(browser: Browser, origin: string): Promise<void> {
	const server = { origin };
	{
		const subjects: Subject[] = [
			getSearchPageSubject(server.origin),
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

		console.log(`served gzip-compressed like a static host; service workers blocked; typed at 40 ms a key`);
		console.log('\nFirst search: a cold browser opens the search page and types one query (bytes until its results show; what follows in the next second apart: facet data, and the other languages’ indexes)');
		console.log(`| search page | ${FIRST_QUERIES.map((query) => `“${query}”`).join(' | ')} | the second after | last key → results (cold) |`);
		console.log(`|---|${FIRST_QUERIES.map(() => '---:').join('|')}|---:|---:|`);
		for (const { subject, firsts } of results) {
			const cells = firsts.map((first) => `${kb(first.pageBytes + first.searchBytes)} (${first.requests} req.)`);
			console.log(`| ${subject.name} | ${cells.join(' | ')} | ${kb(median(firsts.map((first) => first.afterBytes)))} | ${median(firsts.map((first) => first.ms)).toFixed(0)} ms median |`);
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
	}
}

if (import.meta.main) await run();
