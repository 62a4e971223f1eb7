import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findDateInPath } from '../../src/tooling/import/dates.ts';
import { importArticles, type ImportOptions } from '../../src/tooling/import/import-articles.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

let project: string;
let inbox: string;
let options: ImportOptions;

beforeEach(() => {
	project = mkdtempSync(path.join(tmpdir(), 'clippings-import-dates-'));
	inbox = path.join(project, 'inbox');
	mkdirSync(inbox);
	options = { root: project, content: 'content', timeZone: 'UTC', source: 'The Ledger' };
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

function put(name: string, content: string): string {
	const file = path.join(inbox, name);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, content);
	return file;
}

/** A headline-first story without a date line: how digitised back issues often come. */
const story = (headline: string) => `${headline}\n\nThe story under “${headline}”, as the paper printed it.\n`;

describe('a date read from the path', () => {
	test.each([
		['2005/02/27/story.txt', '2005-02-27'],
		['scans/2005-02-27/page-1.txt', '2005-02-27'],
		['2005-02-27-story.txt', '2005-02-27'],
		['19870302-story.txt', '1987-03-02'],
		['scans/19870302/story.txt', '1987-03-02'],
		['2005/02/30/story.txt', undefined],
		['12345678-story.txt', undefined],
		['10017-talking-point.txt', undefined],
		['story.txt', undefined],
	])('%j gives %j', (file, expected) => {
		expect(findDateInPath(file)).toBe(expected);
	});

	test('headline-first stories in an edition’s folders get that edition’s day', async () => {
		put('2005/02/27/bridge.txt', story('Council votes to reopen the bridge'));
		put('2005-02-28/school.txt', story('School board meets on budget'));
		put('19870302-mill.txt', story('Mill reopens after the strike'));
		const report = await importArticles([inbox], options);
		expect(report.counts).toEqual({ imported: 3, present: 0, rejected: 0 });
		expect(report.results.map((result) => result.address).sort()).toEqual([
			'/1987/03/02/mill-reopens-after-the-strike/',
			'/2005/02/27/council-votes-to-reopen-the-bridge/',
			'/2005/02/28/school-board-meets-on-budget/',
		]);
	});
});

describe('--date for one day’s edition', () => {
	test('gives its day to inputs that name none, and leaves a date in the text or path as it is', async () => {
		put('bridge.txt', story('Council votes to reopen the bridge'));
		put('school.txt', 'School board meets on budget\n\nMarch 1, 1987\n\nThe board met.\n');
		put('1987-02-27/mill.txt', story('Mill reopens after the strike'));
		const report = await importArticles([inbox], { ...options, editionDate: '1987-03-02' });
		expect(report.counts.imported).toBe(3);
		expect(report.undated).toBe(0);
		expect(report.results.map((result) => result.address).sort()).toEqual([
			'/1987/02/27/mill-reopens-after-the-strike/',
			'/1987/03/01/school-board-meets-on-budget/',
			'/1987/03/02/council-votes-to-reopen-the-bridge/',
		]);
	});

	test('without it, undated inputs are counted in the report, each rejected with what to pass', async () => {
		put('bridge.txt', story('Council votes to reopen the bridge'));
		put('school.txt', story('School board meets on budget'));
		const report = await importArticles([inbox], options);
		expect(report.undated).toBe(2);
		expect(report.results.every((result) => /pass --date YYYY-MM-DD/.test(result.reason ?? ''))).toBe(true);
	});

	test('the summary says how many inputs had no date and what to pass; a --date that is not a day is a usage error', async () => {
		put('bridge.txt', story('Council votes to reopen the bridge'));
		put('school.txt', story('School board meets on budget'));
		const node = path.join(ROOT, 'node_modules/.bin/node');
		const cli = (args: string[]) =>
			run(node, [path.join(ROOT, 'src/cli/import.ts'), inbox, '--content', path.join(project, 'content'), '--source', 'The Ledger', ...args], {
				cwd: ROOT,
				env: { ...process.env, CI: 'true' },
			}).then(
				(result) => ({ code: 0, ...result }),
				(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
			);
		const undated = await cli(['--dry-run']);
		expect(undated.code).toBe(1);
		expect(undated.stdout).toMatch(/2 inputs have no date in the text, front-matter or path\. If they are one day's edition, pass --date YYYY-MM-DD/);
		expect((await cli(['--date', '2005-02-30'])).code).toBe(2);
		const dated = await cli(['--date', '2005-02-27']);
		expect(dated.code).toBe(0);
		expect(dated.stdout).toContain('imported 2 · already present 0 · rejected 0');
	});
});
