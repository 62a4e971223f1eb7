import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

// Small chunks, so that words, pages and chunk boundaries are merged across parts many times over. Read by
// Pagefind's process when it starts, which is after this in this test file's worker.
const CHUNK_SIZE = 300;
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = String(CHUNK_SIZE);
const pagefind = await import('pagefind');
const { compareWords, mergeInWorker, mergePagefindBundles, readPagefindFile } = await import('../../src/integrations/pagefind-merge.ts');
const { decodeCbor, decodeCborList, encodeCbor } = await import('../../src/model/cbor.ts');

const root = mkdtempSync(path.join(tmpdir(), 'clippings-merge-'));
afterAll(async () => {
	rmSync(root, { recursive: true, force: true });
	await pagefind.close();
});

const WORDS = ['oil', 'prices', 'rose', 'bank', 'rates', 'interest', 'cocoa', 'talks', 'collapse', 'wheat', 'exports', 'yen', 'dollar', 'Öl', 'Preise', 'café', '東京', 'naïve', 'ünïcode', '𝒳ylophone'];

/** Stories over three years in two languages, their words drawn from one small vocabulary (seeded). */
function makeRecords() {
	let seed = 11;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	return Array.from({ length: 90 }, (_, n) => {
		const year = 1987 + Math.floor(n / 30);
		const words = Array.from({ length: 20 + Math.floor(random() * 40) }, () => WORDS[Math.floor(random() * WORDS.length)]);
		return {
			url: `/${year}/story-${n}/`,
			content: `Headline ${n} ${words.slice(0, 3).join(' ')}\n\n${words.join(' ')} word${n}`,
			language: n % 10 === 0 ? 'de' : 'en',
			meta: { title: `Headline ${n}` },
			filters: { year: [String(year)], source: [n % 3 === 0 ? 'Wire' : 'Desk'] },
		};
	});
}

async function writeIndex(records: ReturnType<typeof makeRecords>, folder: string): Promise<string> {
	const { index } = await pagefind.createIndex({});
	for (const record of records) expect((await index!.addCustomRecord(record)).errors).toEqual([]);
	const out = path.join(root, folder);
	expect((await index!.writeFiles({ outputPath: out })).errors).toEqual([]);
	await index!.deleteIndex();
	return out;
}

/** What a bundle holds, language by language, without the names of its files. */
function readBundle(folder: string) {
	const entry = JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; page_count: number; wasm: string | null }> };
	return Object.fromEntries(
		Object.entries(entry.languages).map(([lang, info]) => {
			const [version, pages, chunks, filters, sorts, fields] = readPagefindFile(path.join(folder, `pagefind.${info.hash}.pf_meta`)) as [string, unknown[], [string, string, string][], [string, string][], unknown[], string[]];
			return [
				lang,
				{
					info: { page_count: info.page_count, wasm: info.wasm },
					version,
					pages,
					chunks: chunks.map(([from, to, file]) => ({ from, to, words: readPagefindFile(path.join(folder, 'index', `${file}.pf_index`)) })),
					filters: filters.map(([name, file]) => ({ name, values: readPagefindFile(path.join(folder, 'filter', `${file}.pf_filter`)) })),
					sorts,
					fields,
				},
			];
		}),
	);
}

