import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkArticles } from '../../src/tooling/check-articles.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

let content: string;
beforeEach(() => {
	content = mkdtempSync(path.join(tmpdir(), 'clippings-check-'));
});
afterEach(() => rmSync(content, { recursive: true, force: true }));

function put(name: string, text: string): void {
	const file = path.join(content, 'articles', name);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, text);
}

const valid = (title: string, body = 'Text.') => `---\ntitle: ${title}\ndate: '2024-01-02'\nbylines: [Ann Lee]\nsource: CNN\n---\n${body}\n`;

function check() {
	return checkArticles({
		root: content,
		directory: path.join(content, 'articles'),
		timeZone: 'America/New_York',
		read: (file) => readFileSync(path.join(content, file)),
	});
}

describe('checking the content folder', () => {
	test('a folder of valid articles has no problems', async () => {
		put('a.md', valid('One'));
		put('b.md', valid('Two'));
		put('draft.md', valid('Three').replace('source: CNN', 'source: CNN\ndraft: true'));
		expect(await check()).toMatchObject({ files: 3, articles: 2, drafts: 1, problems: [] });
	});

	test('every problem in every file is found at once, naming the file and the field', async () => {
		put('a.md', valid('Same headline'));
		put('b.md', valid('Same headline', 'Another text.'));
		put('bad-date.md', valid('Dated').replace("'2024-01-02'", 'yesterday'));
		put('two-problems.md', '---\ntitle: ""\ndate: 2024-01-02\nbylines: Ann Lee\nsource: CNN\nauthor: x\n---\nText.\n');
		put('empty-once-sanitised.md', valid('Only a script', '<script>alert(1)</script>'));
		put('not-utf8.md', '');
		writeFileSync(path.join(content, 'articles/not-utf8.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xa3]));
		put('notes.txt', 'ignored');
		const result = await check();
		expect(result.lines).toEqual([
			'articles/bad-date.md: date: the publication date must look like 2025-07-24 or 2025-07-24T14:30:00-04:00',
			'articles/empty-once-sanitised.md: the article is empty once unsafe HTML is removed',
			expect.stringMatching(/^articles\/not-utf8\.md: the file is not valid UTF-8/),
			'articles/two-problems.md: author: unknown field "author"; known fields are title, date, bylines, source, updated, dateline, summary, section, tags, lang, url, corrections, image, draft, slug',
			'articles/two-problems.md: bylines: expected a list of names, e.g. bylines: [Jane Doe, John Roe] (or [] for none)',
			'articles/two-problems.md: title: the headline is empty',
		]);
		expect(result.ignored).toEqual([{ file: 'articles/notes.txt', reason: 'not a Markdown file' }]);
	});

	test('two stories with the same headline on the same day are a warning, not a problem: both publish', async () => {
		put('a.md', valid('Same headline'));
		put('b.md', valid('Same headline', 'Another text.'));
		const result = await check();
		expect(result).toMatchObject({ articles: 2, problems: [] });
		expect(result.warnings).toEqual([
			'articles/b.md: repeats the address of articles/a.md on the same day; published at /2024/01/02/same-headline-2/ (set `slug` to choose another)',
		]);
	});
});

describe('npm run check', () => {
	const cli = (args: string[]) =>
		run(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'src/cli/check.ts'), ...args], { cwd: ROOT }).then(
			(result) => ({ code: 0, ...result }),
			(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
		);

	test('prints every problem with its file and field and exits 1', async () => {
		put('a.md', valid('Fine'));
		put('b.md', valid('Broken').replace('source: CNN\n', ''));
		put('c.md', valid('Also broken').replace('bylines: [Ann Lee]', 'bylines: [Ann Lee]\nlang: not a language'));
		const result = await cli(['--content', content]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/articles\/b\.md: source: is missing/);
		expect(result.stdout).toMatch(/articles\/c\.md: lang: lang must be a BCP 47 language tag/);
		expect(result.stdout).toMatch(/2 problems in 2 files \(of 3\)/);
	});

	test('prints a repeated headline as a warning and still exits 0', async () => {
		put('a.md', valid('Results'));
		put('b.md', valid('Results', 'Later results.'));
		const result = await cli(['--content', content]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^warning: \S*articles\/b\.md: repeats the address of \S*articles\/a\.md on the same day; published at \/2024\/01\/02\/results-2\//m);
	});

	test('exits 0 and says so when there is nothing to fix', async () => {
		put('a.md', valid('Fine'));
		const result = await cli(['--content', content]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^1 article in .*articles: no problems/m);
	});
});
