/**
 * A Pagefind index's filters (source, byline, year, topic, month, day), read by the search page itself.
 *
 * Pagefind counts every value of every filter it has loaded at each search, testing each of a value's pages
 * against a list of the results (`get_filters` in `pagefind_web/src/filter.rs`): the work grows with the
 * stories times the results. At 100,000 stories a search took 2.4–12.9 s, instead of 0.6 s, once the facets
 * had been counted. So the engine never hands Pagefind a filter: it searches the words, then keeps, counts
 * and orders the results with the same filter files read here, in time that grows with the results alone.
 *
 * An index's files (Pagefind 1.6, see `pagefind-merge.ts`): `pagefind-entry.json` names each language's
 * metadata file, whose pages (in order, by fragment hash: a result's id) and filter files it lists; a filter
 * file is `[name, [[value, [page, …]], …]]`. Each is CBOR, gzip-compressed after the marker `pagefind_dcd`.
 */
import { decodeCbor, type CborValue } from '../../model/cbor.ts';
import type { SearchFilters } from '../../model/search-state.ts';

/** The filters of one language's index, each read once, when first needed. */
export interface IndexFilters {
	/** Reads the filters named; a filter the index doesn't have gives no story a value. */
	load(names: Iterable<string>): Promise<void>;
	/** A loaded filter's values for a result, by the result's id (none for an id the index doesn't hold). */
	getValues(id: string, name: string): readonly string[];
}

const MARKER = new TextEncoder().encode('pagefind_dcd');
const NONE: readonly string[] = Object.freeze([]);

/**
 * The filters of the index of `lang` in the bundle at `bundle` (`/archive/pagefind/`).
 * @example await openIndexFilters('/pagefind/', 'en').load(['source']); filters.getValues('en_3f2a1b0', 'source') // ['Reuters']
 */
export function openIndexFilters(bundle: string, lang: string): IndexFilters {
	const byPage = new Map<string, (readonly string[] | undefined)[]>();
	const loading = new Map<string, Promise<void>>();
	/** Each page's number by its id, once the metadata is read. */
	let pageOf: Map<string, number> | undefined;
	let meta: Promise<{ pages: Map<string, number>; files: Map<string, string> }> | undefined;
	const readMeta = async () => {
		// Fresh, as Pagefind reads it: the entry names the metadata this deployment's Pagefind searches.
		const entryUrl = `${bundle}pagefind-entry.json?ts=${Date.now()}`;
		const response = await fetch(entryUrl);
		if (!response.ok) throw new Error(`Clippings: ${entryUrl} could not be read (${response.status})`);
		const entry = (await response.json()) as { languages?: Record<string, { hash?: string }> };
		const hash = entry.languages?.[lang]?.hash;
		if (!hash) throw new Error(`Clippings: the search index at ${bundle} has no index for the language "${lang}"`);
		const [, pages, , filters] = (await readIndexFile(`${bundle}pagefind.${hash}.pf_meta`)) as [string, [string, ...CborValue[]][], unknown, [string, string][]];
		return { pages: new Map(pages.map(([id], index) => [id, index])), files: new Map(filters) };
	};
	const readFilter = async (name: string) => {
		if (!meta) {
			meta = readMeta();
			meta.catch(() => (meta = undefined));
		}
		const { pages, files } = await meta;
		pageOf = pages;
		const values: (readonly string[] | undefined)[] = new Array(pages.size);
		const file = files.get(name);
		if (file !== undefined) {
			const [, listed] = (await readIndexFile(`${bundle}filter/${file}.pf_filter`)) as [string, [string, number[]][]];
			for (const [value, valuePages] of listed) {
				for (const page of valuePages) {
					const held = values[page];
					values[page] = held ? [...held, value] : [value];
				}
			}
		}
		byPage.set(name, values);
	};
	return {
		async load(names) {
			await Promise.all(
				[...new Set(names)].map((name) => {
					let loaded = loading.get(name);
					if (!loaded) {
						loaded = readFilter(name);
						// A failed read is tried again at the next search instead of failing every search after it.
						loaded.catch(() => loading.delete(name));
						loading.set(name, loaded);
					}
					return loaded;
				}),
			);
		},
		getValues(id, name) {
			const values = byPage.get(name);
			if (!values || !pageOf) throw new Error(`Clippings: the filter "${name}" was read before it was loaded`);
			const page = pageOf.get(id);
			return (page === undefined ? undefined : values[page]) ?? NONE;
		},
	};
}

/**
 * A test of whether a result passes the filters: within a filter any of the values chosen, across filters
 * all of them (Pagefind's `any`). The filters must have been loaded.
 * @example const passes = selectByFilters(filters, { source: { any: ['Reuters'] } }); results.filter((result) => passes(result.id))
 */
export function selectByFilters(filters: IndexFilters, chosen: SearchFilters): (id: string) => boolean {
	const tests = Object.entries(chosen).map(([name, { any }]) => ({ name, values: new Set(any) }));
	return (id) => tests.every(({ name, values }) => filters.getValues(id, name).some((value) => values.has(value)));
}

/**
 * How many of the results hold each value of a filter (a story with two bylines counts once for each).
 * @example countValues(filters, ['en_1', 'en_2'], 'year') // { '1987': 2 }
 */
export function countValues(filters: IndexFilters, ids: Iterable<string>, name: string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const id of ids) {
		for (const value of filters.getValues(id, name)) counts[value] = (counts[value] ?? 0) + 1;
	}
	return counts;
}

/**
 * Reads one of Pagefind's index files: gzip-compressed (unless the server already undid it), after the marker.
 * Their names hold a hash of their content, so any copy in the browser's cache is the right one: taking it
 * saves reading the metadata a second time after Pagefind's own read (638 KB at 100,000 stories, when the
 * host sends no validator to ask again with).
 */
async function readIndexFile(url: string): Promise<CborValue> {
	const response = await fetch(url, { cache: 'force-cache' });
	if (!response.ok) throw new Error(`Clippings: ${url} could not be read (${response.status})`);
	let bytes = new Uint8Array(await response.arrayBuffer());
	if (!startsWithMarker(bytes)) {
		const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
		bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
	}
	if (!startsWithMarker(bytes)) throw new Error(`Clippings: ${url} is not a Pagefind index file`);
	return decodeCbor(bytes.subarray(MARKER.length));
}

function startsWithMarker(bytes: Uint8Array): boolean {
	return bytes.length >= MARKER.length && MARKER.every((byte, index) => bytes[index] === byte);
}
