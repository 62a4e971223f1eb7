import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFixture, distPath, fixturePath, readPage } from '../support/fixtures.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';
import { RACY_WINDOW_MS } from '../../src/loader/file-stamps.ts';

const article = (title: string, date = '2025-07-24', extra = '') =>
	`---\ntitle: ${title}\ndate: '${date}'\nbylines: [Jane Doe]\nsource: Wire\n${extra}---\nA paragraph about ${title}.\n`;

const created: TempFixture[] = [];
function fixture(name: string, files: Record<string, string>): TempFixture {
	const made = createTempFixture(name, files);
	created.push(made);
	return made;
}
afterAll(() => created.forEach((made) => made.remove()));

/** Builds `made` from scratch into `dist-clean/` and expects its last (incremental) output to equal it, byte for byte. */
async function expectSameAsCleanBuild(made: TempFixture, env: Record<string, string>): Promise<void> {
	const clean = await made.build({ env, force: true, outDir: 'dist-clean' });
	expect(clean.ok, clean.output).toBe(true);
	const files = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(folder, file)).isFile()).sort();
	const incremental = distPath(made.name);
	const fresh = distPath(made.name, 'dist-clean');
	expect(files(incremental)).toEqual(files(fresh));
	for (const file of files(fresh)) expect(readFileSync(path.join(incremental, file)).equals(readFileSync(path.join(fresh, file))), file).toBe(true);
}

describe('the articles loader fails the build instead of losing an article', () => {
	test('a schema error names the file, the field and what was expected', async () => {
		const result = await fixture('schema-error', {
			'good.md': article('Good story'),
			'desk/bad.md': article('Bad story').replace('bylines: [Jane Doe]', 'bylines: Jane Doe'),
		}).build();
		expect(result.ok).toBe(false);
		expect(result.output).toContain('tests/fixtures/tmp-schema-error/content/articles/desk/bad.md: bylines: expected a list of names');
	});

	test('two articles claiming the same slug on the same day fail the build naming both files', async () => {
		const result = await fixture('duplicate', {
			'a.md': article('Same headline', '2025-07-24', 'slug: same-headline\n'),
			'b.md': article('Other headline', '2025-07-24', 'slug: same-headline\n'),
		}).build();
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/tmp-duplicate\/content\/articles\/b\.md: slug: claims the address \/2025\/07\/24\/same-headline\/ that tests\/fixtures\/tmp-duplicate\/content\/articles\/a\.md also claims/);
	});

	test('an article that cannot be rendered fails the build naming the file', async () => {
		const result = await fixture('render-error', {
			'fine.md': article('Fine story'),
			'nested.md': `${article('Deeply nested quote').split('A paragraph')[0]}${'>'.repeat(10_000)} too deep\n`,
		}).build();
		expect(result.ok).toBe(false);
		// Refused before rendering by the Markdown limits (src/model/markdown-limits.ts), still naming the file.
		expect(result.output).toMatch(/tmp-render-error\/content\/articles\/nested\.md: (could not be rendered|the text nests block quotes or lists 10000 levels deep)/);
	});

	test('an article that is empty once unsafe HTML is removed fails the build', async () => {
		const result = await fixture('empty-after-sanitise', {
			'script-only.md': `${article('Only a script').split('A paragraph')[0]}<script>alert(1)</script>\n`,
		}).build();
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/script-only\.md: the article is empty once unsafe HTML is removed/);
	});
});

