/**
 * One Pagefind bundle from several built over disjoint sets of stories (the parts of an index built part by
 * part), which searches exactly as one index built over all of them: the same words in the same chunks,
 * the same pages, filters and scores (Pagefind's ranking takes the page count and average length from the
 * merged metadata when a search runs). So the build can index each part on its own, one at a time (Pagefind
 * holds the whole index it builds in memory), and index again only the parts whose stories changed.
 *
 * Pagefind's files (version 1.6, read from `pagefind/src/index/` in its source): per language a metadata
 * file (`pagefind.<lang>_<hash>.pf_meta`: version, pages as [fragment hash, word count, …], index chunks as
 * [first word, last word, file], filter files as [name, file], sorts, metadata fields), word chunks
 * (`index/*.pf_index`: sorted words, each with its pages, numbered in the metadata's order and delta-encoded
 * in each word's list, and each page's locations) and filter files (`filter/*.pf_filter`: [name, [value,
 * pages]]); each is CBOR, gzip-compressed after the marker `pagefind_dcd`. Fragments (one file a page) do
 * not depend on the other pages and are shared as they are.
 *
 * The build indexes each month as a part and merges them (`startSearchIndex` in `search.ts`).
 */
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeCbor, decodeCborList, encodeCbor, type CborValue } from '../model/cbor.ts';
import { runInWorker } from './worker-task.ts';

/** What Pagefind writes before the CBOR of every index file, inside the gzip stream. */
const MARKER = Buffer.from('pagefind_dcd');

/** A word of a chunk: [word, pages as [page, locations, metadata locations], variants as [form, pages]]. */
type PackedPage = [page: number, locations: number[], metaLocations: number[]];
type PackedWord = [word: string, pages: PackedPage[], variants: [form: string, pages: PackedPage[]][]];

/** Reads one of Pagefind's index files. */
export function readPagefindFile(file: string): CborValue {
	return decodeCbor(readPagefindBody(file));
}

/** One of Pagefind's index files, decompressed, without its marker: its CBOR. */
function readPagefindBody(file: string): Uint8Array {
	const data = gunzipSync(readFileSync(file));
	return data.subarray(0, MARKER.length).equals(MARKER) ? data.subarray(MARKER.length) : data;
}

function writePagefindFile(file: string, value: CborValue): void {
	writeFileSync(file, gzipSync(Buffer.concat([MARKER, encodeCbor(value)])));
}

/**
 * Words in the order Pagefind sorts them (Rust compares strings byte by byte in UTF-8, which is the order of
 * code points; JavaScript compares UTF-16 units, which differs past U+FFFF).
 */
export function compareWords(a: string, b: string): number {
	const length = Math.min(a.length, b.length);
	for (let index = 0; index < length; index++) {
		const x = a.charCodeAt(index);
		const y = b.charCodeAt(index);
		if (x === y) continue;
		// A surrogate (half of a character past U+FFFF) sorts after every character of the first 65,536; two
		// surrogates at the first difference are both high or both low, whose order is their characters'.
		const xSurrogate = x >= 0xd800 && x <= 0xdfff;
		const ySurrogate = y >= 0xd800 && y <= 0xdfff;
		return xSurrogate === ySurrogate ? x - y : xSurrogate ? 1 : -1;
	}
	return a.length - b.length;
}

/** The bundle's entry file, as Pagefind writes it. */
interface PagefindEntry {
	version: string;
	languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
	include_characters?: string[];
}

/**
 * Writes into `out` one bundle holding every part's stories (the parts in the order given, so the pages are
 * numbered as one index over the stories in that order would number them) and returns each language's page count.
 * `chunkSize` must be the size the parts were written with. The parts must hold disjoint stories, be written
 * by one Pagefind version, and use no sort keys.
 */
