import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { importArticles, type ImportOptions } from '../../src/tooling/import/import-articles.ts';
import { parseArticle } from '../../src/model/parse-article.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = path.resolve(ROOT, '../shared/seeds/000_5519ea3ed3423e17.txt');

let project: string;
let inbox: string;
let options: ImportOptions;

beforeEach(() => {
	project = mkdtempSync(path.join(tmpdir(), 'clippings-import-'));
	inbox = path.join(project, 'inbox');
	mkdirSync(inbox);
	options = { root: project, content: 'content', timeZone: 'America/New_York' };
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** Every file under the project's content folder, with its bytes and modification time. */
function snapshot(): Map<string, { text: string; mtime: number }> {
	const dir = path.join(project, 'content');
	const files = new Map<string, { text: string; mtime: number }>();
	for (const name of readdirSync(dir, { recursive: true }) as string[]) {
		const file = path.join(dir, name);
		if (statSync(file).isFile()) files.set(name, { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs });
	}
	return files;
}

function put(name: string, content: string | Uint8Array): string {
	const file = path.join(inbox, name);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, content);
	return file;
}

describe('importing files into the archive', () => {
	test('writes the seed where the archive keeps it, as a file parseArticle accepts', async () => {
		const report = await importArticles([SEED], options);
		expect(report.counts).toEqual({ imported: 1, present: 0, rejected: 0 });
		const [result] = report.results;
		expect(result).toMatchObject({
			status: 'imported',
			shape: 'wire-text',
			encoding: 'utf-8',
			file: 'content/articles/cnn/2025/2025-07-24-the-united-states-is-recalling-its-negotiating-team-from-doha.md',
			address: '/2025/07/24/the-united-states-is-recalling-its-negotiating-team-from-doha/',
		});
		const text = readFileSync(path.join(project, result!.file!), 'utf8');
		expect(text).toMatch(/^---\ntitle: The United States is recalling its negotiating team from Doha\ndate: '2025-07-24'\nbylines:\n  - Jennifer Hansler\n  - Kylie Atwood\nsource: CNN\ndateline: CNN\n---\n\(CNN\) — /);
		expect(parseArticle(text, result!.file!).ok).toBe(true);
	});

	test('running the same import again recognises every article as present and changes no byte', async () => {
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nNEW YORK, Jan 2 - The first story of the year.\n');
		put('b.md', '---\ntitle: A post\ndate: 2024-01-03\nauthor: Bo Park\n---\nText.\n');
		const first = await importArticles([inbox], { ...options, source: 'Blog' });
		expect(first.counts).toEqual({ imported: 2, present: 0, rejected: 0 });
		const before = snapshot();
		const second = await importArticles([inbox], { ...options, source: 'Blog' });
		expect(second.counts).toEqual({ imported: 0, present: 2, rejected: 0 });
		expect(snapshot()).toEqual(before);
	});

	test('a different story at an address already taken never replaces it: a given headline is rejected with the reason', async () => {
		put('one/post.md', '---\ntitle: Same headline\ndate: 2024-01-03\n---\nFirst text.\n');
		put('two/post.md', '---\ntitle: Same headline\ndate: 2024-01-03\n---\nSecond, different text.\n');
		const report = await importArticles([inbox], { ...options, source: 'Blog' });
		expect(report.counts).toEqual({ imported: 1, present: 0, rejected: 1 });
		expect(report.results[1]).toMatchObject({ status: 'rejected', reason: /already has the address \/2024\/01\/03\/same-headline\/.*different text/ });
		const files = [...snapshot().values()];
		expect(files).toHaveLength(1);
		expect(files[0]!.text).toContain('First text.');
	});

	test('a headline the import wrote gives way to a longer one when another version of the story holds the address', async () => {
		put('1.txt', ' date 1987-03-30 By Rene Villegas, Reuters\n\nBRASILIA, March 30 - Brazil legalised the parallel dollar market, aimed at promoting imports, officials said.\n\nFirst version.\n');
		put('2.txt', ' date 1987-03-30 By Rene Villegas, Reuters\n\nBRASILIA, March 30 - Brazil legalised the parallel dollar market, aimed at promoting imports, officials said.\n\nSecond version.\n');
		const report = await importArticles([inbox], options);
		expect(report.counts).toEqual({ imported: 2, present: 0, rejected: 0 });
		expect(report.results[0]!.address).not.toBe(report.results[1]!.address);
	});

	test('a story whose headline an editor changed after the import is still recognised as present', async () => {
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nNEW YORK, Jan 2 - The council met and agreed on a budget.\n\nMore text.\n');
		const [first] = (await importArticles([inbox], options)).results;
		const file = path.join(project, first!.file!);
		writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Council agrees budget'));
		const [again] = (await importArticles([inbox], options)).results;
		expect(again).toMatchObject({ status: 'present', file: first!.file });
	});

	test('hundreds of inputs, prepared in parallel, come out in input order with the same outcome as one by one', async () => {
		for (let index = 0; index < 260; index++) {
			put(`${String(index).padStart(3, '0')}.txt`, ` date 2024-01-02 By Ann Lee, CNN\n\nStory number ${index} is about the council.\n`);
		}
		put('261.txt', '');
		const report = await importArticles([inbox], options);
		expect(report.counts).toEqual({ imported: 260, present: 0, rejected: 1 });
		expect(report.results.map((result) => path.basename(result.input))).toEqual([...Array.from({ length: 260 }, (_, index) => `${String(index).padStart(3, '0')}.txt`), '261.txt']);
		expect(report.results[7]).toMatchObject({ address: '/2024/01/02/story-number-7-is-about-the-council/' });
	});

	test('the same story found twice is written once and then recognised as present', async () => {
		const story = ' date 2024-01-02 By Ann Lee, CNN\n\nThe story.\n';
		put('a.txt', story);
		put('copy/a.txt', story);
		const report = await importArticles([inbox], options);
		expect(report.results.map((result) => result.status)).toEqual(['imported', 'present']);
	});

	test('a file name already used by another article gets a numbered name instead of replacing it', async () => {
		const existing = path.join(project, 'content/articles/cnn/2024/2024-01-02-the-story.md');
		mkdirSync(path.dirname(existing), { recursive: true });
		writeFileSync(existing, '---\ntitle: Renamed by an editor\ndate: 2024-01-02\nbylines: []\nsource: CNN\n---\nAn edited story.\n');
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nThe story.\n');
		const report = await importArticles([inbox], options);
		expect(report.results[0]).toMatchObject({ status: 'imported', file: 'content/articles/cnn/2024/2024-01-02-the-story-2.md' });
		expect(readFileSync(existing, 'utf8')).toContain('An edited story.');
	});

	test('encodings, line ends and byte-order marks are read; the text is stored as UTF-8', async () => {
		put('latin1.txt', Buffer.concat([Buffer.from(' date 1987-03-02 By Jo Ng, Reuters\r\n\r\nLONDON, March 2 - Sterling rose to '), Buffer.from([0xa3]), Buffer.from('1.55.\r\n')]));
		put('utf16.txt', Buffer.from('\uFEFF date 1987-03-03 By Jo Ng, Reuters\r\n\r\nLONDON, March 3 - Sterling fell to £1.50.\r\n', 'utf16le'));
		put('bom.md', '\uFEFF---\r\ntitle: With a BOM\r\ndate: 2020-05-06\r\n---\r\nText.\r\n');
		const report = await importArticles([inbox], { ...options, source: 'Reuters' });
		expect(report.results.map((result) => [result.status, result.encoding])).toEqual([
			['imported', 'utf-8'],
			['imported', 'windows-1252'],
			['imported', 'utf-16le'],
		]);
		const texts = [...snapshot().values()].map((file) => file.text);
		expect(texts.some((text) => text.includes('Sterling rose to £1.55.'))).toBe(true);
		expect(texts.some((text) => text.includes('Sterling fell to £1.50.'))).toBe(true);
		for (const text of texts) expect(text).not.toMatch(/\r|\uFEFF|\uFFFD/);
	});

	test('empty, undecodable and unknown inputs are rejected by name with their reasons, and nothing is written for them', async () => {
		put('empty.txt', '');
		put('broken.txt', Buffer.from([0x41, 0x8d, 0x42]));
		put('picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
		put('notes.txt', 'just some words without a headline line or a header, in one long paragraph that ends with a period.');
		put('post.mdx', '---\ntitle: x\n---\n');
		const report = await importArticles([inbox, path.join(project, 'missing.txt')], options);
		expect(report.counts).toEqual({ imported: 0, present: 0, rejected: 6 });
		expect(Object.fromEntries(report.results.map((result) => [path.basename(result.input), result.reason]))).toEqual({
			'missing.txt': 'no such file or folder',
			'broken.txt': expect.stringMatching(/neither UTF-8 nor Windows-1252/),
			'empty.txt': 'the file is empty',
			'notes.txt': expect.stringMatching(/no shape the import knows/),
			'picture.png': expect.stringMatching(/not a format the import reads/),
			'post.mdx': expect.stringMatching(/MDX can run code/),
		});
		expect(report.reasons.reduce((sum, group) => sum + group.count, 0)).toBe(6);
	});

	test('a dry run decides everything and writes nothing', async () => {
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nThe story.\n');
		const report = await importArticles([inbox], { ...options, dryRun: true });
		expect(report).toMatchObject({ dryRun: true, counts: { imported: 1 } });
		expect(() => readdirSync(path.join(project, 'content'))).toThrow();
	});

	test('leaves no temporary files behind', async () => {
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nThe story.\n');
		await importArticles([inbox], options);
		expect([...snapshot().keys()].filter((name) => path.basename(name).startsWith('.'))).toEqual([]);
	});
});

describe('npm run import', () => {
	const cli = (args: string[], env: Record<string, string> = {}) =>
		run(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'src/cli/import.ts'), ...args], {
			cwd: ROOT,
			env: { ...process.env, CI: 'true', ...env },
		}).then(
			(result) => ({ code: 0, ...result }),
			(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
		);

	test('a single credit named in the site\'s wires setting becomes the source with no byline, alongside --wire', async () => {
		put('a.txt', ' date 2024-01-02 By Agência Brasil\n\nThe story.\n');
		put('b.txt', ' date 2024-01-03 By Notimex\n\nAnother story.\n');
		const config = path.join(project, 'astro.config.mjs');
		writeFileSync(config, `export default { integrations: [{ name: 'clippings', config: { content: 'content', timeZone: 'UTC', wires: ['Agência Brasil'] } }] };\n`);
		const result = await cli([inbox, '--config', config, '--content', path.join(project, 'content'), '--wire', 'Notimex']);
		expect(result.code).toBe(0);
		const articles = [...snapshot().values()].map((file) => parseArticle(file.text, 'a.md')).map((parsed) => parsed.ok && { source: parsed.article.data.source, bylines: parsed.article.data.bylines });
		expect(articles.sort((a, b) => String(a && a.source).localeCompare(String(b && b.source)))).toEqual([
			{ source: 'Agência Brasil', bylines: [] },
			{ source: 'Notimex', bylines: [] },
		]);
	});

	test('prints one plain line per input when not on a terminal, a summary, writes the JSON report and exits 1 on a rejection', async () => {
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nThe story.\n');
		put('b.txt', '');
		const reportFile = path.join(project, 'report.json');
		const result = await cli([inbox, '--content', path.join(project, 'content'), '--report', reportFile]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^imported {2}.*a\.txt → .*2024-01-02-the-story\.md$/m);
		expect(result.stderr).toMatch(/^rejected {2}.*b\.txt: the file is empty$/m);
		expect(result.stderr).not.toContain('\r');
		expect(result.stdout).toContain('imported 1 · already present 0 · rejected 1');
		const report = JSON.parse(readFileSync(reportFile, 'utf8'));
		expect(report.counts).toEqual({ imported: 1, present: 0, rejected: 1 });
		expect(report.results).toHaveLength(2);
	});

	test('exits 0 when everything is imported or already present, and 2 on a usage error', async () => {
		put('a.txt', ' date 2024-01-02 By Ann Lee, CNN\n\nThe story.\n');
		const args = [inbox, '--content', path.join(project, 'content')];
		expect((await cli(args)).code).toBe(0);
		const again = await cli(args);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('imported 0 · already present 1 · rejected 0');
		expect((await cli([])).code).toBe(2);
		expect((await cli([inbox, '--time-zone', 'Mars/Olympus'])).code).toBe(2);
	});
});
