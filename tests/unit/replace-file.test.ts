import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { replaceFile } from '../../src/model/replace-file.ts';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

describe('replacing a file the build keeps between builds', () => {
	test('writes the text, creating its folder, and replaces an older file whole, leaving no partial file', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-replace-'));
		const file = path.join(root, 'cache', 'kept.json');
		replaceFile(file, 'first');
		expect(readFileSync(file, 'utf8')).toBe('first');
		replaceFile(file, 'second, longer');
		expect(readFileSync(file, 'utf8')).toBe('second, longer');
		expect(readdirSync(path.dirname(file))).toEqual(['kept.json']);
		expect(existsSync(`${file}.partial`)).toBe(false);
	});
});