export function mergePagefindBundles({ parts, out, chunkSize }: { parts: readonly string[]; out: string; chunkSize: number }): Record<string, number> {
	if (parts.length === 0) throw new Error('Clippings: no index parts to merge');
	const entries = parts.map((part) => JSON.parse(readFileSync(path.join(part, 'pagefind-entry.json'), 'utf8')) as PagefindEntry);
	const version = entries[0]!.version;
	const other = entries.findIndex((entry) => entry.version !== version);
	if (other >= 0) throw new Error(`Clippings: the index parts were written by Pagefind ${version} and ${entries[other]!.version}: ${parts[other]}`);
	for (const folder of ['index', 'filter', 'fragment']) mkdirSync(path.join(out, folder), { recursive: true });
	const merged: PagefindEntry = { version, languages: {}, ...(entries[0]!.include_characters ? { include_characters: entries[0]!.include_characters } : {}) };
	const languages = [...new Set(entries.flatMap((entry) => Object.keys(entry.languages)))].sort(compareWords);
	for (const lang of languages) {
		const holding = parts.flatMap((part, index) => {
			const info = entries[index]!.languages[lang];
			return info ? [{ part, info, meta: readPagefindFile(path.join(part, `pagefind.${info.hash}.pf_meta`)) as CborValue[] }] : [];
		});
		const hash = mergeLanguage(lang, holding, out, chunkSize);
		merged.languages[lang] = { hash, wasm: holding[0]!.info.wasm, page_count: holding.reduce((sum, { info }) => sum + info.page_count, 0) };
	}
	writeFileSync(path.join(out, 'pagefind-entry.json'), JSON.stringify(merged));
	// Pagefind's scripts and WebAssembly are the same in every part of one version (a part has the modules of
	// its languages only); the fragments are per page.
	for (const part of parts) {
		for (const file of readdirSync(part)) if (/\.(js|css|pagefind)$/.test(file) && !existsSync(path.join(out, file))) copyFileSync(path.join(part, file), path.join(out, file));
	}
	for (const part of parts) {
		for (const file of readdirSync(path.join(part, 'fragment'))) {
			const target = path.join(out, 'fragment', file);
			if (!existsSync(target)) linkOrCopyFile(path.join(part, 'fragment', file), target);
		}
	}
	return Object.fromEntries(Object.entries(merged.languages).map(([lang, { page_count }]) => [lang, page_count]));
}

/**
 * `mergePagefindBundles` in a worker thread, so the main thread goes on bundling and writing pages meanwhile
 * (the merge reads and writes the whole index: at 10,000 stories about 3 s, which held up the bundling of a
 * rebuild after an edit from 0.9 to 4.6 s). Rejects with the merge's error.
 */
export function mergeInWorker(options: { parts: readonly string[]; out: string; chunkSize: number }): Promise<Record<string, number>> {
	return runInWorker(new URL(import.meta.url), 'mergePagefindBundles', options, "merging the search index's parts");
}