describe('repeated headlines publish', () => {
	test('two stories with one headline on one day both get pages, listed in the build log and the ledger; a slug overrides', async () => {
		const made = fixture('repeated', {
			'morning.md': article('Results', '2025-07-24T08:00:00Z'),
			'evening.md': article('Results', '2025-07-24T18:00:00Z'),
			'chosen.md': article('Results', '2025-07-24T12:00:00Z', 'slug: midday-results\n'),
		});
		const result = await made.build();
		expect(result.ok, result.output).toBe(true);
		expect(readPage(made.name, '/2025/07/24/results/')('.story__body').text()).toContain('A paragraph about Results.');
		expect(readPage(made.name, '/2025/07/24/results-2/')('h1').text()).toBe('Results');
		expect(readPage(made.name, '/2025/07/24/midday-results/')('h1').text()).toBe('Results');
		expect(result.output).toContain('evening.md: repeats the address of tests/fixtures/tmp-repeated/content/articles/morning.md on the same day; published at /2025/07/24/results-2/');
		expect(result.output).toMatch(/ledger: 3 files found = 3 articles \+ 0 drafts; 3 pages written; 3 search records/);
		expect(result.output).toContain('repeated headline: tests/fixtures/tmp-repeated/content/articles/evening.md at /2025/07/24/results-2/');
	}, 120_000);
});

