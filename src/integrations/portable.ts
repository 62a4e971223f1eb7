/**
 * The portable build: a copy of the built archive that works opened from disk (`file://`) in a browser
 * with no server, e.g. from a USB stick. Run after `astro build` by `npm run build:portable`.
 * - Every site address becomes a relative path to a file (`toPortableHref`), so links navigate.
 * - Module scripts, which browsers refuse to load from `file://`, are bundled into classic deferred scripts.
 * - Pagefind cannot load its index from disk either, so the search page gets `search-data.js`: the same
 *   records Pagefind indexed (`createSearchRecord`, kept by the build in its cache folder), as an inverted
 *   index split into parts that are classic scripts, loaded as a search needs them
 *   (`src/scripts/search/local-engine.ts`): no file holds every story's text, and none grows with the
 *   archive except the small table of which part holds which words and the list of filter values.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { toPortableHref } from '../outputs/portable-links.ts';
import { MONTH_FILTER } from '../model/search-state.ts';
import {
	HEADLINE_WEIGHT,
	PARTS_GLOBAL,
	TABLE_FILTERS,
	type FilterValues,
	type LocalSearchData,
	type LocalStory,
	type TablePart,
	type TermsPart,
} from '../scripts/search/local-engine.ts';
import { tokenize } from '../model/search-text.ts';
import type { SearchIndexRecord } from '../outputs/search-record.ts';
import { getOfflineManifestPath, getOfflinePartsPath, getSearchBundlePath, getSearchCountsPath, getSearchPath, getServiceWorkerPath } from '../model/urls.ts';

/** The file the search page loads its records from, at the archive's root. */
export const SEARCH_DATA_FILE = 'search-data.js';

/** Where the classic versions of the site's module scripts go. */
const SCRIPTS_FOLDER = '_portable';

/** Where the search index's parts go. */
const SEARCH_FOLDER = `${SCRIPTS_FOLDER}/search/`;

/** How the search index is cut into parts. */
export interface PartSizes {
	/**
	 * Stories per stories part (about a kilobyte each): a page of 10 results reads up to 10 parts. Few enough
	 * files that a folder stays under FAT32's 65,534 entries up to a million stories.
	 */
	storiesPerPart: number;
	/** Stories per table part (a few bytes each): a common word's count reads every part. */
	tableRows: number;
	/** A terms part is closed once it holds about this many bytes; a single frequent start of words can exceed it. */
	termsPartBytes: number;
}

const PART_SIZES: PartSizes = { storiesPerPart: 20, tableRows: 10_000, termsPartBytes: 96 * 1024 };

const URL_ATTRIBUTES = ['href', 'src', 'action', 'poster'] as const;

/** What a portable copy holds. */
export interface PortableResult {
	pages: number;
	records: number;
	scripts: number;
	/** Files of the search index and the largest of them, in bytes. */
	searchParts: number;
	largestPart: number;
}

/**
 * Copies the built site in `dist` to `out` in its portable form. Files only a server can use (the
 * Pagefind bundle, the service worker, the offline manifest and its parts) are left out.
 */