/** Merges one language's indexes; returns the name of its metadata (`en_0123456789`). */
function mergeLanguage(lang: string, holding: { part: string; meta: CborValue[] }[], out: string, chunkSize: number): string {
	const version = holding[0]!.meta[0]!;
	const pages: CborValue[] = [];
	const offsets: number[] = [];
	const fields = new Set<string>();
	const filters = new Map<string, Map<string, number[]>>();
	for (const { part, meta } of holding) {
		const [, partPages, , partFilters, sorts, partFields] = meta as [string, CborValue[], CborValue[], [string, string][], CborValue[], string[]];
		if (sorts.length > 0) throw new Error(`Clippings: the index part ${part} has sort keys, which merging does not support`);
		offsets.push(pages.length);
		for (const field of partFields) fields.add(field);
		for (const [, file] of partFilters) {
			const [name, values] = readPagefindFile(path.join(part, 'filter', `${file}.pf_filter`)) as [string, [string, number[]][]];
			const byValue = filters.get(name) ?? new Map<string, number[]>();
			filters.set(name, byValue);
			for (const [value, valuePages] of values) {
				const list = byValue.get(value) ?? [];
				byValue.set(value, list);
				append(list, valuePages.map((page) => page + pages.length));
			}
		}
		append(pages, partPages);
	}

	// The words of every part in order, merged as they stream, and cut into chunks as Pagefind cuts them.
	const streams = holding.map(({ part, meta }, index) => readWords(part, meta[2] as [string, string, string][], offsets[index]!));
	const heads = new WordHeads(streams);
	const chunks: [string, string, string][] = [];
	const used = new Set<string>();
	let chunk: PackedWord[] = [];
	let counted = 0;
	const flush = () => {
		const encoded: CborValue = [chunk.map(([word, wordPages, variants]) => [word, toDeltas(wordPages), variants.map(([form, formPages]) => [form, toDeltas(formPages)])])];
		const name = nameFreely(`${lang}_`, hashOf(encoded, 64), used);
		writePagefindFile(path.join(out, 'index', `${name}.pf_index`), encoded);
		chunks.push([chunk[0]![0], chunk.at(-1)![0], name]);
		chunk = [];
		counted = 0;
	};
	for (let next = heads.peek(); next !== undefined; next = heads.peek()) {
		const word: PackedWord = [next[0], [], []];
		// The parts holding the word, in part order, so its pages stay in page order.
		for (let head: PackedWord | undefined = next; head?.[0] === word[0]; head = heads.peek()) {
			append(word[1], head[1]);
			for (const [form, formPages] of head[2]) {
				const known = word[2].find(([existing]) => existing === form);
				if (known) append(known[1], formPages);
				else word[2].push([form, [...formPages]]);
			}
			heads.advance();
		}
		chunk.push(word);
		counted += countLocations(word[1]) + word[2].reduce((sum, [, formPages]) => sum + countLocations(formPages), 0);
		if (counted >= chunkSize) flush();
	}
	if (chunk.length > 0) flush();
	shortenBoundaries(chunks);

	const filterFiles: CborValue[] = [];
	for (const name of [...filters.keys()].sort(compareWords)) {
		const values = [...filters.get(name)!].sort(([a], [b]) => compareWords(a, b));
		const encoded: CborValue = [name, values];
		const file = nameFreely(`${lang}_`, hashOf(encoded, 64), used);
		writePagefindFile(path.join(out, 'filter', `${file}.pf_filter`), encoded);
		filterFiles.push([name, file]);
	}
	const meta: CborValue = [version, pages, chunks, filterFiles, [], [...fields].sort(compareWords)];
	const name = `${lang}_${hashOf(meta, 10)}`;
	writePagefindFile(path.join(out, `pagefind.${name}.pf_meta`), meta);
	return name;
}

/**
 * The next word of every part, least first (then the first part), in a binary heap: with hundreds of parts
 * (597 at 100,000 stories), finding the least of them word after word by looking at each part took most of
 * the merge's time (96 s at 100,000 stories).
 */
class WordHeads {
	readonly #streams: Generator<PackedWord, void>[];
	readonly #words: (PackedWord | undefined)[];
	/** Parts by index, ordered as a heap by their next word. */
	readonly #heap: number[] = [];

