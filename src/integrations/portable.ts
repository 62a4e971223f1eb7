/**
 * The portable build: a copy of the built archive that works opened from disk (`file://`) in a browser
 * with no server, e.g. from a USB stick. Run after `astro build` by `npm run build:portable`.
 * - Every site address becomes a relative path to a file (`toPortableHref`), so links navigate.
 * - Module scripts, which browsers refuse to load from `file://`, are bundled into classic deferred scripts.
 * - Pagefind cannot load its index from disk either, so the search page gets `search-data.js`: the same
 *   records Pagefind indexed (read from the same `data-pagefind-*` marks in the same pages), loaded with
 *   a plain `<script>` tag and searched in memory (`src/scripts/search/local-engine.ts`).
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
import { toPortableHref } from '../lib/portable-links.ts';
import { MONTH_FILTER } from '../lib/search-state.ts';
import type { LocalRecord, LocalSearchData } from '../scripts/search/local-engine.ts';
import { getOfflineManifestPath, getSearchBundlePath, getSearchCountsPath, getSearchPath, getServiceWorkerPath } from '../lib/urls.ts';

/** The file the search page loads its records from, at the archive's root. */
export const SEARCH_DATA_FILE = 'search-data.js';

/** Where the classic versions of the site's module scripts go. */
const SCRIPTS_FOLDER = '_portable';

const URL_ATTRIBUTES = ['href', 'src', 'action', 'poster'] as const;

/** What a portable copy holds. */
export interface PortableResult {
	pages: number;
	records: number;
	scripts: number;
}

/**
 * Copies the built site in `dist` to `out` in its portable form. Files only a server can use (the
 * Pagefind bundle, the service worker, the offline manifest) are left out.
 */
export async function writePortableCopy({ dist, out, base }: { dist: string; out: string; base: string }): Promise<PortableResult> {
	const skipped = new Set([getSearchBundlePath(), getServiceWorkerPath(), getOfflineManifestPath(), getSearchCountsPath()].map((address) => address.replace(/^\/|\/$/g, '')));
	rmSync(out, { recursive: true, force: true });
	cpSync(dist, out, {
		recursive: true,
		filter: (source) => !skipped.has(path.relative(dist, source).split(path.sep).join('/')),
	});

	const scripts = new ScriptBundler(out, base);
	const records: LocalRecord[] = [];
	const pages = readdirSync(out, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.html'))
		.map((name) => name.split(path.sep).join('/'))
		.sort();
	const searchPage = `${getSearchPath().replace(/^\//, '')}index.html`;
	const processor = unified().use(rehypeParse).use(rehypeStringify);

	for (const page of pages) {
		const file = path.join(out, page);
		const tree = processor.parse(readFileSync(file, 'utf8')) as Root;
		const record = readSearchRecord(tree, page);
		if (record) records.push(record);
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

	const months = [...new Set(records.flatMap((record) => record.filters[MONTH_FILTER] ?? []))].sort();
	const data: LocalSearchData = { records, months };
	writeFileSync(path.join(out, SEARCH_DATA_FILE), `window.CLIPPINGS_SEARCH_DATA = ${JSON.stringify(data)};\n`);
	return { pages: pages.length, records: records.length, scripts: scripts.count };
}

/**
 * The search record of an article page, from the same marks Pagefind reads: the `data-pagefind-body`
 * parts (headline and body), and the `data-pagefind-meta` and `data-pagefind-filter` values.
 */
function readSearchRecord(tree: Root, page: string): LocalRecord | undefined {
	const bodies: Element[] = [];
	const meta: Record<string, string> = {};
	const filters: Record<string, string[]> = {};
	let lang = '';
	visit(tree, 'element', (node: Element) => {
		if (node.tagName === 'html') lang = String(node.properties.lang ?? '').toLowerCase();
		if (node.properties.dataPagefindBody !== undefined) {
			bodies.push(node);
			return 'skip';
		}
		const value = String(node.properties.value ?? '');
		const named = (attribute: unknown) => /^([\w-]+)\[value\]$/.exec(String(attribute ?? ''))?.[1];
		const metaName = named(node.properties.dataPagefindMeta);
		const filterName = named(node.properties.dataPagefindFilter);
		if (metaName) meta[metaName] = value;
		if (filterName) (filters[filterName] ??= []).push(value);
		return undefined;
	});
	if (bodies.length === 0) return undefined;
	const text = bodies
		.filter((body) => body.tagName !== 'h1')
		.map((body) => toText(body))
		.join('\n')
		.replace(/\s+/g, ' ')
		.trim();
	return {
		url: page,
		lang,
		text,
		meta: { title: meta.title ?? '', date: meta.date ?? '', datetime: meta.datetime ?? '', published: meta.published ?? '' },
		filters,
	};
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
