import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createFileStamp, getStampedDigest, RACY_WINDOW_MS, readFileStamps, writeFileStamps } from '../../src/loader/file-stamps.ts';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

const LOOKED_AT = Date.parse('2026-11-29T12:00:00Z');
const STAT = { size: 120, mtimeMs: LOOKED_AT - 60_000, ctimeMs: LOOKED_AT - 60_000, ino: 42 };

describe('what the last sync saw of each article file', () => {
	test('a file as the stamp saw it, under the same settings and photos, has the stamped digest', () => {
		const stamp = createFileStamp(STAT, 'settings and photos', 'digest-1', LOOKED_AT);
		expect(getStampedDigest(stamp, { ...STAT }, 'settings and photos')).toBe('digest-1');
	});

	test('any difference in size, times, inode or the rest of what the digest covers means the file is read', () => {
		const stamp = createFileStamp(STAT, 'settings and photos', 'digest-1', LOOKED_AT);
		expect(getStampedDigest(stamp, { ...STAT, size: 121 }, 'settings and photos')).toBeUndefined();
		expect(getStampedDigest(stamp, { ...STAT, mtimeMs: STAT.mtimeMs + 1 }, 'settings and photos')).toBeUndefined();
		// Rewritten and its modification time set back: the change time still moved.
		expect(getStampedDigest(stamp, { ...STAT, ctimeMs: STAT.ctimeMs + 5_000 }, 'settings and photos')).toBeUndefined();
		expect(getStampedDigest(stamp, { ...STAT, ino: 43 }, 'settings and photos')).toBeUndefined();
		expect(getStampedDigest(stamp, STAT, 'other settings')).toBeUndefined();
		expect(getStampedDigest(undefined, STAT, 'settings and photos')).toBeUndefined();
	});

	test('a file written within two seconds of being looked at is not stamped: a second write could keep its times', () => {
		expect(createFileStamp({ ...STAT, mtimeMs: LOOKED_AT - RACY_WINDOW_MS + 1 }, 'c', 'd', LOOKED_AT)).toBeUndefined();
		expect(createFileStamp({ ...STAT, ctimeMs: LOOKED_AT - 10 }, 'c', 'd', LOOKED_AT)).toBeUndefined();
		expect(createFileStamp({ ...STAT, mtimeMs: LOOKED_AT - RACY_WINDOW_MS, ctimeMs: LOOKED_AT - RACY_WINDOW_MS }, 'c', 'd', LOOKED_AT)).toBeDefined();
	});

	test('stamps are kept between builds; missing, damaged or other-version ones are none, and a malformed stamp is left out', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-stamps-'));
		const file = path.join(root, 'stamps.json');
		expect(readFileStamps(file).size).toBe(0);
		const stamp = createFileStamp(STAT, 'c', 'd', LOOKED_AT)!;
		writeFileStamps(file, new Map([['content/articles/a.md', stamp]]));
		expect(readFileStamps(file)).toEqual(new Map([['content/articles/a.md', stamp]]));
		writeFileSync(file, JSON.stringify({ version: 1, files: { 'a.md': stamp, 'b.md': { ...stamp, ino: '42' } } }));
		expect([...readFileStamps(file).keys()]).toEqual(['a.md']);
		writeFileSync(file, '{"version": 1, "files": {"a.md": {');
		expect(readFileStamps(file).size).toBe(0);
		writeFileSync(file, JSON.stringify({ version: 2, files: { 'a.md': stamp } }));
		expect(readFileStamps(file).size).toBe(0);
	});
});