	constructor(streams: Generator<PackedWord, void>[]) {
		this.#streams = streams;
		this.#words = streams.map((stream) => stream.next().value ?? undefined);
		for (const [index, word] of this.#words.entries()) if (word) this.#push(index);
	}

	/** The least next word of all the parts (of the first part holding it), or none when every part is read. */
	peek(): PackedWord | undefined {
		return this.#heap.length > 0 ? this.#words[this.#heap[0]!] : undefined;
	}

	/** Moves the part of the word `peek` gave on to its next word. */
	advance(): void {
		const index = this.#heap[0]!;
		const next = this.#streams[index]!.next().value ?? undefined;
		this.#words[index] = next;
		const last = this.#heap.pop()!;
		if (this.#heap.length > 0) {
			this.#heap[0] = last;
			this.#down(0);
		}
		if (next) this.#push(index);
	}

	#before(a: number, b: number): boolean {
		const order = compareWords(this.#words[a]![0], this.#words[b]![0]);
		return order < 0 || (order === 0 && a < b);
	}

	#push(index: number): void {
		const heap = this.#heap;
		heap.push(index);
		for (let at = heap.length - 1; at > 0; ) {
			const parent = (at - 1) >> 1;
			if (!this.#before(heap[at]!, heap[parent]!)) break;
			[heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
			at = parent;
		}
	}

	#down(at: number): void {
		const heap = this.#heap;
		for (;;) {
			const left = 2 * at + 1;
			const right = left + 1;
			let least = at;
			if (left < heap.length && this.#before(heap[left]!, heap[least]!)) least = left;
			if (right < heap.length && this.#before(heap[right]!, heap[least]!)) least = right;
			if (least === at) return;
			[heap[at], heap[least]] = [heap[least]!, heap[at]!];
			at = least;
		}
	}
}

/**
 * A part's words in order, chunk by chunk (a chunk is `[words]`), each decoded as it is reached, with page
 * numbers made absolute and moved by the part's offset.
 */
function* readWords(part: string, chunks: readonly [string, string, string][], offset: number): Generator<PackedWord, void> {
	for (const [, , file] of chunks) {
		for (const item of decodeCborList(readPagefindBody(path.join(part, 'index', `${file}.pf_index`)), [0])) {
			const [word, wordPages, variants] = item as PackedWord;
			yield [word, fromDeltas(wordPages, offset), variants.map(([form, formPages]) => [form, fromDeltas(formPages, offset)])];
		}
	}
}

/** What a word's pages add to its chunk's size, as Pagefind counts it: each page's locations, plus one. */
function countLocations(pages: readonly PackedPage[]): number {
	return pages.reduce((sum, [, locations, metaLocations]) => sum + locations.length + metaLocations.length + 1, 0);
}

function fromDeltas(pages: readonly PackedPage[], offset: number): PackedPage[] {
	let page = 0;
	return pages.map(([delta, locations, metaLocations]) => {
		page += delta;
		return [page + offset, locations, metaLocations];
	});
}

function toDeltas(pages: readonly PackedPage[]): PackedPage[] {
	let last = 0;
	return pages.map(([page, locations, metaLocations]) => {
		const delta = page - last;
		last = page;
		return [delta, locations, metaLocations];
	});
}

/**
 * Shortens each chunk's last word and the next chunk's first to the first character where they differ, as
 * Pagefind does (its `chunk_meta`): a search looks a word up by these ranges.
 */
function shortenBoundaries(chunks: [string, string, string][]): void {
	for (let index = 0; index + 1 < chunks.length; index++) {
		const last = Array.from(chunks[index]![1]);
		const first = Array.from(chunks[index + 1]![0]);
		let common = 0;
		while (common < last.length && common < first.length && last[common] === first[common]) common++;
		const to = last.slice(0, common + 1).join('');
		if (compareWords(to, chunks[index]![0]) >= 0) chunks[index]![1] = to;
		chunks[index + 1]![0] = first.slice(0, common + 1).join('');
	}
}

/** A file name from a hash, 7 characters as Pagefind names them, longer where two would be the same. */
function nameFreely(prefix: string, hash: string, used: Set<string>): string {
	let length = 7;
	while (used.has(`${prefix}${hash.slice(0, length)}`) && length < hash.length) length++;
	const name = `${prefix}${hash.slice(0, length)}`;
	used.add(name);
	return name;
}

function hashOf(value: CborValue, length: number): string {
	return createHash('sha256').update(encodeCbor(value)).digest('hex').slice(0, length);
}

/** Why a file system may refuse a hard link that a copy would do: another device, no links, too many links. */
const LINK_REFUSALS = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

/**
 * Makes `to` the same file as `from` by a hard link (index files are never changed in place, so they can be
 * shared), or a copy where the file system refuses the link; never replaces an existing file.
 */
export function linkOrCopyFile(from: string, to: string): void {
	try {
		linkSync(from, to);
	} catch (error) {
		if (!LINK_REFUSALS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
		copyFileSync(from, to, constants.COPYFILE_EXCL);
	}
}

/** Adds items to a list one by one: a word or a filter value can hold more pages than a call takes arguments. */
function append<T>(list: T[], items: readonly T[]): void {
	for (const item of items) list.push(item);
}
