import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { getTextCacheFile, readTextCache, writeTextCache } from '../../src/loader/text-cache.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'clippings-texts-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the kept story texts', () => {
	test('are read back as written, by digest, whatever characters they hold', () => {
		const file = getTextCacheFile(path.join(folder, 'round-trip'));
		const texts = new Map([
			['d1', 'First line.\n\nSecond "quoted" paragraph.'],
			['d2', '港口重新开放 — مرفأ'],
			['d3', ''],
		]);
		writeTextCache(file, texts);
		expect(readTextCache(file)).toEqual(texts);
	});

	test('a missing file gives no texts, so every story is rendered again', () => {
		expect(readTextCache(path.join(folder, 'nowhere', 'texts.jsonl')).size).toBe(0);
	});

	test('a damaged line is left out and the lines around it are kept', () => {
		const file = path.join(folder, 'damaged.jsonl');
		writeFileSync(file, `${JSON.stringify({ digest: 'd1', text: 'kept' })}\n{"digest":"d2","te\n${JSON.stringify({ digest: 'd3', text: 7 })}\n${JSON.stringify({ digest: 'd4', text: 'also kept' })}\n`);
		expect([...readTextCache(file)]).toEqual([
			['d1', 'kept'],
			['d4', 'also kept'],
		]);
	});

	test('replacing the texts leaves no partial file behind', () => {
		const file = path.join(folder, 'replaced.jsonl');
		writeTextCache(file, new Map([['d1', 'old']]));
		writeTextCache(file, new Map([['d2', 'new']]));
		expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify({ digest: 'd2', text: 'new' })}\n`);
		expect(() => readFileSync(`${file}.partial`)).toThrow();
	});
});
