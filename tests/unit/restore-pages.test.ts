import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { removeUnproducedPages, restorePages, startRestoringPages } from '../../src/integrations/restore-pages.ts';
import { readPageKeys } from '../../src/integrations/revisions.ts';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

/** An Astro cache folder: its incremental-build manifest listing `outputs` (output file → cache key) and the cached copies of `cached`. */
function writeCache(folder: string, outputs: Record<string, string>, cached: Record<string, string>, version = 1): void {
	const paths = Object.fromEntries(Object.entries(outputs).map(([file, cacheKey]) => [`/${file}`, { cacheKey, outputFile: file }]));
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'incremental-build.json'), JSON.stringify({ version, configHash: 'c', lockfileHash: 'l', keyDigest: 'k', routes: { 'src/pages/a.astro': { dependencyHash: 'd', paths } } }));
	for (const [file, text] of Object.entries(cached)) write(path.join(folder, 'dist'), file, text);
}

function write(folder: string, file: string, text: string): void {
	const target = path.join(folder, file);
	mkdirSync(path.dirname(target), { recursive: true });
	writeFileSync(target, text);
}

const filesIn = (folder: string) =>
	(readdirSync(folder, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
		.sort();

const cacheOf = (cache: string) => ({ manifestFile: path.join(cache, 'incremental-build.json'), cachedOutputDir: path.join(cache, 'dist') });

describe("the last build's pages, placed in the staging folder before the pages are generated", () => {
	test("reads each page's key from Astro's manifest by its decoded path, and none from a missing, damaged or other-version manifest", () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		writeCache(cache, { '2025/07/24/a/index.html': 'k1', '2025/07/24/%E6%B8%AF/index.html': 'k2', 'feed.xml': 'k3', '../escaped.html': 'k4' }, {});
		const keys = readPageKeys(path.join(root, 'dist.next'), path.join(cache, 'incremental-build.json'));
		expect([...keys.keys()].sort()).toEqual(['/2025/07/24/a/index.html', '/2025/07/24/港/index.html', '/feed.xml']);
		expect(new Set(keys.values()).size).toBe(3);
		expect(readPageKeys(root, path.join(root, 'missing.json')).size).toBe(0);
		writeFileSync(path.join(root, 'damaged.json'), '{"version": 1, "routes": {"x": ');
		expect(readPageKeys(root, path.join(root, 'damaged.json')).size).toBe(0);
		writeCache(path.join(root, 'v2'), { 'a/index.html': 'k' }, {}, 2);
		expect(readPageKeys(root, path.join(root, 'v2', 'incremental-build.json')).size).toBe(0);
	});

	test('copies each cached page to its place, and skips one missing from the cache or outside the folder', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		const outDir = path.join(root, 'dist.next');
		writeCache(
			cache,
			{ '2025/07/24/a/index.html': 'k1', '2025/07/24/%E6%B8%AF/index.html': 'k2', '2025/07/24/gone/index.html': 'k3', '../escaped.html': 'k4' },
			{ '2025/07/24/a/index.html': 'page a', '2025/07/24/港/index.html': 'page 港', '../escaped.html': 'outside' },
		);
		const { placed, moved } = restorePages({ outDir, cache: cacheOf(cache) });
		expect(moved).toBe(0);
		expect(placed.sort()).toEqual([path.join(outDir, '2025/07/24/a/index.html'), path.join(outDir, '2025/07/24/港/index.html')]);
		expect(readFileSync(path.join(outDir, '2025/07/24/港/index.html'), 'utf8')).toBe('page 港');
		expect(filesIn(outDir)).toEqual(['2025/07/24/a/index.html', '2025/07/24/港/index.html']);
		expect(existsSync(path.join(root, 'escaped.html'))).toBe(false);
	});

	test('a page of the output before last is moved when it is the file kept under the same key and linked nowhere else; otherwise the cached copy is copied', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		const outDir = path.join(root, 'dist.next');
		const previous = path.join(root, 'dist.previous');
		const pages = ['same/index.html', 'rewritten/index.html', 'other-key/index.html', 'not-kept/index.html', 'linked/index.html'];
		writeCache(cache, Object.fromEntries(pages.map((page) => [page, 'key-now'])), Object.fromEntries(pages.map((page) => [page, `cached ${page}`])));
		for (const page of pages) write(previous, page, `previous ${page}`);
		// What the build before last kept of its files: their keys (as `revisions.ts` digests them), sizes, times and inodes.
		const keyNow = readPageKeys(outDir, path.join(cache, 'incremental-build.json')).get('/same/index.html')!;
		const keptOf = (page: string, key = keyNow) => {
			const { size, mtimeMs, ino } = statSync(path.join(previous, page));
			return [key, 'rev', size, mtimeMs, ino];
		};
		const kept = {
			'/same/index.html': keptOf('same/index.html'),
			'/rewritten/index.html': keptOf('rewritten/index.html'),
			'/other-key/index.html': keptOf('other-key/index.html', 'another key'),
			'/linked/index.html': keptOf('linked/index.html'),
		};
		writeFileSync(path.join(root, 'revisions.previous.json'), JSON.stringify({ version: 2, files: kept }));
		// Written again since: another size.
		write(previous, 'rewritten/index.html', 'previous rewritten/index.html, edited by hand');
		// Linked from a backup: Astro rendering it again would write into the backup's copy too.
		mkdirSync(path.join(root, 'backup'));
		linkSync(path.join(previous, 'linked/index.html'), path.join(root, 'backup', 'linked.html'));

		const { placed, moved } = restorePages({ outDir, cache: cacheOf(cache), previous: { dir: previous, revisions: path.join(root, 'revisions.previous.json') } });
		expect(moved).toBe(1);
		expect(placed).toHaveLength(5);
		expect(readFileSync(path.join(outDir, 'same/index.html'), 'utf8')).toBe('previous same/index.html');
		expect(existsSync(path.join(previous, 'same/index.html'))).toBe(false);
		for (const page of ['rewritten/index.html', 'other-key/index.html', 'not-kept/index.html', 'linked/index.html']) {
			expect(readFileSync(path.join(outDir, page), 'utf8'), page).toBe(`cached ${page}`);
			expect(existsSync(path.join(previous, page)), page).toBe(true);
		}
	});

	test('a build that renders every page places nothing', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		expect(restorePages({ outDir: path.join(root, 'dist.next') })).toEqual({ placed: [], moved: 0 });
		expect(existsSync(path.join(root, 'dist.next'))).toBe(false);
	});

	test('a staging folder left by a killed build is moved aside at once and left to delete; the pages land in an empty folder', async () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		const outDir = path.join(root, 'dist.next');
		writeCache(cache, { 'a/index.html': 'k' }, { 'a/index.html': 'cached a' });
		write(outDir, 'half-written/index.html', 'killed build');
		// One an earlier build moved aside and was killed before deleting.
		mkdirSync(path.join(root, 'dist.next.stale-1-1'));

		const { restored, leftovers } = startRestoringPages(pathToFileURL(`${outDir}/`), pathToFileURL(`${cache}/`));
		expect(existsSync(path.join(outDir, 'half-written'))).toBe(false);
		expect(leftovers).toHaveLength(2);
		expect(leftovers.every((folder) => path.basename(folder).startsWith('dist.next.stale-') && existsSync(folder))).toBe(true);
		expect(await restored).toEqual({ placed: [path.join(outDir, 'a', 'index.html')], moved: 0 });
		expect(filesIn(outDir)).toEqual(['a/index.html']);
	});

	test('a placed page the build did not produce is deleted with the folders it leaves empty; produced ones and other files stay', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const outDir = path.join(root, 'dist.next');
		const file = (relative: string) => path.join(outDir, ...relative.split('/'));
		for (const relative of ['2025/07/24/kept/index.html', '2025/07/24/deleted/index.html', '2025/06/01/deleted/index.html', '2025/06/index.html']) write(outDir, relative, relative);
		const placed = ['2025/07/24/kept/index.html', '2025/07/24/deleted/index.html', '2025/06/01/deleted/index.html'].map(file);
		const removed = removeUnproducedPages(outDir, placed, new Set([file('2025/07/24/kept/index.html'), file('2025/06/index.html')]));
		expect(removed).toBe(2);
		expect(filesIn(outDir)).toEqual(['2025/06/index.html', '2025/07/24/kept/index.html']);
		expect(existsSync(path.join(outDir, '2025', '06', '01'))).toBe(false);
		expect(existsSync(path.join(outDir, '2025', '07', '24', 'deleted'))).toBe(false);
	});
});