export async function writePortableCopy({
	dist,
	out,
	base,
	records,
}: {
	dist: string;
	out: string;
	base: string;
	/** The records the build indexed (`readSearchRecords`). */
	records: AsyncIterable<SearchIndexRecord> | Iterable<SearchIndexRecord>;
}): Promise<PortableResult> {
	const skipped = new Set([getSearchBundlePath(), getServiceWorkerPath(), getOfflineManifestPath(), getOfflinePartsPath(), getSearchCountsPath()].map((address) => address.replace(/^\/|\/$/g, '')));
	rmSync(out, { recursive: true, force: true });
	cpSync(dist, out, {
		recursive: true,
		filter: (source) => !skipped.has(path.relative(dist, source).split(path.sep).join('/')),
	});

	const scripts = new ScriptBundler(out, base);
	const index = new PortableIndexWriter(path.join(out, ...SEARCH_FOLDER.split('/')));
	const pages = readdirSync(out, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.html'))
		.map((name) => name.split(path.sep).join('/'))
		.sort();
	const searchPage = `${getSearchPath().replace(/^\//, '')}index.html`;
	const processor = unified().use(rehypeParse).use(rehypeStringify);
	for await (const record of records) index.add(toLocalRecord(record));

	for (const page of pages) {
		const file = path.join(out, page);
		const tree = processor.parse(readFileSync(file, 'utf8')) as Root;
		const bundled: Promise<void>[] = [];
		visit(tree, 'element', (node: Element) => {
			for (const attribute of URL_ATTRIBUTES) {
				const value = node.properties[attribute];
				if (typeof value === 'string') node.properties[attribute] = toPortableHref(value, page, base);
			}
			// A photo's srcset lists one address per size: each must work from disk too, or the browser picks a broken one.
			const srcSet = node.properties.srcSet;
			if (typeof srcSet === 'string' || Array.isArray(srcSet)) {
				const candidates = Array.isArray(srcSet) ? srcSet.map(String) : srcSet.split(/,\s+/);
				node.properties.srcSet = candidates
					.map((candidate) => {
						const [address = '', ...descriptor] = candidate.trim().split(/\s+/);
						return [toPortableHref(address, page, base), ...descriptor].join(' ');
					})
					.join(', ');
			}
			if (node.tagName === 'script' && node.properties.type === 'module') {
				bundled.push(scripts.toClassic(node, page));
			}
		});
		await Promise.all(bundled);
		if (page === searchPage) addSearchData(tree, page);
		writeFileSync(file, processor.stringify(tree));
	}

	const data = index.finish();
	writeFileSync(path.join(out, SEARCH_DATA_FILE), `window.CLIPPINGS_SEARCH_DATA = ${JSON.stringify(data)};\n`);
	return { pages: pages.length, records: data.records, scripts: scripts.count, searchParts: index.parts, largestPart: index.largest };
}

/**
 * Writes the portable search index as it reads the stories: stories in short runs as soon as a run is full
 * (so no text stays in memory), then the table, the filter values and the words' postings at the end, the
 * postings in parts that each hold a run of the words in sorted order. Memory holds the postings (a few numbers per word of
 * each story) and a row per story (its date, address and filter values as numbers), never the text.
 */
export class PortableIndexWriter {
	readonly #folder: string;
	readonly #sizes: PartSizes;
	readonly #postings = new Map<string, { list: number[]; last: number }>();
	#stories: LocalStory[] = [];
	/** Per story, what orders it by date and its filter values as indexes into `#values`. */
	readonly #rows: { published: string; url: string; filters: (number | number[])[] }[] = [];
	readonly #values = new Map<string, Map<string, number>>(TABLE_FILTERS.map((name) => [name, new Map()]));
	readonly #months = new Set<string>();
	parts = 0;
	largest = 0;

	constructor(folder: string, sizes: Partial<PartSizes> = {}) {
		this.#folder = folder;
		this.#sizes = { ...PART_SIZES, ...sizes };
		rmSync(folder, { recursive: true, force: true });
		for (const kind of ['terms', 'table', 'stories']) mkdirSync(path.join(folder, kind), { recursive: true });
	}

	add(story: LocalStory): void {
		const id = this.#rows.length;
		const weights = new Map<string, number>();
		for (const word of tokenize(story.meta.title, story.lang)) weights.set(word, (weights.get(word) ?? 0) + HEADLINE_WEIGHT);
		for (const word of tokenize(story.text, story.lang)) weights.set(word, (weights.get(word) ?? 0) + 1);
		for (const [word, weight] of weights) {
			let entry = this.#postings.get(word);
			if (!entry) this.#postings.set(word, (entry = { list: [], last: 0 }));
			entry.list.push(id - entry.last, weight);
			entry.last = id;
		}
		for (const month of story.filters[MONTH_FILTER] ?? []) this.#months.add(month);
		const filters = TABLE_FILTERS.map((name) => {
			const indexes = (story.filters[name] ?? []).map((value) => this.#indexValue(name, value));
			return indexes.length === 1 ? indexes[0]! : indexes;
		});
		this.#rows.push({ published: story.meta.published, url: story.url, filters });
		this.#stories.push(story);
		if (this.#stories.length === this.#sizes.storiesPerPart) this.#flushStories();
	}

	finish(): LocalSearchData {
		if (this.#stories.length > 0) this.#flushStories();
		this.#writeTable();
		this.#write('values', Object.fromEntries([...this.#values].map(([name, values]) => [name, [...values.keys()]])) satisfies FilterValues);
		const terms = this.#writeTerms();
		return {
			version: 3,
			folder: SEARCH_FOLDER,
			records: this.#rows.length,
			storiesPerPart: this.#sizes.storiesPerPart,
			tableRows: this.#sizes.tableRows,
			months: [...this.#months].sort(),
			terms,
		};
	}

	#indexValue(name: string, value: string): number {
		const values = this.#values.get(name)!;
		let index = values.get(value);
		if (index === undefined) values.set(value, (index = values.size));
		return index;
	}

	#flushStories(): void {
		this.#write(`stories/${Math.floor((this.#rows.length - 1) / this.#sizes.storiesPerPart)}`, this.#stories);
		this.#stories = [];
	}

	/** The table in runs of `tableRows`, with each story's place in date order, as the search page orders them. */
	#writeTable(): void {
		const rows = this.#rows;
		const byDate = rows.map((_, id) => id).sort((a, b) => rows[a]!.published.localeCompare(rows[b]!.published) || rows[a]!.url.localeCompare(rows[b]!.url) || a - b);
		const order: number[] = [];
		for (const [place, id] of byDate.entries()) order[id] = place;
		const per = this.#sizes.tableRows;
		for (let first = 0; first < rows.length; first += per) {
			const run = rows.slice(first, first + per);
			const filters = Object.fromEntries(TABLE_FILTERS.map((name, column) => [name, run.map((row) => row.filters[column]!)]));
			this.#write(`table/${first / per}`, { order: order.slice(first, first + per), filters } satisfies TablePart);
		}
	}

	/** The postings in sorted order of the words, in parts of about `termsPartBytes`; returns each part's first and last word. */
	#writeTerms(): [string, string][] {
		const ranges: [string, string][] = [];
		let part: TermsPart = {};
		let words: string[] = [];
		let size = 0;
		const close = () => {
			this.#write(`terms/${ranges.length}`, part);
			ranges.push([words[0] ?? '', words.at(-1) ?? '']);
			part = {};
			words = [];
			size = 0;
		};
		for (const word of [...this.#postings.keys()].sort()) {
			if (size >= this.#sizes.termsPartBytes) close();
			const { list } = this.#postings.get(word)!;
			part[word] = list;
			words.push(word);
			size += word.length + list.length * 3;
		}
		if (size > 0 || ranges.length === 0) close();
		this.#postings.clear();
		return ranges;
	}

	/** A part is a classic script that files its data under its name, for `LocalEngine` to pick up. */
	#write(name: string, data: unknown): void {
		const script = `(window.${PARTS_GLOBAL} = window.${PARTS_GLOBAL} || {})[${JSON.stringify(name)}] = ${JSON.stringify(data)};\n`;
		writeFileSync(path.join(this.#folder, `${name}.js`), script);
		this.parts += 1;
		this.largest = Math.max(this.largest, Buffer.byteLength(script));
	}
}

/**
 * A search record as the portable index holds it: the page's file relative to the archive's root, and the
 * text without its headline (the headline is `meta.title`, weighted apart).
 * @example toLocalRecord(record).url // '1987/03/26/honda-exports/index.html'
 */
export function toLocalRecord(record: SearchIndexRecord): LocalStory {
	const text = record.content.slice(record.content.indexOf('\n\n') + 2).replace(/\s+/g, ' ').trim();
	return { url: `${decodeURIComponent(record.url).replace(/^\//, '')}index.html`, lang: record.language, text, meta: record.meta, filters: record.filters };
}

/** Puts the plain script that holds the search records before the search page's own script. */
function addSearchData(tree: Root, page: string): void {
	visit(tree, 'element', (node: Element) => {
		if (node.tagName !== 'head') return undefined;
		const src = toPortableHref(`/${SEARCH_DATA_FILE}`, page, '/');
		node.children.push({ type: 'element', tagName: 'script', properties: { src, dataSearchData: '' }, children: [] });
		return 'skip';
	});
}

/**
 * Turns module scripts into classic deferred scripts (browsers run classic scripts from `file://`),
 * bundling each with everything it imports. Deferred, they still run after the page is parsed, as
 * module scripts do.
 */
class ScriptBundler {
	readonly #out: string;
	readonly #base: string;
	readonly #done = new Map<string, Promise<string>>();

	constructor(out: string, base: string) {
		this.#out = out;
		this.#base = base.endsWith('/') ? base : `${base}/`;
	}

	get count(): number {
		return this.#done.size;
	}

	async toClassic(node: Element, page: string): Promise<void> {
		const src = node.properties.src;
		const code = typeof src === 'string' ? undefined : node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
		const key = typeof src === 'string' ? `file:${src}` : `inline:${createHash('sha256').update(code!).digest('hex').slice(0, 12)}`;
		let bundled = this.#done.get(key);
		if (!bundled) {
			bundled = this.#bundle(typeof src === 'string' ? path.resolve(path.dirname(path.join(this.#out, page)), src) : undefined, code, key);
			this.#done.set(key, bundled);
		}
		const file = await bundled;
		node.properties = { src: toPortableHref(`/${file}`, page, '/'), defer: true };
		node.children = [];
	}

	async #bundle(entry: string | undefined, code: string | undefined, key: string): Promise<string> {
		const name = entry ? path.basename(entry, '.js') : `inline-${key.slice('inline:'.length)}`;
		const file = `${SCRIPTS_FOLDER}/${name}.js`;
		const result = await build({
			...(entry ? { entryPoints: [entry] } : { stdin: { contents: code!, resolveDir: this.#out, loader: 'js' as const } }),
			bundle: true,
			format: 'iife',
			write: false,
			logLevel: 'silent',
			plugins: [this.#resolveSiteAddresses()],
		});
		mkdirSync(path.join(this.#out, SCRIPTS_FOLDER), { recursive: true });
		writeFileSync(path.join(this.#out, file), result.outputFiles[0]!.text);
		return file;
	}

	/** Imports written as site addresses (`/archive/_astro/chunk.js`) are files of the copy. */
	#resolveSiteAddresses(): Plugin {
		const base = this.#base;
		const out = this.#out;
		return {
			name: 'clippings-site-addresses',
			setup(plugin) {
				plugin.onResolve({ filter: /^\// }, (args) => {
					if (args.kind === 'entry-point' || args.path.startsWith(out) || !args.path.startsWith(base)) return undefined;
					return { path: path.join(out, args.path.slice(base.length)) };
				});
			},
		};
	}
}