describe('dates do not depend on the build machine', () => {
	const htmlFiles = (root: string): string[] =>
		readdirSync(root, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.html'))
			.sort();

	test('the basic archive builds byte-identical pages under TZ=UTC and TZ=Pacific/Kiritimati', async () => {
		const utc = await buildFixture('basic', { outDir: 'dist-tz-utc', env: { TZ: 'UTC' }, force: true });
		const kiritimati = await buildFixture('basic', { outDir: 'dist-tz-kiritimati', env: { TZ: 'Pacific/Kiritimati' }, force: true });
		expect(utc.ok, utc.output).toBe(true);
		expect(kiritimati.ok, kiritimati.output).toBe(true);
		const left = distPath('basic', 'dist-tz-utc');
		const right = distPath('basic', 'dist-tz-kiritimati');
		const pages = htmlFiles(left);
		expect(pages.length).toBeGreaterThan(3);
		expect(htmlFiles(right)).toEqual(pages);
		for (const page of pages) {
			expect(readFileSync(path.join(right, page), 'utf8'), page).toBe(readFileSync(path.join(left, page), 'utf8'));
		}
	}, 180_000);
});

describe('incremental builds reuse only what is exactly unchanged', () => {
	test('an edited story and its neighbours are rendered again; other stories are copied from the last build', async () => {
		const made = fixture('incremental', {
			'a.md': article('Alpha story', '2025-07-04'),
			'b.md': article('Bravo story', '2025-07-03'),
			'c.md': article('Charlie story', '2025-07-02'),
			'd.md': article('Delta story', '2025-07-01'),
		});
		const first = await made.build();
		expect(first.ok, first.output).toBe(true);

		const file = fixturePath(made.name, 'content', 'articles', 'c.md');
		writeFileSync(file, article('Charlie story revised', '2025-07-02'));
		const second = await made.build();
		expect(second.ok, second.output).toBe(true);

		const reused = (slug: string) => new RegExp(`/${slug}/index\\.html \\((restored|cached)\\)`).test(second.output);
		expect(reused('alpha-story')).toBe(true);
		expect(reused('bravo-story')).toBe(false);
		expect(reused('delta-story')).toBe(false);
		expect(readPage(made.name, '/2025/07/02/charlie-story-revised/')('h1').text()).toBe('Charlie story revised');
		for (const neighbour of ['/2025/07/03/bravo-story/', '/2025/07/01/delta-story/']) {
			const $ = readPage(made.name, neighbour);
			expect($('a[href="/2025/07/02/charlie-story-revised/"]').length, neighbour).toBeGreaterThan(0);
			expect($('a[href="/2025/07/02/charlie-story/"]').length, neighbour).toBe(0);
		}
	}, 120_000);

	test('a list page or feed is rendered again only when a story it shows changed, and the output equals a clean build', async () => {
		const story = (title: string, date: string, byline: string) => `---\ntitle: ${title}\ndate: '${date}'\nbylines: [${byline}]\nsource: Wire\n---\nA paragraph about ${title}.\n`;
		const made = fixture('incremental-lists', {
			'a.md': story('Alpha story', '2025-07-04', 'Jane Doe'),
			'b.md': story('Bravo story', '2025-07-03', 'Sam Roe'),
			'c.md': story('Charlie story', '2025-07-02', 'Jane Doe'),
			'd.md': story('Delta story', '2025-06-01', 'Sam Roe'),
		});
		// A fixed "now": the home page's "On this day" and the news sitemap depend on the day of the build.
		const env = { SOURCE_DATE_EPOCH: '1753358400' };
		const first = await made.build({ env });
		expect(first.ok, first.output).toBe(true);

		writeFileSync(fixturePath(made.name, 'content', 'articles', 'c.md'), story('Charlie story revised', '2025-07-02', 'Jane Doe'));
		const second = await made.build({ env });
		expect(second.ok, second.output).toBe(true);
		const reused = (file: string) => new RegExp(`${file.replace(/\./g, '\\.')} \\((restored|cached)\\)`).test(second.output);
		// Lists that show the edited story, and its feeds, are rendered again…
		for (const file of ['/2025/07/02/index.html', '/2025/07/index.html', '/bylines/jane-doe/index.html', '/bylines/jane-doe/feed.xml', '/sources/wire/index.html']) {
			expect(reused(file), file).toBe(false);
		}
		// …and those that don't are copied from the last build.
		for (const file of ['/2025/06/01/index.html', '/2025/06/index.html', '/2025/07/03/index.html', '/bylines/sam-roe/index.html', '/bylines/sam-roe/feed.xml', '/bylines/sam-roe/feed.json']) {
			expect(reused(file), file).toBe(true);
		}
		expect(readPage(made.name, '/bylines/jane-doe/')('.story-card__headline').text()).toContain('Charlie story revised');
		// The story's old address, copied from the last build before the pages were generated, is gone, folder and all.
		expect(existsSync(path.join(distPath(made.name), '2025', '07', '02', 'charlie-story'))).toBe(false);
		expect(second.output).toMatch(/1 page\(s\) of the last build are no longer built: removed/);

		await expectSameAsCleanBuild(made, env);
	}, 300_000);

	test('a day’s new stories render each list’s own page and its newest numbered pages; older numbered pages are copied', async () => {
		const story = (day: number, letter = '') =>
			`---\ntitle: Story of July ${day}${letter}\ndate: '2025-07-${String(day).padStart(2, '0')}T12:00:00Z'\nbylines: [Jane Doe]\nsource: Wire\ntags: [Harbour]\n---\nA paragraph about July ${day}.\n`;
		const files = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`${index + 1}.md`, story(index + 1)]));
		const made = createTempFixture('new-day-lists', files, { settings: { pageSize: 2 } });
		created.push(made);
		const env = { SOURCE_DATE_EPOCH: '1753358400' };
		const first = await made.build({ env });
		expect(first.ok, first.output).toBe(true);
		const lists = ['/', '/2025/07/', '/bylines/jane-doe/', '/sources/wire/', '/topics/harbour/'];
		// 30 stories, 2 a page: the own page holds the newest 2, pages 14 … 1 the rest from the oldest.
		for (const list of lists) expect(readPage(made.name, `${list}page/14/`)('.story-card__headline').length, list).toBe(2);
		const page1 = readPage(made.name, '/page/1/')('.story-card__headline').map((_, element) => readPage(made.name, '/page/1/')(element).text().trim()).get();
		expect(page1).toEqual(['Story of July 2', 'Story of July 1']);

		for (const letter of ['a', 'b']) writeFileSync(fixturePath(made.name, 'content', 'articles', `31${letter}.md`), story(31, letter));
		const second = await made.build({ env });
		expect(second.ok, second.output).toBe(true);
		const reused = (file: string) => new RegExp(`[├└]─ ${file.replace(/\./g, '\\.')} \\((restored|cached)\\)`).test(second.output);
		for (const list of lists) {
			// The own page and the newest numbered pages (whose page bars reach the newest) are rendered again…
			for (const page of ['', 'page/12/', 'page/13/', 'page/14/', 'page/15/']) expect(reused(`${list}${page}index.html`), `${list}${page}`).toBe(false);
			// …and the older numbered pages, whose stories and bars did not change, are copied.
			for (let number = 1; number <= 11; number++) expect(reused(`${list}page/${number}/index.html`), `${list}page/${number}/`).toBe(true);
		}
		expect(readPage(made.name, '/page/1/')('.story-card__headline').text()).toBe('Story of July 2Story of July 1');
		expect(readPage(made.name, '/page/15/')('.story-card__headline').text()).toBe('Story of July 30Story of July 29');

		await expectSameAsCleanBuild(made, env);
	}, 300_000);

	test('an unchanged rebuild reuses the search index; an index changed in the output is built again; both equal a clean build', async () => {
		const made = fixture('index-reuse', {
			'a.md': article('Alpha story', '2025-07-04'),
			'b.md': article('Bravo story', '2025-07-03'),
			'c.md': article('Charlie story', '2025-07-02'),
		});
		const env = { SOURCE_DATE_EPOCH: '1753358400' };
		// Files written in the two seconds before a build looks at them are read again by the next (file-stamps.ts).
		await new Promise((resolve) => setTimeout(resolve, RACY_WINDOW_MS + 100));
		const files = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(folder, file)).isFile()).sort();
		const expectSameAs = (fresh: string) => {
			const built = distPath(made.name);
			expect(files(built)).toEqual(files(fresh));
			for (const file of files(fresh)) expect(readFileSync(path.join(built, file)).equals(readFileSync(path.join(fresh, file))), file).toBe(true);
		};
		const first = await made.build({ env });
		expect(first.ok, first.output).toBe(true);
		expect(first.output).not.toMatch(/index is reused/);

		const unchanged = await made.build({ env });
		expect(unchanged.ok, unchanged.output).toBe(true);
		expect(unchanged.output).toMatch(/the search records are those of the last build: its index is reused/);
		// No article file is read again, and the offline manifest reads only what the build wrote anew: scripts,
		// styles and pages without a cache key, not the stories or the index (in this small archive, under half).
		expect(unchanged.output).toMatch(/3 articles \(0 rendered, 3 unchanged\) from 3 files \(0 read, /);
		const [, read, listed] = /; (\d+) of (\d+) files read to hash, the others unchanged since the last build/.exec(unchanged.output) ?? [];
		expect(Number(read)).toBeGreaterThan(0);
		expect(Number(read)).toBeLessThan(Number(listed) / 2);
		const clean = await made.build({ env, force: true, outDir: 'dist-clean' });
		expect(clean.ok, clean.output).toBe(true);
		expect(clean.output).not.toMatch(/index is reused/);
		expectSameAs(distPath(made.name, 'dist-clean'));

		// A published index that is not the one the last build wrote is not trusted.
		const fragments = path.join(distPath(made.name), 'pagefind', 'fragment');
		rmSync(path.join(fragments, readdirSync(fragments)[0]!));
		const repaired = await made.build({ env });
		expect(repaired.ok, repaired.output).toBe(true);
		expect(repaired.output).not.toMatch(/index is reused/);
		expectSameAs(distPath(made.name, 'dist-clean'));
	}, 300_000);

	test('pages of the output before last are moved into the new one, not copied; the published output stays whole, and the result equals a clean build', async () => {
		const made = fixture('moved-pages', {
			'a.md': article('Alpha story', '2025-07-04'),
			'b.md': article('Bravo story', '2025-07-03'),
			'c.md': article('Charlie story', '2025-07-02'),
			'd.md': article('Delta story', '2025-06-01'),
		});
		const env = { SOURCE_DATE_EPOCH: '1753358400' };
		const snapshot = (folder: string) =>
			Object.fromEntries(
				readdirSync(folder, { recursive: true, encoding: 'utf8' })
					.filter((file) => statSync(path.join(folder, file)).isFile())
					.map((file) => [file, readFileSync(path.join(folder, file), 'utf8')]),
			);
		expect((await made.build({ env })).ok).toBe(true);
		writeFileSync(fixturePath(made.name, 'content', 'articles', 'a.md'), article('Alpha story revised', '2025-07-04'));
		const second = await made.build({ env });
		expect(second.ok, second.output).toBe(true);
		// The first build's output has no kept sizes and times yet: its pages are copied from Astro's cache.
		expect(second.output).toMatch(/page\(s\) of the last build placed before generation: 0 moved from the output before last/);

		const published = snapshot(distPath(made.name));
		writeFileSync(fixturePath(made.name, 'content', 'articles', 'd.md'), article('Delta story revised', '2025-06-01'));
		const third = await made.build({ env });
		expect(third.ok, third.output).toBe(true);
		const [, placed, moved] = /(\d+) page\(s\) of the last build placed before generation: (\d+) moved from the output before last/.exec(third.output) ?? [];
		// The pages the second build did not render again (the first build's files) are moved.
		expect(Number(moved)).toBeGreaterThan(0);
		expect(Number(moved)).toBeLessThan(Number(placed));
		// The output the third build replaced, the second's, is whole: nothing was moved out of it or written into it.
		expect(snapshot(`${distPath(made.name)}.previous`)).toEqual(published);
		expect(readPage(made.name, '/2025/06/01/delta-story-revised/')('h1').text()).toBe('Delta story revised');
		await expectSameAsCleanBuild(made, env);
	}, 300_000);

	test('an article rewritten to the same size with its old modification time is read and rendered again', async () => {
		const made = fixture('same-size-edit', { 'a.md': article('Alpha story', '2025-07-04'), 'b.md': article('Bravo story', '2025-07-03') });
		await new Promise((resolve) => setTimeout(resolve, RACY_WINDOW_MS + 100));
		const first = await made.build();
		expect(first.ok, first.output).toBe(true);
		const file = fixturePath(made.name, 'content', 'articles', 'a.md');
		const { atime, mtime, size } = statSync(file);
		writeFileSync(file, article('Omega story', '2025-07-04'));
		utimesSync(file, atime, mtime);
		expect(statSync(file).size).toBe(size);
		expect(statSync(file).mtimeMs).toBe(mtime.getTime());

		const second = await made.build();
		expect(second.ok, second.output).toBe(true);
		expect(second.output).toMatch(/2 articles \(1 rendered, 1 unchanged\) from 2 files \(1 read, /);
		expect(readPage(made.name, '/2025/07/04/omega-story/')('h1').text()).toBe('Omega story');
		expect(existsSync(path.join(distPath(made.name), '2025', '07', '04', 'alpha-story'))).toBe(false);
	}, 120_000);

	test('a story whose kept text is lost or damaged is rendered again, and the index still holds every story', async () => {
		const made = fixture('text-cache', {
			'a.md': article('Alpha story', '2025-07-04'),
			'b.md': article('Bravo story', '2025-07-03'),
			'c.md': article('Charlie story', '2025-07-02'),
		});
		const first = await made.build();
		expect(first.ok, first.output).toBe(true);

		const texts = fixturePath(made.name, '.cache', 'clippings-article-texts.jsonl');
		const lines = readFileSync(texts, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(3);
		writeFileSync(texts, `${lines[0]}\n${lines[1]!.slice(0, 20)}\n`);
		const second = await made.build();
		expect(second.ok, second.output).toBe(true);
		expect(second.output).toMatch(/3 articles \(2 rendered, 1 unchanged\)/);
		expect(second.output).toMatch(/3 pages written; 3 search records/);
		expect(readFileSync(texts, 'utf8').trim().split('\n')).toHaveLength(3);
	}, 120_000);
});