describe('an index merged from parts', () => {
	test('holds what one index over every story holds: pages, words in the same chunks and ranges, filters', async () => {
		const records = makeRecords();
		const single = await writeIndex(records, 'single');
		const parts = [];
		for (const year of ['1987', '1988', '1989']) parts.push(await writeIndex(records.filter((record) => record.filters.year[0] === year), `part-${year}`));
		const out = path.join(root, 'merged');
		const counts = mergePagefindBundles({ parts, out, chunkSize: CHUNK_SIZE });
		expect(counts).toEqual({ de: 9, en: 81 });
		const expected = readBundle(single);
		expect(expected.en!.chunks.length).toBeGreaterThan(5);
		expect(readBundle(out)).toEqual(expected);
		expect(readdirSync(path.join(out, 'fragment')).sort()).toEqual(readdirSync(path.join(single, 'fragment')).sort());
		expect(readdirSync(out).filter((file) => file.endsWith('.pagefind')).sort()).toEqual(readdirSync(single).filter((file) => file.endsWith('.pagefind')).sort());
	});

	test('merged from many parts (one a month), still what one index holds', async () => {
		const records = makeRecords();
		const parts = [];
		for (let start = 0; start < records.length; start += 3) parts.push(await writeIndex(records.slice(start, start + 3), `small-part-${start}`));
		expect(parts).toHaveLength(30);
		const out = path.join(root, 'merged-from-many');
		expect(mergePagefindBundles({ parts, out, chunkSize: CHUNK_SIZE })).toEqual({ de: 9, en: 81 });
		expect(readBundle(out)).toEqual(readBundle(await writeIndex(records, 'single-for-many')));
	});

	test('refuses parts written by different Pagefind versions', async () => {
		const records = makeRecords().slice(0, 5);
		const part = await writeIndex(records, 'versioned');
		const other = path.join(root, 'other-version');
		const { cpSync, writeFileSync } = await import('node:fs');
		cpSync(part, other, { recursive: true });
		const entry = JSON.parse(readFileSync(path.join(other, 'pagefind-entry.json'), 'utf8'));
		writeFileSync(path.join(other, 'pagefind-entry.json'), JSON.stringify({ ...entry, version: '0.0.1' }));
		expect(() => mergePagefindBundles({ parts: [part, other], out: path.join(root, 'refused'), chunkSize: CHUNK_SIZE })).toThrow(/written by Pagefind .* and 0\.0\.1/);
	});

	test('merged in a worker thread, as the build merges: the same files, and the same refusal', async () => {
		const records = makeRecords();
		const parts = [];
		for (const year of ['1987', '1988', '1989']) parts.push(await writeIndex(records.filter((record) => record.filters.year[0] === year), `worker-part-${year}`));
		const inThread = path.join(root, 'merged-in-thread');
		const inWorker = path.join(root, 'merged-in-worker');
		mergePagefindBundles({ parts, out: inThread, chunkSize: CHUNK_SIZE });
		expect(await mergeInWorker({ parts, out: inWorker, chunkSize: CHUNK_SIZE })).toEqual({ de: 9, en: 81 });
		const files = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
		expect(files(inWorker)).toEqual(files(inThread));
		for (const file of files(inThread).filter((name) => name.includes('.pf_'))) expect(readFileSync(path.join(inWorker, file)).equals(readFileSync(path.join(inThread, file)))).toBe(true);
		await expect(mergeInWorker({ parts: [], out: path.join(root, 'nothing'), chunkSize: CHUNK_SIZE })).rejects.toThrow(/no index parts to merge/);
	});
});

describe('the CBOR Pagefind writes', () => {
	test('round-trips integers of every width, negatives, strings and nested arrays in the shortest form', () => {
		const value = [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, -1, -25, -1000, 'ä東𝒳', [[], ['x', [1]]], null, true, false];
		expect(decodeCbor(encodeCbor(value))).toEqual(value);
		expect([...encodeCbor([1, 'a'])]).toEqual([0x82, 0x01, 0x61, 0x61]);
		expect([...encodeCbor(500)]).toEqual([0x19, 0x01, 0xf4]);
	});

	test('reads a list inside a value one element at a time, as a whole decoding would give them', () => {
		const value = [7, [['oil', [[1, [2, 3], []]], []], ['東京', [], [['Öl', [[4, [], [5]]]]]]], 'after', [true]];
		const bytes = encodeCbor(value);
		expect([...decodeCborList(bytes, [1])]).toEqual((value[1] as unknown[]).slice());
		expect([...decodeCborList(bytes, [1, 1])]).toEqual(((value[1] as unknown[])[1] as unknown[]).slice());
		expect([...decodeCborList(encodeCbor([[]]), [0])]).toEqual([]);
		expect(() => [...decodeCborList(bytes, [5])]).toThrow(/has no element 5/);
		expect(() => [...decodeCborList(bytes, [0])]).toThrow(/expected a CBOR array/);
		expect(() => [...decodeCborList(Uint8Array.from([...bytes, 0]), [1])]).toThrow(/1 bytes after the CBOR value/);
	});

	test('orders words byte by byte in UTF-8, as Pagefind does', () => {
		expect(['𝒳', 'ｚ', 'z', 'é'].sort(compareWords)).toEqual(['z', 'é', 'ｚ', '𝒳']);
		// Seeded words from characters on both sides of every boundary where UTF-16 and UTF-8 orders could part.
		const alphabet = ['a', 'z', 'é', '\u07ff', '\u0800', '東', '\ud7ff', '\ue000', 'ｚ', '\uffff', '𐀀', '𝒳', '😀', '\u{10ffff}'];
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const words = Array.from({ length: 2_000 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
		const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
		for (let index = 1; index < words.length; index++) expect(Math.sign(compareWords(words[index - 1]!, words[index]!))).toBe(Math.sign(byBytes(words[index - 1]!, words[index]!)));
		expect([...words].sort(compareWords)).toEqual([...words].sort(byBytes));
	});
});
