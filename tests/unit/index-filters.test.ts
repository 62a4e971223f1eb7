import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { countValues, openIndexFilters, selectByFilters } from '../../src/scripts/search/index-filters.ts';
import { readPagefindFile } from '../../src/integrations/pagefind-merge.ts';

const pagefind = await import('pagefind');
const root = mkdtempSync(path.join(tmpdir(), 'clippings-index-filters-'));
const BUNDLE = '/archive/pagefind/';

/** Sixty stories: two sources, three years, one or two bylines, and a topic on some. */
const RECORDS = Array.from({ length: 60 }, (_, n) => ({
	url: `/story-${n}/`,
	content: `Story ${n} about ${n % 2 === 0 ? 'oil prices' : 'coffee'} and the harbour`,
	language: 'en',
	meta: { title: `Story ${n}` },
	filters: {
		source: [n % 3 === 0 ? 'Wire' : 'Herald'],
		year: [String(1987 + (n % 3))],
		byline: n % 4 === 0 ? ['Ann Lee', 'Bo Chan'] : ['Ann Lee'],
		...(n % 5 === 0 ? { topic: ['Energy'] } : {}),
	},
}));

/** Every story's id in the index (its fragment's hash), by its address. */
const ids = new Map<string, string>();
/** Which files were asked for, and whether the next answer is sent already decompressed, as some servers do. */
let requested: string[] = [];
/** How each file was asked for: the browser's cache mode (`RequestInit.cache`). */
let cacheModes = new Map<string, RequestCache | undefined>();
let sendDecompressed = false;
let failNext = false;

beforeAll(async () => {
	const { index } = await pagefind.createIndex({});
	for (const record of RECORDS) expect((await index!.addCustomRecord(record)).errors).toEqual([]);
	expect((await index!.writeFiles({ outputPath: root })).errors).toEqual([]);
	await index!.deleteIndex();
	const entry = JSON.parse(readFileSync(path.join(root, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
	const [, pages] = readPagefindFile(path.join(root, `pagefind.${entry.languages.en!.hash}.pf_meta`)) as [string, [string][]];
	for (const [hash] of pages) {
		const fragment = JSON.parse(gunzipSync(readFileSync(path.join(root, 'fragment', `${hash}.pf_fragment`))).subarray('pagefind_dcd'.length).toString('utf8')) as { url: string };
		ids.set(fragment.url, hash);
	}
	vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
		const file = input.slice(BUNDLE.length).split('?')[0]!;
		requested.push(file);
		cacheModes.set(file, init?.cache);
		if (failNext) {
			failNext = false;
			return new Response('busy', { status: 503 });
		}
		try {
			const bytes = readFileSync(path.join(root, file));
			return new Response(sendDecompressed && file.endsWith('.pf_filter') ? gunzipSync(bytes) : bytes);
		} catch {
			return new Response('not found', { status: 404 });
		}
	});
});

afterEach(() => {
	requested = [];
	cacheModes = new Map();
	sendDecompressed = false;
});

afterAll(async () => {
	vi.unstubAllGlobals();
	rmSync(root, { recursive: true, force: true });
	await pagefind.close();
});

const idOf = (n: number) => ids.get(`/story-${n}/`)!;

describe('openIndexFilters', () => {
	test('gives each story the values its record was indexed with, reading only the filters asked for', async () => {
		const filters = openIndexFilters(BUNDLE, 'en');
		await filters.load(['source', 'byline']);
		for (const [n, record] of RECORDS.entries()) {
			expect(filters.getValues(idOf(n), 'source')).toEqual(record.filters.source);
			expect([...filters.getValues(idOf(n), 'byline')].sort()).toEqual(record.filters.byline);
		}
		expect(requested.filter((file) => file.startsWith('filter/'))).toHaveLength(2);
		expect(() => filters.getValues(idOf(0), 'year')).toThrow(/"year" was read before it was loaded/);
	});

	test('takes the metadata and filter files from the browser cache when it has them (their names hold their hash), never the entry', async () => {
		await openIndexFilters(BUNDLE, 'en').load(['source']);
		const modes = [...cacheModes];
		expect(modes.find(([file]) => file === 'pagefind-entry.json')).toEqual(['pagefind-entry.json', undefined]);
		const hashed = modes.filter(([file]) => file.endsWith('.pf_meta') || file.startsWith('filter/'));
		expect(hashed).toHaveLength(2);
		for (const [, mode] of hashed) expect(mode).toBe('force-cache');
	});

	test('reads a filter once, and a file the server sent already decompressed as well as one still compressed', async () => {
		const filters = openIndexFilters(BUNDLE, 'en');
		sendDecompressed = true;
		await Promise.all([filters.load(['year']), filters.load(['year'])]);
		await filters.load(['year']);
		expect(requested.filter((file) => file.startsWith('filter/'))).toHaveLength(1);
		expect(filters.getValues(idOf(4), 'year')).toEqual(['1988']);
	});

	test('a story without a value, a filter the index lacks and an id it does not hold have no values', async () => {
		const filters = openIndexFilters(BUNDLE, 'en');
		await filters.load(['topic', 'colour']);
		expect(filters.getValues(idOf(5), 'topic')).toEqual(['Energy']);
		expect(filters.getValues(idOf(6), 'topic')).toEqual([]);
		expect(filters.getValues(idOf(6), 'colour')).toEqual([]);
		expect(filters.getValues('en_nothere', 'topic')).toEqual([]);
	});

	test('a failed read names the file and is tried again at the next load', async () => {
		const filters = openIndexFilters(BUNDLE, 'en');
		failNext = true;
		await expect(filters.load(['source'])).rejects.toThrow(/pagefind-entry\.json\?ts=\d+ could not be read \(503\)/);
		await filters.load(['source']);
		expect(filters.getValues(idOf(3), 'source')).toEqual(['Wire']);
	});

	test('an index without the language says so', async () => {
		await expect(openIndexFilters(BUNDLE, 'fr').load(['source'])).rejects.toThrow(/has no index for the language "fr"/);
	});
});

describe('selectByFilters and countValues', () => {
	test('keep and count the stories as a plain reading of every record does: any value within a filter, every filter', async () => {
		const filters = openIndexFilters(BUNDLE, 'en');
		await filters.load(['source', 'year', 'byline', 'topic', 'month']);
		const chosen = { source: { any: ['Wire'] }, year: { any: ['1987', '1989'] } };
		const passes = selectByFilters(filters, chosen);
		const expected = RECORDS.flatMap((record, n) => (record.filters.source[0] === 'Wire' && ['1987', '1989'].includes(record.filters.year[0]!) ? [n] : []));
		expect(expected.length).toBeGreaterThan(0);
		expect(RECORDS.flatMap((_record, n) => (passes(idOf(n)) ? [n] : []))).toEqual(expected);
		expect(RECORDS.every((_record, n) => selectByFilters(filters, {})(idOf(n)))).toBe(true);
		expect(RECORDS.some((_record, n) => selectByFilters(filters, { month: { any: [] } })(idOf(n)))).toBe(false);

		const all = RECORDS.map((_record, n) => idOf(n));
		const bylines: Record<string, number> = {};
		for (const record of RECORDS) for (const byline of record.filters.byline) bylines[byline] = (bylines[byline] ?? 0) + 1;
		expect(countValues(filters, all, 'byline')).toEqual(bylines);
		expect(countValues(filters, all, 'topic')).toEqual({ Energy: 12 });
		expect(countValues(filters, all.filter(passes), 'source')).toEqual({ Wire: expected.length });
	});
});
