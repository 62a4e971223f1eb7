import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { getPreviousRevisionsFile, hashFile, readKeptRevisions, readRevisions, type RevisionCache } from '../../src/integrations/revisions.ts';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

/** A build folder with `files` (root-relative path → text), and Astro's manifest listing `pages` (root-relative path → cache key). */
function setUp(files: Record<string, string>, pages: Record<string, string>): { outDir: string; cache: RevisionCache } {
	root ??= mkdtempSync(path.join(tmpdir(), 'clippings-revisions-'));
	const outDir = path.join(root, 'dist.next');
	rmSync(outDir, { recursive: true, force: true });
	for (const [file, text] of Object.entries(files)) write(outDir, file, text);
	const paths = Object.fromEntries(Object.entries(pages).map(([file, cacheKey]) => [file, { cacheKey, outputFile: encodeURI(file.slice(1)) }]));
	mkdirSync(path.join(root, '.cache'), { recursive: true });
	writeFileSync(path.join(root, '.cache', 'incremental-build.json'), JSON.stringify({ version: 1, routes: { 'src/pages/[slug].astro': { dependencyHash: 'd1', paths } } }));
	return { outDir, cache: { file: path.join(root, '.cache', 'clippings-revisions.json'), astroManifest: path.join(root, '.cache', 'incremental-build.json') } };
}

function write(outDir: string, file: string, text: string): void {
	const target = path.join(outDir, file);
	mkdirSync(path.dirname(target), { recursive: true });
	writeFileSync(target, text);
}

/** Every file's revision, as the offline step asks for them, and how many were hashed. */
function revise(outDir: string, files: string[], cache?: RevisionCache): { revisions: Record<string, string>; hashed: number } {
	const revisions = readRevisions(outDir, cache);
	const result = Object.fromEntries(files.map((file) => [file, revisions.of({ path: file, stat: statSync(path.join(outDir, file)) })]));
	revisions.save();
	return { revisions: result, hashed: revisions.hashed };
}

const FILES = { '/2025/07/24/港口/index.html': 'a story', '/index.html': 'the home page', '/pagefind/index/en_1.pf_index': 'an index chunk' };
const PAGES = { '/2025/07/24/港口/index.html': 'key-story', '/index.html': 'key-home' };
const ALL = Object.keys(FILES);

describe('the offline manifest’s revisions, kept between builds', () => {
	test('each file is kept with its key, revision, size, time and inode; the last build’s become the previous ones', () => {
		const { outDir, cache } = setUp(FILES, PAGES);
		revise(outDir, ALL, cache);
		const first = readKeptRevisions(cache.file);
		const { size, mtimeMs, ino } = statSync(path.join(outDir, 'index.html'));
		expect(first.get('/index.html')).toMatchObject({ revision: hashFile(path.join(outDir, 'index.html')), size, mtimeMs, ino });
		setUp({ ...FILES, '/index.html': 'the home page, again' }, { ...PAGES, '/index.html': 'key-home-2' });
		revise(outDir, ALL, cache);
		expect(readKeptRevisions(getPreviousRevisionsFile(cache.file))).toEqual(first);
		expect(readKeptRevisions(cache.file).get('/index.html')?.revision).toBe(hashFile(path.join(outDir, 'index.html')));
	});

	test('a revision is the start of the SHA-256 of the file’s bytes, with or without kept revisions', () => {
		const { outDir, cache } = setUp(FILES, PAGES);
		const expected = Object.fromEntries(ALL.map((file) => [file, hashFile(path.join(outDir, file))]));
		expect(expected['/index.html']).toBe('a67525cc7b9b');
		expect(revise(outDir, ALL)).toEqual({ revisions: expected, hashed: 3 });
		expect(revise(outDir, ALL, cache)).toEqual({ revisions: expected, hashed: 3 });
		expect(revise(outDir, ALL, cache)).toEqual({ revisions: expected, hashed: 0 });
	});

	test('a page Astro kept under the same cache key keeps its revision, though it is a new copy; a new key is read again', () => {
		const { outDir, cache } = setUp(FILES, PAGES);
		const first = revise(outDir, ALL, cache);
		// The next build: the same pages copied anew from Astro's cache (new inodes and times), the home page under a new key.
		setUp({ ...FILES, '/index.html': 'the home page, a story added' }, { ...PAGES, '/index.html': 'key-home-2' });
		const second = revise(outDir, ALL, cache);
		expect(second.hashed).toBe(2);
		expect(second.revisions['/2025/07/24/港口/index.html']).toBe(first.revisions['/2025/07/24/港口/index.html']);
		expect(second.revisions['/index.html']).toBe(hashFile(path.join(outDir, 'index.html')));
		expect(second.revisions['/index.html']).not.toBe(first.revisions['/index.html']);
	});

	test('another file keeps its revision while its size, time and inode stay; rewritten, it is read again', () => {
		const { outDir, cache } = setUp(FILES, PAGES);
		revise(outDir, ALL, cache);
		const chunk = path.join(outDir, 'pagefind', 'index', 'en_1.pf_index');
		// Same size, same time, other bytes: only the inode tells, so a file written anew is read.
		const { atime, mtime } = statSync(chunk);
		writeFileSync(`${chunk}.new`, 'AN INDEX CHUNK');
		utimesSync(`${chunk}.new`, atime, mtime);
		renameSync(`${chunk}.new`, chunk);
		const second = revise(outDir, ALL, cache);
		expect(second.hashed).toBe(1);
		expect(second.revisions['/pagefind/index/en_1.pf_index']).toBe(hashFile(chunk));
		// Rewritten in place: the time changes.
		writeFileSync(chunk, 'an index chunk, v3');
		expect(revise(outDir, ALL, cache).revisions['/pagefind/index/en_1.pf_index']).toBe(hashFile(chunk));
	});

	test('kept revisions that are damaged or of another version are not trusted; a build that trusts no cache hashes everything', () => {
		const { outDir, cache } = setUp(FILES, PAGES);
		revise(outDir, ALL, cache);
		expect(revise(outDir, ALL, { ...cache, fresh: true }).hashed).toBe(3);
		expect(revise(outDir, ALL, cache).hashed).toBe(0);
		writeFileSync(cache.file, '{"version": 1, "files": {"/index.html": ');
		expect(revise(outDir, ALL, cache).hashed).toBe(3);
		// Version 1 kept no sizes, times and inodes.
		writeFileSync(cache.file, JSON.stringify({ version: 1, files: Object.fromEntries(ALL.map((file) => [file, ['k', 'r']])) }));
		expect(revise(outDir, ALL, cache).hashed).toBe(3);
	});
});
