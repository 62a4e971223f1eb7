import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { copyCachedPages, readCachedOutputFiles, removeUnproducedPages, startRestoringPages } from '../../src/integrations/restore-pages.ts';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

/** An Astro cache folder: its incremental-build manifest listing `outputs` (route → output files) and the cached copies of `cached`. */
function writeCache(folder: string, outputs: Record<string, string[]>, cached: Record<string, string>, version = 1): void {
	const routes = Object.fromEntries(
		Object.entries(outputs).map(([route, files]) => [route, { dependencyHash: 'd', paths: Object.fromEntries(files.map((file) => [`/${file}`, { cacheKey: 'k', outputFile: file }])) }]),
	);
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'incremental-build.json'), JSON.stringify({ version, configHash: 'c', lockfileHash: 'l', keyDigest: 'k', routes }));
	for (const [file, text] of Object.entries(cached)) {
		const target = path.join(folder, 'dist', file);
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, text);
	}
}

const filesIn = (folder: string) =>
	(readdirSync(folder, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
		.sort();

describe("Astro's cached pages, copied into the staging folder before the pages are generated", () => {
	test('reads the output files of every route from the manifest, and none from a missing, damaged or other-version manifest', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		writeCache(cache, { 'src/pages/a.astro': ['2025/07/24/a/index.html', '2025/07/24/b/index.html'], 'src/pages/feed.xml.ts': ['feed.xml'] }, {});
		expect(readCachedOutputFiles(path.join(cache, 'incremental-build.json')).sort()).toEqual(['2025/07/24/a/index.html', '2025/07/24/b/index.html', 'feed.xml']);
		expect(readCachedOutputFiles(path.join(root, 'missing.json'))).toEqual([]);
		writeFileSync(path.join(root, 'damaged.json'), '{"version": 1, "routes": {"x": ');
		expect(readCachedOutputFiles(path.join(root, 'damaged.json'))).toEqual([]);
		writeCache(path.join(root, 'v2'), { 'src/pages/a.astro': ['a/index.html'] }, {}, 2);
		expect(readCachedOutputFiles(path.join(root, 'v2', 'incremental-build.json'))).toEqual([]);
	});

	test('copies each cached page to its place, decoding the address, and skips one missing from the cache or outside the folder', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		const outDir = path.join(root, 'dist.next');
		writeCache(
			cache,
			{ 'src/pages/a.astro': ['2025/07/24/a/index.html', '2025/07/24/%E6%B8%AF/index.html', '2025/07/24/gone/index.html', '../escaped.html'] },
			{ '2025/07/24/a/index.html': 'page a', '2025/07/24/港/index.html': 'page 港', '../escaped.html': 'outside' },
		);
		const copied = copyCachedPages({ outDir, cache: { manifestFile: path.join(cache, 'incremental-build.json'), cachedOutputDir: path.join(cache, 'dist') }, stale: [] });
		expect(copied.sort()).toEqual([path.join(outDir, '2025/07/24/a/index.html'), path.join(outDir, '2025/07/24/港/index.html')]);
		expect(readFileSync(path.join(outDir, '2025/07/24/港/index.html'), 'utf8')).toBe('page 港');
		expect(filesIn(outDir)).toEqual(['2025/07/24/a/index.html', '2025/07/24/港/index.html']);
		expect(existsSync(path.join(root, 'escaped.html'))).toBe(false);
	});

	test('a build that renders every page copies nothing', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		expect(copyCachedPages({ outDir: path.join(root, 'dist.next'), stale: [] })).toEqual([]);
		expect(existsSync(path.join(root, 'dist.next'))).toBe(false);
	});

	test('a staging folder left by a killed build is moved aside at once and deleted; the copies land in an empty folder', async () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const cache = path.join(root, '.cache');
		const outDir = path.join(root, 'dist.next');
		writeCache(cache, { 'src/pages/a.astro': ['a/index.html'] }, { 'a/index.html': 'cached a' });
		mkdirSync(path.join(outDir, 'half-written'), { recursive: true });
		writeFileSync(path.join(outDir, 'half-written', 'index.html'), 'killed build');
		writeFileSync(path.join(outDir, 'a.html'), 'killed build');
		// One an earlier build moved aside and was killed before deleting.
		mkdirSync(path.join(root, 'dist.next.stale-1-1'));

		const restoring = startRestoringPages(pathToFileURL(`${outDir}/`), pathToFileURL(`${cache}/`));
		expect(existsSync(path.join(outDir, 'half-written'))).toBe(false);
		expect(await restoring).toEqual([path.join(outDir, 'a', 'index.html')]);
		expect(filesIn(outDir)).toEqual(['a/index.html']);
		expect(readdirSync(root).sort()).toEqual(['.cache', 'dist.next']);
	});

	test('a copy the build did not produce is deleted with the folders it leaves empty; produced ones and other files stay', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-restore-'));
		const outDir = path.join(root, 'dist.next');
		const file = (relative: string) => path.join(outDir, ...relative.split('/'));
		for (const relative of ['2025/07/24/kept/index.html', '2025/07/24/deleted/index.html', '2025/06/01/deleted/index.html', '2025/06/index.html']) {
			mkdirSync(path.dirname(file(relative)), { recursive: true });
			writeFileSync(file(relative), relative);
		}
		const copied = ['2025/07/24/kept/index.html', '2025/07/24/deleted/index.html', '2025/06/01/deleted/index.html'].map(file);
		const removed = removeUnproducedPages(outDir, copied, new Set([file('2025/07/24/kept/index.html'), file('2025/06/index.html')]));
		expect(removed).toBe(2);
		expect(filesIn(outDir)).toEqual(['2025/06/index.html', '2025/07/24/kept/index.html']);
		expect(existsSync(path.join(outDir, '2025', '06', '01'))).toBe(false);
		expect(existsSync(path.join(outDir, '2025', '07', '24', 'deleted'))).toBe(false);
	});
});
